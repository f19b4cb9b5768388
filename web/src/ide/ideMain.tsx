import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { IDE_READY, IDE_SESSION, IdeSessionMessage, isMessage } from '../ideHandoff';

/**
 * The `/dev/ide` document (development only, served by the hub under its own narrower CSP): it waits
 * for the console that frames it to hand over the signed-in user's headers, then loads GraphiQL (and
 * its Monaco editor and workers) and mounts it. Opened on its own, outside the console, it says so and
 * loads nothing.
 */
function start(root: HTMLElement): void {
  if (window.parent === window) {
    root.textContent = 'Open the GraphQL IDE from the OneFile console (development sign-in): it hands over your token and purpose.';
    return;
  }
  const onMessage = (event: MessageEvent) => {
    if (!isMessage(event, window.parent, IDE_SESSION)) return;
    window.removeEventListener('message', onMessage);
    const { headers } = event.data as IdeSessionMessage;
    void import('./OneFileGraphiQL').then(({ OneFileGraphiQL }) => {
      createRoot(root).render(
        <StrictMode>
          <OneFileGraphiQL headers={headers} />
        </StrictMode>,
      );
    });
  };
  window.addEventListener('message', onMessage);
  window.parent.postMessage({ type: IDE_READY }, window.location.origin);
}

start(document.getElementById('ide-root')!);
