import type { DepartmentCheckRule } from '../../checks/checkRule';

/**
 * The cross-department checks whose findings police must act on (issue 18): this module
 * declares them (the owner of a rule is the module that declares it); src/checks/rules.ts reads
 * them from the registry. Their evaluators are in ./checkEvaluators.ts (the module's parts).
 */
export const policeCheckRules: readonly DepartmentCheckRule[] = [
  {
    id: 'BIRTH_NOT_REGISTERED',
    title: 'A birth certificate with no police registration',
    reads: ['health', 'police'],
    level: 2,
    subject: 'MOTHER',
    shows: 'the mother\'s hub id (the newborn has none yet)',
    condition: 'health.births has no child ID number, or one absent from police.persons',
    reason: 'Registering a newborn (户口登记) is police\'s; health\'s certificate shows the birth happened. The newborn has no hub id, so the finding names the mother. That she gave birth recently is L2 here (no medical detail).',
  },
];
