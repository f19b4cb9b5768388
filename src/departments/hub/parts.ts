import { hubTables } from '../../../seeds/tables/hub';
import { createFindingReader } from '../../checks/findingsSource';
import { DiscrepanciesResolver } from '../../checks/schema/discrepancies.resolver';
import { AccessLogResolver } from '../../schema/audit/accessLog.resolver';
import { AccessLogChainResolver } from '../../schema/audit/chain.resolver';
import { TicketEventsResolver } from '../../schema/events/ticketEvents.resolver';
import { NodeResolver } from '../../schema/node/node.resolver';
import { SearchResolver } from '../../schema/search/search.resolver';
import { HouseholdTagsEdgeResolver, HouseholdTagsResolver, PersonTagsEdgeResolver, PersonTagsResolver } from '../../schema/tags/tags.resolver';
import { VerifyResolver } from '../../schema/claims/verify.resolver';
import { ViewerResolver } from '../../schema/viewer/viewer.resolver';
import { createHubLoaders } from '../../sources/hub/hubLoaders';
import type { HubSectionLoaders } from './loaders';
import type { DepartmentParts } from '../module';

/** The hub module's heavy parts (see ./index.ts). */
export const parts: DepartmentParts<HubSectionLoaders> = {
  resolvers: [ViewerResolver, NodeResolver, SearchResolver, PersonTagsEdgeResolver, PersonTagsResolver, HouseholdTagsEdgeResolver, HouseholdTagsResolver, AccessLogResolver, AccessLogChainResolver, VerifyResolver, DiscrepanciesResolver, TicketEventsResolver],
  createLoaders: ({ dbs }) => ({ ...createHubLoaders(dbs.hub), findings: createFindingReader(dbs.hub) }),
  rootRules: { findingShares: 'AUTHENTICATED' },
  seedTables: hubTables,
};
