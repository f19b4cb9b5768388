import type { StreetSource } from './streetSource';
import { defineDepartment, DepartmentParts } from '../module';
import { lazy } from '../lazy';
import type { SearchVisits } from '../searchVisits';

const A = 'ALLOW';
const D = 'DENY';

/**
 * The street office (街道) as a department module (issues 14 and 16): it owns its own work records
 * — door-to-door visits and what was observed — in a database of its own (`street`, migrations in
 * `migrations/street/`); this folder holds its schema section (Visit, Household.visits,
 * Person.lastVisit, recordVisit, the coverage ledger, the NOT_LIVING_HERE list), its readers, its
 * write path and its error codes (errors.ts). No role is claimed: street staff work across the
 * departments' data in their grids (their `department` stays null).
 */
export const street = defineDepartment({
  name: 'street',
  title: 'street office (街道): door-to-door visits, needs and their tickets',
  kind: 'department',
  policy: [
    { role: 'STREET_STAFF', purposes: ['ID_VERIFICATION'], levels: [D, D, D, D], reason: 'ID verification: nothing beyond the card' },
    { role: 'STREET_STAFF', purposes: ['HOME_VISIT', 'SUBSIDY_REVIEW', 'EMERGENCY', 'TICKET_HANDLING'], levels: [A, A, A, D], reason: 'grid work: the street\'s own visit records, notes included' },
    { role: 'POLICE_OFFICER', purposes: ['ADDRESS_VERIFICATION'], levels: [A, A, D, D], reason: '户籍 address verification: what visits found at the door (人户不符), not the residents\' words' },
    { role: 'POLICE_OFFICER', purposes: ['TICKET_HANDLING'], levels: [A, A, D, D], reason: 'ticket handling: the tickets routed to police, what the resident asked; visit notes stay the street\'s' },
    { role: 'CIVIL_AFFAIRS_OFFICER', purposes: ['TICKET_HANDLING'], levels: [A, A, D, D], reason: 'ticket handling: the tickets routed to civil affairs, what the resident asked; visit notes stay the street\'s' },
    { role: 'HEALTH_WORKER', purposes: ['TICKET_HANDLING'], levels: [A, A, D, D], reason: 'ticket handling: the tickets routed to health, what the resident asked; visit notes stay the street\'s' },
    { role: 'POLICE_OFFICER', purposes: 'ANY', levels: [A, D, D, D], reason: 'visit planning: date and office of visits only' },
    { role: 'CIVIL_AFFAIRS_OFFICER', purposes: ['SUBSIDY_REVIEW', 'HOME_VISIT', 'EMERGENCY'], levels: [A, D, D, D], reason: 'visit planning: date and office of visits only' },
    { role: 'HEALTH_WORKER', purposes: 'ANY', levels: [A, D, D, D], reason: 'visit planning: date and office of visits only' },
    { role: 'RESIDENT', purposes: ['SELF_SERVICE'], levels: [A, A, A, D], reason: 'own file: visits to their household' },
  ],
  residentName: 'the street office',
  writePhrases: { Visit: 'recorded a visit' },
  // Search filters of its section: when a member was last met, and how the latest visit ended.
  // "Not met since N days" tells, besides the dates, who was met (persons: Visit.membersMet) and
  // whether a visit met anyone (households: Visit.outcome MET): gated on the date alone it let a
  // role that may read only visit dates learn how each visit ended (test/visitOracles.test.ts).
  searchFilters: {
    'SearchFilter.notVisitedSinceDays': ['Visit.visitedAt', 'Visit.membersMet', 'Visit.outcome'],
    'SearchFilter.visitOutcome': ['Visit.outcome'],
  },
  seededTables: { visits: 'id', visit_members: 'visit_id, person_id', tickets: 'id', ticket_transitions: 'ticket_id, seq' },
  searchVisits: lazy(() => (require('./searchVisits') as { streetSearchVisits: SearchVisits }).streetSearchVisits),
  parts: lazy(() => (require('./parts') as { parts: DepartmentParts<StreetSource> }).parts),
});
