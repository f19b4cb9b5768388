import type { HealthLoaders } from './healthLoaders';
import { defineDepartment, DepartmentParts } from '../module';
import { lazy } from '../lazy';
import { healthClaims } from './claims';
import { healthCheckRules } from './checkRules';
import { healthTags } from './tags';

/** Health (卫健): family doctors, chronic conditions, vaccinations, births and deaths. */
export const health = defineDepartment({
  name: 'health',
  title: 'health (卫健): family doctors, conditions, vaccinations, births, deaths',
  kind: 'department',
  roles: ['HEALTH_WORKER'],
  keyedByIdNumber: true,
  policy: [
    { role: 'STREET_STAFF', purposes: ['ID_VERIFICATION'], levels: ['DENY', 'DENY', 'DENY', 'DENY'], reason: 'ID verification: nothing beyond the card' },
    { role: 'STREET_STAFF', purposes: ['SERVICE_APPLICATION'], levels: ['ALLOW', 'ALLOW', 'DENY', 'DENY'], reason: 'service application: yes/no claims (L2: alive) only, never the records behind them' },
    { role: 'HEALTH_WORKER', purposes: 'ANY', levels: ['ALLOW', 'ALLOW', 'ALLOW', 'ALLOW'], reason: 'own department' },
    { role: 'POLICE_OFFICER', purposes: ['CASE_INVESTIGATION'], levels: ['ALLOW', 'ALLOW', 'MASK', 'DENY'], reason: 'investigation: no diagnoses' },
    { role: 'POLICE_OFFICER', purposes: ['EMERGENCY'], levels: ['ALLOW', 'ALLOW', 'ALLOW', 'ALLOW'], reason: 'emergency: conditions may save a life' },
    { role: 'POLICE_OFFICER', purposes: ['TICKET_HANDLING'], levels: ['ALLOW', 'ALLOW', 'MASK', 'DENY'], reason: 'ticket handling: no diagnoses' },
    { role: 'CIVIL_AFFAIRS_OFFICER', purposes: ['TICKET_HANDLING'], levels: ['ALLOW', 'ALLOW', 'MASK', 'DENY'], reason: 'ticket handling: family doctor, no diagnoses' },
    { role: 'CIVIL_AFFAIRS_OFFICER', purposes: ['SUBSIDY_REVIEW'], levels: ['ALLOW', 'ALLOW', 'ALLOW', 'DENY'], reason: 'subsidy review: household composition, death date; no diagnoses or flags' },
    { role: 'CIVIL_AFFAIRS_OFFICER', purposes: ['HOME_VISIT'], levels: ['ALLOW', 'ALLOW', 'MASK', 'DENY'], reason: 'home visit: who lives there' },
    { role: 'CIVIL_AFFAIRS_OFFICER', purposes: ['EMERGENCY'], levels: ['ALLOW', 'ALLOW', 'ALLOW', 'DENY'], reason: 'emergency relief' },
    { role: 'CIVIL_AFFAIRS_OFFICER', purposes: ['SERVICE_APPLICATION'], levels: ['ALLOW', 'ALLOW', 'DENY', 'DENY'], reason: 'service application: yes/no claims (L2: alive) only' },
    { role: 'POLICE_OFFICER', purposes: ['SERVICE_APPLICATION'], levels: ['ALLOW', 'ALLOW', 'DENY', 'DENY'], reason: 'service application: yes/no claims (L2: alive) only' },
    { role: 'STREET_STAFF', purposes: 'ANY', levels: ['ALLOW', 'ALLOW', 'MASK', 'DENY'], reason: 'grid work: own grids, ≤L2, L3 masked, L4 denied' },
    { role: 'RESIDENT', purposes: ['SELF_SERVICE'], levels: ['ALLOW', 'ALLOW', 'ALLOW', 'ALLOW'], reason: 'own file' },
  ],
  tags: healthTags,
  seededTables: { family_doctor_contracts: 'id_number', chronic_conditions: 'id', vaccinations: 'id', births: 'certificate_no', deaths: 'id_number' },
  checkRules: healthCheckRules,
  claims: healthClaims,
  parts: lazy(() => (require('./parts') as { parts: DepartmentParts<HealthLoaders> }).parts),
});
