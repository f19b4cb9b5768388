import type { DepartmentCheckRule } from '../../checks/checkRule';

/**
 * The cross-department checks whose findings civil affairs must act on (issue 18): this module
 * declares them (the owner of a rule is the module that declares it); src/checks/rules.ts reads
 * them from the registry. Their evaluators are in ./checkEvaluators.ts (the module's parts).
 */
export const civilCheckRules: readonly DepartmentCheckRule[] = [
  {
    id: 'DEATH_WITH_ACTIVE_ASSISTANCE',
    title: 'Assistance still paid after a registered death',
    reads: ['health', 'civil'],
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
    level: 2,
    subject: 'PERSON',
    shows: 'the person\'s hub id',
    condition: 'police.persons.relation_to_head is SPOUSE; civil.marital_status.status is SINGLE',
    reason: 'Marital status is civil affairs\' fact (marriage registration); a spouse in the 户籍 household contradicts SINGLE, so civil affairs checks its record (and tells police if the household is wrong). L2.',
  },
  {
    id: 'ASSISTANCE_UNKNOWN_TO_POLICE',
    title: 'Assistance paid to an ID number police do not know',
    reads: ['civil', 'police'],
    level: 3,
    subject: 'OWNER_RECORD',
    shows: 'the civil.assistance record id (civil affairs\' own key; no ID number leaves civil affairs)',
    condition: 'civil.assistance has an ACTIVE row for an ID number absent from police.persons',
    reason: 'Identity is police\'s; a payment to someone police have no record of (moved away, or a typing error) is civil affairs\' to verify. The hub has no person for it, so the finding names civil affairs\' own record. L3.',
  },
  {
    id: 'AGED_80_WITHOUT_OLD_AGE_ALLOWANCE',
    title: 'Aged 80 or over, no old-age allowance',
    reads: ['police', 'health', 'civil'],
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
    level: 3,
    subject: 'PERSON',
    shows: 'the person\'s hub id',
    condition: 'civil.disabilities grade 1 or 2; no ACTIVE civil DISABILITY_SUBSIDY; no health.deaths row; police 户籍 here',
    reason: 'Eligible but not receiving: 重度残疾人护理补贴 is civil affairs\' to grant (the certificate is its own too). A disability grade is L3.',
  },
];
