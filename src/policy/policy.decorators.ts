import { Directive } from 'type-graphql';
import { Declaration, Level, Mask, Owner } from './declaration';
import { formatRevelation, Revelation, ValueFormatName } from './valueFormats';

/** Name of the field directive that carries a declaration into the schema. */
export const POLICY_DIRECTIVE = 'policy';
/** Name of the type directive that marks a type as resident data (roots returning it need a purpose). */
export const RESIDENT_DATA_DIRECTIVE = 'residentData';

/** What a field's value is made of and what it reveals, besides owner, level and mask. */
export interface PolicyExtras {
  /** Another department's fact the value embeds (a certificate number embedding the ID number). */
  alsoReveals?: Declaration['alsoReveals'];
  /** The value's format, if it is an identifier (policy/valueFormats.ts). */
  value?: ValueFormatName;
  /** A fact about the resident the value reveals, e.g. `{ fact: 'birthDate', candidates: 366 }` for an age. */
  reveals?: Revelation;
}

function args(d: Partial<Declaration>): string {
  const parts: string[] = [];
  if (d.owner) parts.push(`owner: "${d.owner}"`);
  if (d.level) parts.push(`level: ${d.level}`);
  if (d.mask) parts.push(`mask: "${d.mask}"`);
  if (d.alsoReveals) parts.push(`alsoReveals: "${d.alsoReveals.owner}:${d.alsoReveals.level}"`);
  if (d.value) parts.push(`value: "${d.value}"`);
  if (d.reveals) parts.push(`reveals: "${formatRevelation(d.reveals)}"`);
  return parts.length ? `(${parts.join(', ')})` : '';
}

function isExtras(x: PolicyExtras | Declaration['alsoReveals']): x is PolicyExtras {
  return x !== undefined && !('owner' in x);
}

/**
 * Declares a resident-data field's owner, level and mask — and, for identifiers, what the value
 * is made of; for facts that give part of an identifier away, what they reveal — next to the
 * field's own definition. Lands in the schema as `@policy(...)`; the access matrix, the
 * enforcement, the disclosure check and the access log's field list are all derived from it.
 * Every field of every type reachable from a resident-data root needs its own declaration
 * (this, or `@Structural`): there are no type-level defaults.
 */
export function Policy(owner: Owner, level: Level, mask: Mask = 'NONE', extras?: PolicyExtras | Declaration['alsoReveals']): MethodDecorator & PropertyDecorator {
  const more: PolicyExtras = isExtras(extras) ? extras : { alsoReveals: extras };
  return Directive(`@${POLICY_DIRECTIVE}${args({ owner, level, mask, ...more })}`) as MethodDecorator & PropertyDecorator;
}

/**
 * Declares a field that carries no resident data — paging (cursors, page info, counts of a search
 * the caller may run) or public reference data (a grid's or community's name) — and says why.
 * Served as is to whoever reached its parent; never recorded as a disclosure.
 */
export function Structural(reason: string): MethodDecorator & PropertyDecorator {
  return Directive(`@${POLICY_DIRECTIVE}(structural: ${JSON.stringify(reason)})`) as MethodDecorator & PropertyDecorator;
}

/**
 * Whose data a resident-data type is (policy/subjects.ts): PER_SUBJECT objects are about one
 * resident and carry `subjectId`; AGGREGATE ones (pages, counts) are about no single resident.
 */
export const SUBJECT_KINDS = ['PER_SUBJECT', 'AGGREGATE'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/**
 * Marks an object type as resident data: root fields returning it need a declared, granted
 * purpose. Its fields are declared one by one (`@Policy` or `@Structural`), never by default. It
 * says whose data its objects are: `'PER_SUBJECT'` (each object is about one resident and carries
 * `subjectId`; every disclosure is recorded under it, and one without it is refused) or
 * `'AGGREGATE'` with the reason (pages and counts about no single resident, level 1 only; not
 * attributed to anyone). The schema refuses a policed type that does not say.
 */
export function ResidentData(subjects: 'PER_SUBJECT'): ClassDecorator;
export function ResidentData(subjects: 'AGGREGATE', reason: string): ClassDecorator;
export function ResidentData(subjects: SubjectKind, reason?: string): ClassDecorator {
  const why = reason === undefined ? '' : `, reason: ${JSON.stringify(reason)}`;
  return Directive(`@${RESIDENT_DATA_DIRECTIVE}(subjects: "${subjects}"${why})`) as ClassDecorator;
}
