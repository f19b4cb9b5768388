import { CoverageResolver } from './coverage.resolver';
import { NotLivingHereResolver } from './notLivingHere.resolver';
import { HouseholdVisitsResolver, PersonLastVisitResolver, RecordVisitResolver, VisitHouseholdResolver } from './visit.resolver';

/**
 * The street office (街道) as a department module (issues 14 and 16): it owns its visit records in a
 * database of its own (`street`, migrations in `migrations/street/`), and this folder holds its
 * schema section (Visit, Household.visits, Person.lastVisit, recordVisit), its readers and its write
 * path. Its seed part is `seeds/tables/street.ts`.
 */
export const STREET_MODULE = {
  name: 'street' as const,
  resolvers: [RecordVisitResolver, VisitHouseholdResolver, HouseholdVisitsResolver, PersonLastVisitResolver, CoverageResolver, NotLivingHereResolver],
  /** Root query fields that return no resident data (counts), and who may reach them (each checks its role). */
  rootRules: { visitCoverage: 'AUTHENTICATED' } as const,
  /** Root fields of the Mutation type that write resident data: they go through the purpose check. */
  residentMutations: ['recordVisit'],
};
