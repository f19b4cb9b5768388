/**
 * The hand-over between the console and the GraphiQL document it frames (`/dev/ide`): the frame says
 * it is ready, the console answers with the request headers (token, purpose, case or ticket number).
 * Both sides accept only messages from this origin and from the expected window, so the token
 * travels in memory from one same-origin document to the other and is never stored or put in a URL.
 */
export const IDE_READY = 'onefile-ide-ready';
export const IDE_SESSION = 'onefile-ide-session';

/** The console's message to the frame: the headers GraphiQL starts with. */
export interface IdeSessionMessage {
  type: typeof IDE_SESSION;
  headers: Record<string, string>;
}

/** Whether a message event is `type` sent from this origin by `from`. */
export function isMessage(event: MessageEvent, from: MessageEventSource | null, type: string): boolean {
  return event.origin === window.location.origin && from !== null && event.source === from && typeof event.data === 'object' && event.data !== null && (event.data as { type?: unknown }).type === type;
}
