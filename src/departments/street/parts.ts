import { streetTables } from '../../../seeds/tables/street';
import type { DepartmentParts } from '../module';
import { CoverageResolver } from './coverage.resolver';
import { NotLivingHereResolver } from './notLivingHere.resolver';
import { createStreetSource, StreetSource } from './streetSource';
import { TicketResolver } from './tickets/ticket.resolver';
import { ticketBindingPlugin } from './tickets/ticketBinding';
import { HouseholdVisitsResolver, PersonLastVisitResolver, RecordVisitResolver, VisitHouseholdResolver } from './visit.resolver';

/** The street module's heavy parts (see ./index.ts). */
export const parts: DepartmentParts<StreetSource> = {
  resolvers: [RecordVisitResolver, VisitHouseholdResolver, HouseholdVisitsResolver, PersonLastVisitResolver, CoverageResolver, NotLivingHereResolver, TicketResolver],
  createLoaders: ({ dbs }) => createStreetSource(dbs),
  seedTables: streetTables,
  rootRules: { visitCoverage: 'AUTHENTICATED' },
  requestPlugins: () => [ticketBindingPlugin()],
};
