import DataLoader from 'dataloader';
import type { Databases } from '../../db/databases';
import { coverageResidents } from './coverageSource';
import { guarded, manyByKey, oneByKey } from '../../sources/keyedLoader';
import { transitionsOfTickets } from './tickets/ticketRows';
import { lastVisitsOfPersons, notLivingHereVisits, VisitCursor, visitsOfHouseholds, VisitRow } from './visitRows';
import { visitScopeKey, type VisitScope } from '../../sources/visitScope';

const SOURCE = 'street office';

/**
 * The street database as one request sees it: per-request loaders (never shared across requests)
 * and the pool the write path opens its transaction on. Visits are the street's own records, not a
 * department's: the hub writes them (and nothing of any department).
 */
export function createStreetSource(dbs: Databases) {
  const db = dbs.street;
  const pages = new Map<string, DataLoader<string, VisitRow[]>>();
  const lastVisits = new Map<string, DataLoader<string, (VisitRow & { person_id: string }) | null>>();
  return {
    /** The pool writes run on (src/departments/street/recordVisit.ts). */
    db,
    /** Up to `limit` visits per household after `cursor`, batched over every household asking for the same page. */
    visitsOfHousehold(limit: number, cursor: VisitCursor | null): DataLoader<string, VisitRow[]> {
      const key = `${limit}|${cursor?.visitedAt ?? ''}|${cursor?.id ?? ''}`;
      let loader = pages.get(key);
      if (!loader) {
        loader = manyByKey(SOURCE, (ids) => visitsOfHouseholds(db, ids, limit, cursor), (r) => r.household_id);
        pages.set(key, loader);
      }
      return loader;
    },
    /**
     * Each person's latest visit at which they were met, of those `scope` may learn of (a street
     * worker's grids, a ticket's household: sources/visitScope.ts). One loader per scope (a request has one).
     */
    lastVisitByPerson(scope: VisitScope): DataLoader<string, (VisitRow & { person_id: string }) | null> {
      const key = visitScopeKey(scope);
      let loader = lastVisits.get(key);
      if (!loader) {
        loader = oneByKey(SOURCE, (ids) => lastVisitsOfPersons(db, ids, scope), (r) => r.person_id);
        lastVisits.set(key, loader);
      }
      return loader;
    },
    /** Visits that found nobody of the household living there, or other people (人户不符), newest first. */
    notLivingHere: (since: Date, limit: number, cursor: VisitCursor | null) => guarded(SOURCE, () => notLivingHereVisits(db, since, limit, cursor)),
    /** Each ticket's transitions, oldest first (tickets/ticketRows.ts). */
    transitionsByTicket: manyByKey(SOURCE, (ids) => transitionsOfTickets(db, ids), (r) => r.ticket_id),
    /** What the coverage ledger counts for the registered residents of these grids (coverageSource.ts). */
    coverageResidents: (gridIds: readonly string[], quarterStart: string, monthStart: string, monthEnd: string) =>
      coverageResidents(dbs, gridIds, quarterStart, monthStart, monthEnd),
  };
}

export type StreetSource = ReturnType<typeof createStreetSource>;

