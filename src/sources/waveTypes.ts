/**
 * The shapes a department wave reads (src/sources/departmentWave.ts collects a request's parts,
 * src/sources/sharedWaves.ts reads them, with other requests' when they wait together).
 */
export interface WavePart<R> {
  /** Names the part in the statement's order; unique within a department. */
  readonly name: string;
  /** Column names, in the order of the part's json arrays; the loader's rows get these keys. */
  readonly columns: readonly string[];
  /**
   * The column holding the key a row was read for (one of `columns`): when waves of several
   * requests share a statement (src/sources/sharedWaves.ts), each request gets back only the rows
   * whose `key` is one of its own keys. Its value must equal the asked key as a JavaScript string
   * (`= ANY` on ID numbers, codes, uuids as PostgreSQL prints them), as the loaders' `keyOf` already assumes.
   */
  readonly key: string;
  /**
   * What, besides the keys, tells this part's subquery apart from the same part of another
   * request (src/sources/sharedWaves.ts): parts of one name with equal share keys share one
   * subquery over the union of their keys. `''` for a part whose text and non-key values never
   * vary; a row-scoped part returns its scope's key (`scopeKeyOf`). It must differ whenever the
   * subquery's text or non-key values differ. Without it, the subquery's text and values themselves
   * are compared: always right, dearer (a SQL text and a JSON text per request and part).
   */
  readonly shareKey?: () => string | Promise<string>;
  /** The part's own statement, run when it is alone in its wave (the per-table read). */
  alone(keys: readonly string[]): Promise<R[]>;
  /**
   * The part as one scalar subquery returning a json array of row arrays (never NULL: `[]` when
   * no row matches), its parameters numbered from `$first`. `values[0]` is `keys`; the other values
   * (a row scope) and the text must not depend on the keys, so parts of several requests that
   * agree on them can be read as one subquery over the union of their keys. Only plain data is
   * compared (strings, numbers, booleans, BigInts, null, arrays of these: sharedWaves.ts
   * `valuesSignature`); a part with any other value is read as a subquery of its own.
   */
  combined(keys: readonly string[], first: number): Promise<PartSql> | PartSql;
}

/** A part's subquery and its parameter values. */
export interface PartSql {
  text: string;
  values: readonly unknown[];
}

/** One loader's batch waiting in a wave: its part, its keys, and where its rows go. */
export interface WaveRequest {
  part: WavePart<unknown>;
  keys: readonly string[];
  resolve: (rows: unknown[]) => void;
  reject: (err: unknown) => void;
  /** Its slot signature once worked out (src/sources/sharedWaves.ts); null once the request was rejected there. */
  signature?: string | null;
}
