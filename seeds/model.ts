/**
 * The population model: every resident, household, floating unit and building the generator
 * decided on, held column-wise in typed arrays (a million residents cost tens of megabytes, not a
 * million objects). Facts that more than one table or department depends on (a death, a chronic
 * condition, a planted discrepancy) are decided once here, so the department tables agree with
 * each other exactly as far as intended. The table writers only add per-row detail.
 */
import type { Relation } from './households';

/** Per-person facts shared by several tables (bits of `Persons.flags`). */
export const Flag = {
  /** Health has a death registration (police still lists the person). */
  DIED: 1 << 0,
  CHRONIC: 1 << 1,
  DISABLED: 1 << 2,
  ELDERLY_CARE: 1 << 3,
  LIVES_ALONE: 1 << 4,
  MINIMUM_LIVING: 1 << 5,
  EXTREME_POVERTY: 1 << 6,
  OLD_AGE_ALLOWANCE: 1 << 7,
  CHILD_IN_DIFFICULTY: 1 << 8,
  /** 人户分离: a local living at another building than the registered one. */
  LIVING_AWAY: 1 << 9,
  WATCH: 1 << 10,
  /** Health holds a birth certificate for this child (born in the last five years). */
  BIRTH_CERTIFICATE: 1 << 11,
  /** Planted: health registered the death but civil affairs still pays assistance (ACTIVE). */
  PLANT_DEATH_ACTIVE_ASSISTANCE: 1 << 12,
  /** Planted: civil affairs says "lives alone" while the registered household has 3+ members. */
  PLANT_LIVES_ALONE_CONFLICT: 1 << 13,
  /** Planted: police lists a spouse in the household, civil affairs says SINGLE. */
  PLANT_MARITAL_CONFLICT: 1 << 14,
  /** Planted: the birth certificate's date differs from the police birth date by a few days. */
  PLANT_BIRTH_DATE_MISMATCH: 1 << 15,
  /** Eligibility gap: a living local aged 80+ without an old-age allowance (the 8% the take-up draw leaves out). */
  PLANT_NO_OLD_AGE_ALLOWANCE: 1 << 16,
  /** Eligibility gap, planted: a living local with a grade 1–2 disability and no disability subsidy. */
  PLANT_NO_DISABILITY_SUBSIDY: 1 << 17,
  /** Eligibility gap, planted: a living 低保 member with a chronic condition and no current family-doctor contract. */
  PLANT_NO_FAMILY_DOCTOR: 1 << 18,
} as const;

export const RELATIONS: ReadonlyArray<Relation | null> = [null, 'HEAD', 'SPOUSE', 'CHILD', 'PARENT', 'GRANDCHILD', 'OTHER'];

export interface GridModel {
  id: string;
  name: string;
  communityCode: string;
}

export interface BuildingModel {
  code: string;
  communityCode: string;
  streetIndex: number;
  gridId: string;
  address: string;
  apartment: boolean;
  floors: number;
}

export interface StreetModel {
  code: string;
  name: string;
  /** Half-open range of this street's buildings in `Model.buildings`. */
  buildingStart: number;
  buildingEnd: number;
}

/** Registered households (police.households), column-wise. Members are persons first .. first+size-1. */
export interface Households {
  count: number;
  householdNo: string[];
  building: Int32Array;
  room: string[];
  collective: Uint8Array;
  registeredDay: Int32Array;
  first: Int32Array;
  size: Uint8Array;
}

/** Floating-population units (people renting one room together), column-wise. */
export interface Units {
  count: number;
  building: Int32Array;
  room: string[];
  first: Int32Array;
  size: Uint8Array;
}

/** Residents known to police, column-wise; index = person number. */
export interface Persons {
  count: number;
  idNumber: string[];
  name: string[];
  male: Uint8Array;
  birthDay: Int32Array;
  /** Completed years on the reference date. */
  age: Uint8Array;
  ethnicity: string[];
  /** Registered household, -1 for the floating population. */
  household: Int32Array;
  /** Floating unit, -1 for locals. */
  unit: Int32Array;
  /** Index into RELATIONS (0: none). */
  relation: Uint8Array;
  /** Other persons of the same household/unit, -1 when not there. */
  mother: Int32Array;
  father: Int32Array;
  spouse: Int32Array;
  /** Registered address outside Beijing (floating population), else null. */
  nativePlace: Array<string | null>;
  flags: Uint32Array;
  /** Day of death when DIED. */
  deathDay: Int32Array;
  /** Building lived in when LIVING_AWAY, else -1; room in `awayRoom`. */
  awayBuilding: Int32Array;
  awayRoom: Map<number, string>;
}

export interface Model {
  seed: number;
  residents: number;
  referenceDay: number;
  streets: StreetModel[];
  communities: Array<{ code: string; name: string; streetCode: string }>;
  grids: GridModel[];
  buildings: BuildingModel[];
  households: Households;
  units: Units;
  persons: Persons;
  /** Planted: civil affairs pays MINIMUM_LIVING to these valid ID numbers that police does not know. */
  unknownToPolice: string[];
  /** Mothers (person numbers) of newborns whose birth is not yet registered with police. */
  unregisteredBirthMothers: number[];
}

/** A person's street (through the building they actually live in). */
export function homeBuilding(m: Model, person: number): number {
  const p = m.persons;
  if (p.awayBuilding[person] >= 0) return p.awayBuilding[person];
  return p.household[person] >= 0 ? m.households.building[p.household[person]] : m.units.building[p.unit[person]];
}
