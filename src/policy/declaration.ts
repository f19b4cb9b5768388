import { BUILT_IN_DEPARTMENTS, departmentNames } from '../departments/registry';
import type { Revelation, ValueFormatName } from './valueFormats';

/**
 * A field's policy declaration: who owns the fact (一数一源), how sensitive it is, and how it may be
 * masked. Levels follow PIPL Art. 28 and the core / important / general grading:
 * 1 basic (sex, age band, grid), 2 personal (name, birth date, address, phone),
 * 3 sensitive (ID number, assistance, disability, marital status),
 * 4 highly sensitive (diagnoses, cause of death, police flags, minors' special status).
 */
export type Level = 1 | 2 | 3 | 4;

/**
 * The owner of a fact: a registered department module — a department, or the hub itself for its
 * ids and grid reference data (src/departments/registry.ts). Checked when declarations are read.
 */
export type Owner = string;
/** The built-in owners, from the registry. */
export const OWNERS: readonly Owner[] = BUILT_IN_DEPARTMENTS.map((m) => m.name);

/** Every registered owner (built-in and ONEFILE_EXTRA_DEPARTMENTS). */
export function owners(): readonly Owner[] {
  return departmentNames();
}

/**
 * How a value is partially shown when the decision is MASK. NONE means the field has no safe
 * partial form, so MASK becomes DENY for it. PRESENCE is for object fields: when masked, the
 * record's existence is shown and each of its own fields is decided (and masked) separately.
 * SERIAL_PREFIX shows a serial number's prefix and hides its serial (digits from the value format).
 */
export const MASKS = ['ID_NUMBER', 'PHONE', 'NAME', 'ADDRESS', 'BIRTH_DATE', 'LAST_FOUR', 'SERIAL_PREFIX', 'AMOUNT', 'PRESENCE', 'NONE'] as const;
export type Mask = (typeof MASKS)[number];

export interface Declaration {
  owner: Owner;
  level: Level;
  mask: Mask;
  /**
   * Another department's fact the value embeds, e.g. a disability certificate number is the
   * holder's ID number plus two digits. The field is then disclosed no more than that fact.
   */
  alsoReveals?: { owner: Owner; level: Level };
  /** What the value is made of, if it is an identifier (policy/valueFormats.ts). */
  value?: ValueFormatName;
  /** A fact about the resident the value reveals when read in full (e.g. a birth date: `birthDate`). */
  reveals?: Revelation;
}

/** The three outcomes a field can have for a caller. */
export type Decision = 'ALLOW' | 'MASK' | 'DENY';
