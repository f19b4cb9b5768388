import { streetTables } from '../../../seeds/tables/street';
import { streetTicketTables } from '../../../seeds/tables/streetTicketTables';
import type { DepartmentParts } from '../module';
import { CoverageResolver } from './coverage.resolver';
import { syncFindingTickets } from './findingTickets';
import { NotLivingHereResolver } from './notLivingHere.resolver';
import { TicketFiguresResolver } from './ticketFigures.resolver';
import { createStreetSource, StreetSource } from './streetSource';
import { TicketResolver } from './tickets/ticket.resolver';
import { ticketBindingPlugin } from './tickets/ticketBinding';
import { HouseholdVisitsResolver, PersonLastVisitResolver, RecordVisitResolver, VisitHouseholdResolver } from './visit.resolver';

/** The street module's heavy parts (see ./index.ts). */
export const parts: DepartmentParts<StreetSource> = {
  resolvers: [RecordVisitResolver, VisitHouseholdResolver, HouseholdVisitsResolver, PersonLastVisitResolver, CoverageResolver, NotLivingHereResolver, TicketResolver, TicketFiguresResolver],
  createLoaders: ({ dbs }) => createStreetSource(dbs),
  seedTables: (model) => [...streetTables(model), ...streetTicketTables(model)],
  rootRules: { visitCoverage: 'AUTHENTICATED', ticketFigures: 'AUTHENTICATED' },
  requestPlugins: () => [ticketBindingPlugin()],
  afterCheckRun: syncFindingTickets,
};
