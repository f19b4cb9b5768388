import type { IdentitySearch, IdentitySpine } from '../identity';
import type { PoliceLoaders } from './policeLoaders';
import { defineDepartment, DepartmentParts } from '../module';
import { lazy } from '../lazy';
import { policeClaims, policeServiceItems } from './claims';
import { policeCheckRules } from './checkRules';
import { policeTags } from './tags';

/**
 * Police (公安): the identity spine of every file — persons, households, residence registrations,
 * addresses. Its schema section is the person and household files themselves; its person and
 * household reads carry the request's row scope (src/sources/rowScope.ts).
 */
export const police = defineDepartment({
  name: 'police',
  title: 'police (公安): identity, households, residence',
  kind: 'department',
  roles: ['POLICE_OFFICER'],
  keyedByIdNumber: true,
  identity: {
    spine: lazy(() => (require('./spine') as { policeIdentitySpine: IdentitySpine }).policeIdentitySpine),
    search: lazy(() => (require('./spineSearch') as { policeIdentitySearch: IdentitySearch }).policeIdentitySearch),
  },
  policy: [
    // Confirming an ID card the resident hands over (a look-up by that number only, see LOOKUP_ONLY_PURPOSES).
    { role: 'STREET_STAFF', purposes: ['ID_VERIFICATION'], levels: ['ALLOW', 'ALLOW', 'ALLOW', 'DENY'], reason: 'ID verification at a service counter: the card\'s own facts' },
    { role: 'CIVIL_AFFAIRS_OFFICER', purposes: ['ID_VERIFICATION'], levels: ['ALLOW', 'ALLOW', 'ALLOW', 'DENY'], reason: 'ID verification at a service counter: the card\'s own facts' },
    // A service counter (免提交, issue 18): the look-up by the ID number the resident hands over and yes/no claims; SERVICE_APPLICATION reaches `verify` only.
    { role: 'STREET_STAFF', purposes: ['SERVICE_APPLICATION'], levels: ['ALLOW', 'ALLOW', 'ALLOW', 'DENY'], reason: 'service application: look-up by the ID card handed over, yes/no claims only (verify)' },
    { role: 'CIVIL_AFFAIRS_OFFICER', purposes: ['SERVICE_APPLICATION'], levels: ['ALLOW', 'ALLOW', 'ALLOW', 'DENY'], reason: 'service application: look-up by the ID card handed over, yes/no claims only (verify)' },
    { role: 'POLICE_OFFICER', purposes: 'ANY', levels: ['ALLOW', 'ALLOW', 'ALLOW', 'ALLOW'], reason: 'own department' },
    { role: 'CIVIL_AFFAIRS_OFFICER', purposes: ['SUBSIDY_REVIEW'], levels: ['ALLOW', 'ALLOW', 'ALLOW', 'DENY'], reason: 'subsidy review: household composition, death date; no diagnoses or flags' },
    { role: 'CIVIL_AFFAIRS_OFFICER', purposes: ['HOME_VISIT'], levels: ['ALLOW', 'ALLOW', 'MASK', 'DENY'], reason: 'home visit: who lives there' },
    { role: 'CIVIL_AFFAIRS_OFFICER', purposes: ['EMERGENCY'], levels: ['ALLOW', 'ALLOW', 'ALLOW', 'DENY'], reason: 'emergency relief' },
    { role: 'CIVIL_AFFAIRS_OFFICER', purposes: ['TICKET_HANDLING'], levels: ['ALLOW', 'ALLOW', 'MASK', 'DENY'], reason: 'ticket handling: who lives in the ticket\'s household, how to reach them' },
    { role: 'HEALTH_WORKER', purposes: ['TICKET_HANDLING'], levels: ['ALLOW', 'MASK', 'MASK', 'DENY'], reason: 'ticket handling: confirm identity from partial police data, as on a follow-up' },
    { role: 'HEALTH_WORKER', purposes: ['HEALTH_FOLLOW_UP'], levels: ['ALLOW', 'MASK', 'MASK', 'DENY'], reason: 'follow-up: confirm identity from partial police data; contact details come from health\'s own records' },
    { role: 'HEALTH_WORKER', purposes: ['EMERGENCY'], levels: ['ALLOW', 'ALLOW', 'ALLOW', 'DENY'], reason: 'emergency care' },
    { role: 'STREET_STAFF', purposes: 'ANY', levels: ['ALLOW', 'ALLOW', 'MASK', 'DENY'], reason: 'grid work: own grids, ≤L2, L3 masked, L4 denied' },
    { role: 'RESIDENT', purposes: ['SELF_SERVICE'], levels: ['ALLOW', 'ALLOW', 'ALLOW', 'DENY'], reason: 'own file; police flags are covert' },
  ],
  tags: policeTags,
  seededTables: { persons: 'id_number', households: 'household_no', residence_registrations: 'id' },
  checkRules: policeCheckRules,
  claims: policeClaims,
  serviceItems: policeServiceItems,
  parts: lazy(() => (require('./parts') as { parts: DepartmentParts<PoliceLoaders> }).parts),
});
