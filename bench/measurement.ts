import type { LoadResult } from './load';
import type { Window } from './searchCompare';
import type { ServerStats } from './serve';

/**
 * What `npm run bench` measures, as plain records: the files' windows (bench/run.ts) and the searches'
 * windows against their floors (bench/search.ts `--floor`, bench/searchCompare.ts). Types only, so the
 * report (run.ts), the targets table (issueTargets.ts) and their test share them without importing each other.
 */

/** The two files of issue 15. */
export type Scenario = 'person' | 'household';

/** One measured window of a file against one server target. */
export interface Measurement {
  residents: number;
  scenario: Scenario;
  /** The target as named in --targets (`hub`, `hub@16`). */
  target: string;
  /** 0-based; windows of one round ran interleaved. */
  round: number;
  load: LoadResult;
  server: ServerStats;
  /** CPU milliseconds over the measured window: the server process, and PostgreSQL (NaN when not embedded). */
  cpu: { nodeMs: number; postgresMs: number };
}

/** One measured window of a search (`a`: grid tag search page, `b`: city-wide name search) against one target. */
export interface SearchWindow extends Omit<Window, 'target'> {
  search: 'a' | 'b';
  residents: number;
  target: 'hub' | 'hub-before' | 'floor';
}
