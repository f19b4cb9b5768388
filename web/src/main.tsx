import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, SignedIn } from './App';

/**
 * The console, loaded by the first page (./boot.ts) while the user signs in, and mounted over it
 * with the token it got (kept in memory: handed over as an argument, never stored).
 */
export function mountConsole(root: HTMLElement, signedIn: SignedIn): void {
  createRoot(root).render(
    <StrictMode>
      <App signedIn={signedIn} />
    </StrictMode>,
  );
}
