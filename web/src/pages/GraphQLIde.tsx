import { useEffect, useRef } from 'react';
import type { Session } from '../api';
import { useT } from '../i18n';
import { IDE_READY, IDE_SESSION, IdeSessionMessage, isMessage } from '../ideHandoff';

/** The request headers the signed-in user's own requests carry: token, purpose, case or ticket number. */
export function ideHeaders(session: Session): Record<string, string> {
  const headers: Record<string, string> = { authorization: `Bearer ${session.token}` };
  if (session.purpose) headers['x-purpose'] = session.purpose;
  if (session.caseNumber) headers['x-case-number'] = session.caseNumber;
  if (session.ticketId) headers['x-ticket-id'] = session.ticketId;
  return headers;
}

/**
 * A local GraphQL IDE for developers of department apps, in development only (the console offers it
 * only where the hub has development sign-in, and the hub serves `/dev/ide` only then): GraphiQL 5,
 * bundled from this repository, in a same-origin frame. The frame is its own document because
 * GraphiQL's editor (Monaco) injects styles at run time, which the console's CSP refuses; the hub
 * serves that one document under a CSP that allows inline styles and same-origin workers, and the
 * console keeps its strict one. Nothing of GraphiQL is in the console's own JavaScript: the frame
 * loads it. When the frame says it is ready, this page hands it the user's headers by `postMessage`
 * (same origin only); a new purpose reloads the frame with the new headers.
 */
export function GraphQLIde({ session }: { session: Session }) {
  const { t } = useT();
  const frame = useRef<HTMLIFrameElement>(null);

  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      const target = frame.current?.contentWindow ?? null;
      if (!target || !isMessage(event, target, IDE_READY)) return;
      const message: IdeSessionMessage = { type: IDE_SESSION, headers: ideHeaders(session) };
      target.postMessage(message, window.location.origin);
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [session]);

  return (
    <section aria-labelledby="ide-title" className="ide">
      <h1 id="ide-title">{t('ide')}</h1>
      <p className="muted small">{t('ideNote')}</p>
      <iframe ref={frame} key={`${session.purpose}|${session.caseNumber}|${session.ticketId}`} src="/dev/ide" title="GraphiQL" className="ide-frame" data-testid="ide-frame" />
    </section>
  );
}
