import type { HubSectionLoaders } from './loaders';
import { defineDepartment, DepartmentParts } from '../module';
import { lazy } from '../lazy';

/**
 * The hub's own database: hub ids (person and household index), the address library (streets,
 * communities, grids, buildings) and the access log. Its schema section is the hub's own entry
 * points: viewer, node, search, service tags and the access log.
 */
export const hub = defineDepartment({
  name: 'hub',
  title: 'the hub\'s own database (ids, grids, access log)',
  kind: 'hub',
  policy: [
    { role: 'STREET_STAFF', purposes: ['ID_VERIFICATION'], levels: ['ALLOW', 'ALLOW', 'ALLOW', 'DENY'], reason: 'ID verification at a service counter: the card\'s own facts' },
    { role: 'STREET_STAFF', purposes: ['SERVICE_APPLICATION'], levels: ['ALLOW', 'ALLOW', 'DENY', 'DENY'], reason: 'service application: the resident\'s hub id for the case file, nothing else' },
    { role: 'POLICE_OFFICER', purposes: 'ANY', levels: ['ALLOW', 'ALLOW', 'ALLOW', 'ALLOW'], reason: 'own department' },
    { role: 'CIVIL_AFFAIRS_OFFICER', purposes: 'ANY', levels: ['ALLOW', 'ALLOW', 'ALLOW', 'ALLOW'], reason: 'own department' },
    { role: 'HEALTH_WORKER', purposes: 'ANY', levels: ['ALLOW', 'ALLOW', 'ALLOW', 'ALLOW'], reason: 'own department' },
    { role: 'STREET_STAFF', purposes: 'ANY', levels: ['ALLOW', 'ALLOW', 'MASK', 'DENY'], reason: 'grid work: own grids, ≤L2, L3 masked, L4 denied' },
    { role: 'RESIDENT', purposes: ['SELF_SERVICE'], levels: ['ALLOW', 'ALLOW', 'ALLOW', 'ALLOW'], reason: 'own file' },
  ],
  seededTables: { person_index: 'id_number', streets: 'code', communities: 'code', grids: 'id', buildings: 'code', household_index: 'household_no' },
  parts: lazy(() => (require('./parts') as { parts: DepartmentParts<HubSectionLoaders> }).parts),
});
