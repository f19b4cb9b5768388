/**
 * The fixed vocabularies of authorization: roles and purposes, and which purposes each role may
 * declare. Changing who may declare what is a policy change: edit it here only. Departments and
 * which roles work for them come from the registry of department modules (src/departments/).
 */
import { BUILT_IN_DEPARTMENTS, departmentModules, departmentOfRole } from '../departments/registry';

export const ROLES = [
  'POLICE_OFFICER',
  'CIVIL_AFFAIRS_OFFICER',
  'HEALTH_WORKER',
  'STREET_STAFF',
  'AUDITOR',
  'RESIDENT',
  'ADMIN',
] as const;
export type Role = (typeof ROLES)[number];

/** A department that owns resident data: the name of a registered department module. */
export type Department = string;

/** The built-in departments that own resident data (derived from the registry; the hub's own database is not one). */
export const DEPARTMENTS: readonly Department[] = BUILT_IN_DEPARTMENTS.filter((m) => m.kind === 'department').map((m) => m.name);

/** Every registered department (built-in and ONEFILE_EXTRA_DEPARTMENTS), without the hub's own database. */
export function departments(): Department[] {
  return departmentModules().filter((m) => m.kind === 'department').map((m) => m.name);
}

/** Purposes a request may declare in `x-purpose` (PIPL: a specific purpose per processing). */
export const PURPOSES = [
  'SUBSIDY_REVIEW',
  'HOME_VISIT',
  'HEALTH_FOLLOW_UP',
  'CASE_INVESTIGATION',
  'EMERGENCY',
  'SELF_SERVICE',
  'ID_VERIFICATION',
  'ADDRESS_VERIFICATION',
  'SERVICE_APPLICATION',
  'TICKET_HANDLING',
] as const;
export type Purpose = (typeof PURPOSES)[number];

/**
 * Purposes bound to a ticket (issue 17): a read of a resident's file under one must name, in
 * `x-ticket-id`, an open ticket routed to the caller's department, and reaches only that ticket's
 * household (src/departments/street/tickets/ticketBinding.ts).
 */
export const PURPOSES_BOUND_TO_TICKET: ReadonlySet<Purpose> = new Set(['TICKET_HANDLING']);

/** Purposes that need a case number in `x-case-number`. */
export const PURPOSES_NEEDING_CASE_NUMBER: ReadonlySet<Purpose> = new Set(['CASE_INVESTIGATION']);

/**
 * Purposes that answer a look-up by an identifier the caller holds and nothing else: confirming
 * an ID card a resident hands over at a service counter (ID_VERIFICATION) may use
 * `personByIdNumber` and the looked-up person's own fields only — no search, no hub-id reads, no
 * links to other files — so the full ID number it shows is the one the caller already typed.
 */
export const LOOKUP_ONLY_PURPOSES: ReadonlySet<Purpose> = new Set(['ID_VERIFICATION']);

/**
 * Purposes that answer named yes/no claims about one resident for a declared service item
 * (免提交, issue 18) and nothing else: under SERVICE_APPLICATION the `verify` root is the only
 * resident-data root, and `verify` runs under no other purpose (policy/claimsPurposeGate.ts).
 */
export const CLAIMS_ONLY_PURPOSES: ReadonlySet<Purpose> = new Set(['SERVICE_APPLICATION']);

/** The department a role works for, if any: the registered module whose `roles` list it. */
export function roleDepartment(role: Role): Department | null {
  return departmentOfRole(role);
}

/** A built-in department's name. */
export type BuiltInDepartment = Exclude<(typeof BUILT_IN_DEPARTMENTS)[number]['name'], 'hub'>;

/** `roleDepartment` for the built-in modules, as a table (derived from the registry). */
export const ROLE_DEPARTMENT: Readonly<Record<Role, BuiltInDepartment | null>> = Object.fromEntries(
  ROLES.map((role) => [role, BUILT_IN_DEPARTMENTS.find((m) => (m.roles as readonly string[] | undefined)?.includes(role))?.name ?? null]),
) as Record<Role, BuiltInDepartment | null>;

/** The purposes each role may be granted. A token may narrow this list, never widen it. */
export const ROLE_PURPOSES: Readonly<Record<Role, readonly Purpose[]>> = {
  POLICE_OFFICER: ['CASE_INVESTIGATION', 'EMERGENCY', 'ADDRESS_VERIFICATION', 'SERVICE_APPLICATION', 'TICKET_HANDLING'],
  CIVIL_AFFAIRS_OFFICER: ['SUBSIDY_REVIEW', 'HOME_VISIT', 'EMERGENCY', 'ID_VERIFICATION', 'SERVICE_APPLICATION', 'TICKET_HANDLING'],
  HEALTH_WORKER: ['HEALTH_FOLLOW_UP', 'EMERGENCY', 'TICKET_HANDLING'],
  STREET_STAFF: ['HOME_VISIT', 'SUBSIDY_REVIEW', 'EMERGENCY', 'ID_VERIFICATION', 'SERVICE_APPLICATION', 'TICKET_HANDLING'],
  AUDITOR: [],
  RESIDENT: ['SELF_SERVICE'],
  ADMIN: [],
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isPurpose(value: unknown): value is Purpose {
  return typeof value === 'string' && (PURPOSES as readonly string[]).includes(value);
}
