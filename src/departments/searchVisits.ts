import type { Databases } from '../db/databases';
import type { VisitFilter } from '../sources/search/criteria';

/**
 * The visit conditions of the hub's search (`SearchFilter.notVisitedSinceDays`, `visitOutcome`:
 * `SearchCriteria.visits`), answered by the module that keeps the visits: the GraphQL enum of a
 * visit's outcome (the filter's input type) and the candidates that pass, kept in their order,
 * counting only the visits of `f.scope`.
 */
export interface SearchVisits {
  /** The GraphQL enum of a visit's outcome (`SearchFilter.visitOutcome`'s type). */
  readonly outcomeType: object;
  persons<C extends { id_number: string; household_no: string | null }>(dbs: Databases, candidates: C[], f: VisitFilter, now: Date): Promise<C[]>;
  households<C extends { row: { household_no: string } }>(dbs: Databases, candidates: C[], f: VisitFilter, now: Date): Promise<C[]>;
}
