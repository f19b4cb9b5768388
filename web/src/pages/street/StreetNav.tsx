import type { Page } from '../../App';
import { useStreetT } from './streetText';
import './street.css';

/**
 * The street worker's two main pages as a bar at the bottom of the screen, where a thumb reaches
 * on a phone held in one hand (a top bar on wide screens).
 */
export function StreetNav({ current, go }: { current: 'search' | 'coverage' | 'household'; go(page: Page): void }) {
  const { s } = useStreetT();
  return (
    <nav className="street-nav" aria-label={s('streetNav')}>
      <button type="button" aria-current={current === 'search' ? 'page' : undefined} onClick={() => go({ name: 'home' })}>
        {s('navSearch')}
      </button>
      <button type="button" aria-current={current === 'coverage' ? 'page' : undefined} onClick={() => go({ name: 'coverage' })}>
        {s('navCoverage')}
      </button>
    </nav>
  );
}
