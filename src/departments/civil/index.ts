import type { CivilLoaders } from './civilLoaders';
import { defineDepartment, DepartmentParts } from '../module';
import { lazy } from '../lazy';
import { civilClaims, civilServiceItems } from './claims';
import { civilCheckRules } from './checkRules';
import { civilTags } from './tags';

/** Civil affairs (民政): marital status, social assistance, disability, elderly care, children in difficulty. */
export const civil = defineDepartment({
  name: 'civil',
  title: 'civil affairs (民政): marriage, assistance, disability, elderly care',
  kind: 'department',
  roles: ['CIVIL_AFFAIRS_OFFICER'],
  keyedByIdNumber: true,
  recordsLabel: 'civil affairs',
  policy: [
    { role: 'STREET_STAFF', purposes: ['ID_VERIFICATION'], levels: ['DENY', 'DENY', 'DENY', 'DENY'], reason: 'ID verification: nothing beyond the card' },
    { role: 'STREET_STAFF', purposes: ['SERVICE_APPLICATION'], levels: ['ALLOW', 'ALLOW', 'DENY', 'DENY'], reason: 'service application: yes/no claims (L2) only, never the records behind them' },
    { role: 'CIVIL_AFFAIRS_OFFICER', purposes: 'ANY', levels: ['ALLOW', 'ALLOW', 'ALLOW', 'ALLOW'], reason: 'own department' },
    { role: 'POLICE_OFFICER', purposes: ['CASE_INVESTIGATION'], levels: ['ALLOW', 'ALLOW', 'ALLOW', 'DENY'], reason: 'investigation: civil status, no minors\' special status' },
    { role: 'POLICE_OFFICER', purposes: ['EMERGENCY'], levels: ['ALLOW', 'ALLOW', 'ALLOW', 'DENY'], reason: 'emergency: care level, living alone' },
    { role: 'POLICE_OFFICER', purposes: ['TICKET_HANDLING'], levels: ['ALLOW', 'ALLOW', 'DENY', 'DENY'], reason: 'ticket handling: care level and living alone; no certificates (police hold the ID number a mask would hide), amounts or minors\' status' },
    { role: 'HEALTH_WORKER', purposes: ['TICKET_HANDLING'], levels: ['ALLOW', 'ALLOW', 'ALLOW', 'DENY'], reason: 'ticket handling: disability, care level, as on a follow-up' },
    { role: 'HEALTH_WORKER', purposes: ['HEALTH_FOLLOW_UP'], levels: ['ALLOW', 'ALLOW', 'ALLOW', 'DENY'], reason: 'follow-up: disability, care level' },
    { role: 'HEALTH_WORKER', purposes: ['EMERGENCY'], levels: ['ALLOW', 'ALLOW', 'ALLOW', 'DENY'], reason: 'emergency care' },
    { role: 'STREET_STAFF', purposes: 'ANY', levels: ['ALLOW', 'ALLOW', 'MASK', 'DENY'], reason: 'grid work: own grids, ≤L2, L3 masked, L4 denied' },
    { role: 'RESIDENT', purposes: ['SELF_SERVICE'], levels: ['ALLOW', 'ALLOW', 'ALLOW', 'ALLOW'], reason: 'own file' },
  ],
  tags: civilTags,
  seededTables: { marital_status: 'id_number', assistance: 'id', disabilities: 'id_number', elderly_care: 'id_number', children_in_difficulty: 'id_number' },
  checkRules: civilCheckRules,
  claims: civilClaims,
  serviceItems: civilServiceItems,
  parts: lazy(() => (require('./parts') as { parts: DepartmentParts<CivilLoaders> }).parts),
});
