import type { IdentitySearch } from '../identity';
import { householdCriteria, householdScope } from './householdPredicates';
import { personCriteria, personScope } from './personPredicates';
import * as search from './policeSearch';
import { and } from '../../sources/search/sql';

/**
 * Police as the identity spine's search side (src/departments/identity.ts `IdentitySearch`): the
 * WHERE clauses of this folder (row scope first) and the statements of policeSearch.ts, over the
 * pool the caller passes (the search pool for the searches). A source: no GraphQL.
 */
export const policeIdentitySearch: IdentitySearch = {
  source: 'police',
  persons: {
    where: (scope, c, area, today) => and([personScope('p', scope), personCriteria('p', c, area, today)]),
    count: search.countPersons,
    page: search.pagePersons,
    candidates: (db, where, limit) => search.personCandidates(db, where, limit),
    byIdNumbers: search.personsByIdNumbers,
  },
  households: {
    where: (scope, c, area, today) => and([householdScope(scope), householdCriteria(c, area, today)]),
    count: search.countHouseholds,
    page: search.pageHouseholds,
    candidates: search.householdCandidates,
  },
  registeredHouseholds: search.registeredHouseholds,
};
