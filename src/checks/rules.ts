import type { Level } from '../policy/declaration';

/**
 * The catalogue of cross-department checks (issue 18), declared once, like the policy table:
 * each rule names the departments whose databases it reads, the department that must act on a
 * finding (the owner of the fact 一数一源 says is right, or the one whose record disagrees with
 * it), the level of what a finding reveals about its subject, what the owner is shown, and why the
 * rule exists. `docs/checks.md` is generated from this table (`npm run checks:doc`); a test keeps it
 * in step and checks every department named here against the registry.
 *
 * A finding stores its rule, owner, subject and when it was seen — never a department's values.
 * Its subject is the hub person id of the resident concerned; where the hub has no person for
 * the case (civil affairs pays an ID number police do not know) it is the owner's own record key,
 * which only the owner can read back (`subject: 'OWNER_RECORD'`).
 */
export interface CheckRule {
  /** Upper-case id: the finding's `rule`, the GraphQL `rule` argument, the ground truth's key (seeds/truth.ts). */
  readonly id: string;
  readonly title: string;
  /** Databases the rule reads (registered department modules). */
  readonly reads: readonly string[];
  /** The department that must act: only its officers see the finding. */
  readonly owner: string;
  /**
   * What a finding reveals about its subject: the owner's officers may read findings of this rule
   * only under a purpose for which the owner's policy row ALLOWs this level.
   */
  readonly level: Level;
  /** Who the subject is: the person concerned, the newborn's mother, or the owner's own record. */
  readonly subject: 'PERSON' | 'MOTHER' | 'OWNER_RECORD';
  /** What the owner is shown besides the rule and the dates: the minimum needed to act. */
  readonly shows: string;
  /** What the rule finds, in the departments' terms. */
  readonly condition: string;
  /** Why the owner must act, and why this level. */
  readonly reason: string;
}

/** The declared rules, in the order of docs/checks.md. */
export const CHECK_RULES: readonly CheckRule[] = [
  {
    id: 'DEATH_WITH_ACTIVE_ASSISTANCE',
    title: 'Assistance still paid after a registered death',
    reads: ['health', 'civil'],
    owner: 'civil',
    level: 3,
    subject: 'PERSON',
    shows: 'the person\'s hub id',
    condition: 'health.deaths has the ID number; civil.assistance has an ACTIVE row for it',
    reason: 'Health registers deaths (一数一源: the death certificate); the payment is civil affairs\', so civil affairs stops it. A death and a payment are L3 (personal, sensitive in combination).',
  },
  {
    id: 'LIVES_ALONE_CONFLICT',
    title: '"Lives alone" while sharing a registered household',
    reads: ['civil', 'police'],
    owner: 'civil',
    level: 2,
    subject: 'PERSON',
    shows: 'the person\'s hub id',
    condition: 'civil.elderly_care.lives_alone is true; the police household of the ID number registers 2 or more persons',
    reason: 'Living alone is civil affairs\' assessment (elderly care); the registered household is evidence it is stale, so civil affairs re-assesses (a home visit may confirm). Household composition is L2.',
  },
  {
    id: 'MARITAL_CONFLICT',
    title: 'Registered as a spouse, recorded as single',
    reads: ['police', 'civil'],
    owner: 'civil',
    level: 2,
    subject: 'PERSON',
    shows: 'the person\'s hub id',
    condition: 'police.persons.relation_to_head is SPOUSE; civil.marital_status.status is SINGLE',
    reason: 'Marital status is civil affairs\' fact (marriage registration); a spouse in the 户籍 household contradicts SINGLE, so civil affairs checks its record (and tells police if the household is wrong). L2.',
  },
  {
    id: 'BIRTH_DATE_MISMATCH',
    title: 'Birth certificate date differs from the registered birth date',
    reads: ['health', 'police'],
    owner: 'health',
    level: 3,
    subject: 'PERSON',
    shows: 'the child\'s hub id',
    condition: 'health.births.born_on differs from police.persons.birth_date of the child\'s ID number',
    reason: 'The registered birth date is police\'s (it is part of the ID number); the certificate that disagrees is health\'s, so health checks it. Exact birth dates are L3.',
  },
  {
    id: 'ASSISTANCE_UNKNOWN_TO_POLICE',
    title: 'Assistance paid to an ID number police do not know',
    reads: ['civil', 'police'],
    owner: 'civil',
    level: 3,
    subject: 'OWNER_RECORD',
    shows: 'the civil.assistance record id (civil affairs\' own key; no ID number leaves civil affairs)',
    condition: 'civil.assistance has an ACTIVE row for an ID number absent from police.persons',
    reason: 'Identity is police\'s; a payment to someone police have no record of (moved away, or a typing error) is civil affairs\' to verify. The hub has no person for it, so the finding names civil affairs\' own record. L3.',
  },
  {
    id: 'BIRTH_NOT_REGISTERED',
    title: 'A birth certificate with no police registration',
    reads: ['health', 'police'],
    owner: 'police',
    level: 2,
    subject: 'MOTHER',
    shows: 'the mother\'s hub id (the newborn has none yet)',
    condition: 'health.births has no child ID number, or one absent from police.persons',
    reason: 'Registering a newborn (户口登记) is police\'s; health\'s certificate shows the birth happened. The newborn has no hub id, so the finding names the mother. That she gave birth recently is L2 here (no medical detail).',
  },
  {
    id: 'AGED_80_WITHOUT_OLD_AGE_ALLOWANCE',
    title: 'Aged 80 or over, no old-age allowance',
    reads: ['police', 'health', 'civil'],
    owner: 'civil',
    level: 2,
    subject: 'PERSON',
    shows: 'the person\'s hub id',
    condition: 'police.persons with 户籍 here (household_no set), born 80 or more years before the run date; no health.deaths row; no ACTIVE civil OLD_AGE_ALLOWANCE',
    reason: 'Eligible but not receiving: 高龄津贴 is civil affairs\' to grant; age and 户籍 are police\'s, the death health\'s. Age band and an allowance are L2.',
  },
  {
    id: 'SEVERE_DISABILITY_WITHOUT_SUBSIDY',
    title: 'Grade 1–2 disability, no disability care subsidy',
    reads: ['civil', 'health', 'police'],
    owner: 'civil',
    level: 3,
    subject: 'PERSON',
    shows: 'the person\'s hub id',
    condition: 'civil.disabilities grade 1 or 2; no ACTIVE civil DISABILITY_SUBSIDY; no health.deaths row; police 户籍 here',
    reason: 'Eligible but not receiving: 重度残疾人护理补贴 is civil affairs\' to grant (the certificate is its own too). A disability grade is L3.',
  },
  {
    id: 'CHRONIC_LOW_INCOME_WITHOUT_FAMILY_DOCTOR',
    title: '低保 member with a chronic condition, no family doctor',
    reads: ['civil', 'health'],
    owner: 'health',
    level: 3,
    subject: 'PERSON',
    shows: 'the person\'s hub id',
    condition: 'ACTIVE civil MINIMUM_LIVING; a health.chronic_conditions row; no health.family_doctor_contracts row still running on the run date; no health.deaths row',
    reason: 'Eligible but not receiving: signing a family-doctor contract (priority for low-income chronic patients) is health\'s. A chronic condition is health data (L3 in combination with low income).',
  },
];

/** The rule with this id, if declared. */
export function checkRule(id: string): CheckRule | undefined {
  return CHECK_RULES.find((r) => r.id === id);
}

/** The departments that own at least one rule (their officers may read findings). */
export function ruleOwners(): string[] {
  return [...new Set(CHECK_RULES.map((r) => r.owner))].sort();
}
