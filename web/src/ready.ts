import { useEffect } from 'react';

/**
 * Marks the moment a page is interactive — rendered with what it needs and its handlers attached
 * (React attaches them at commit, before effects run) — as a User Timing mark, once per page load:
 * `performance.getEntriesByName('onefile:sign-in-ready')`. The browser test reads these to report
 * load times measured inside the page, not through the test driver's polling.
 */
export function useReadyMark(name: string, ready: boolean): void {
  useEffect(() => {
    if (ready && performance.getEntriesByName(name).length === 0) performance.mark(name);
  }, [name, ready]);
}
