import { hubTables } from '../../../seeds/tables/hub';
import { AccessLogResolver } from '../../schema/audit/accessLog.resolver';
import { AccessLogChainResolver } from '../../schema/audit/chain.resolver';
import { TicketEventsResolver } from '../../schema/events/ticketEvents.resolver';
import { NodeResolver } from '../../schema/node/node.resolver';
import { SearchResolver } from '../../schema/search/search.resolver';
import { HouseholdTagsEdgeResolver, HouseholdTagsResolver, PersonTagsEdgeResolver, PersonTagsResolver } from '../../schema/tags/tags.resolver';
import { ViewerResolver } from '../../schema/viewer/viewer.resolver';
import { createHubLoaders, HubLoaders } from '../../sources/hub/hubLoaders';
import type { DepartmentParts } from '../module';

/** The hub module's heavy parts (see ./index.ts). */
export const parts: DepartmentParts<HubLoaders> = {
  resolvers: [ViewerResolver, NodeResolver, SearchResolver, PersonTagsEdgeResolver, PersonTagsResolver, HouseholdTagsEdgeResolver, HouseholdTagsResolver, AccessLogResolver, AccessLogChainResolver, TicketEventsResolver],
  createLoaders: ({ dbs }) => createHubLoaders(dbs.hub),
  seedTables: hubTables,
};
