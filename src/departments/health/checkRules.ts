import type { DepartmentCheckRule } from '../../checks/checkRule';

/**
 * The cross-department checks whose findings health must act on (issue 18): this module
 * declares them (the owner of a rule is the module that declares it); src/checks/rules.ts reads
 * them from the registry. Their evaluators are in ./checkEvaluators.ts (the module's parts).
 */
export const healthCheckRules: readonly DepartmentCheckRule[] = [
  {
    id: 'BIRTH_DATE_MISMATCH',
    title: 'Birth certificate date differs from the registered birth date',
    reads: ['health', 'police'],
    level: 3,
    subject: 'PERSON',
    shows: 'the child\'s hub id',
    condition: 'health.births.born_on differs from police.persons.birth_date of the child\'s ID number',
    reason: 'The registered birth date is police\'s (it is part of the ID number); the certificate that disagrees is health\'s, so health checks it. Exact birth dates are L3.',
  },
  {
    id: 'CHRONIC_LOW_INCOME_WITHOUT_FAMILY_DOCTOR',
    title: '低保 member with a chronic condition, no family doctor',
    reads: ['civil', 'health'],
    level: 3,
    subject: 'PERSON',
    shows: 'the person\'s hub id',
    condition: 'ACTIVE civil MINIMUM_LIVING; a health.chronic_conditions row; no health.family_doctor_contracts row still running on the run date; no health.deaths row',
    reason: 'Eligible but not receiving: signing a family-doctor contract (priority for low-income chronic patients) is health\'s. A chronic condition is health data (L3 in combination with low income).',
  },
];
