import { ADULT_AGE, ELDERLY_AGE, Tag } from '../../tags/tag';
import type { DepartmentTag } from '../module';

/** The service tags civil affairs answers (src/tags/tagCatalog.ts); the age part comes from police birth dates. */
export const civilTags: readonly DepartmentTag[] = [
  {
    tag: Tag.ELDERLY_LIVING_ALONE,
    field: 'elderlyLivingAlone',
    label: '独居老人',
    age: { min: ELDERLY_AGE },
    household: true,
    level: 2,
    alsoReveals: { owner: 'police', level: 1 },
    check: 'SELECT e.id_number FROM elderly_care e WHERE e.lives_alone AND e.id_number = ANY($1::bpchar[])',
    derivation: `aged ${ELDERLY_AGE}+ by the police birth date, and civil affairs' elderly-care assessment says lives alone`,
    reason: 'lives-alone is L2 in the elderly-care record; the age part is an age band (police L1)',
  },
  {
    tag: Tag.DISABLED,
    field: 'disabled',
    label: '残疾人',
    household: true,
    level: 2,
    check: 'SELECT d.id_number FROM disabilities d WHERE d.id_number = ANY($1::bpchar[])',
    derivation: 'civil affairs holds a disability certificate (残疾人证) for the person',
    reason: 'reveals only that a certificate exists (already shown to street staff as PRESENCE); category and grade stay L3',
  },
  {
    tag: Tag.LOW_INCOME,
    field: 'lowIncome',
    label: '低保/特困',
    household: true,
    level: 2,
    check: `SELECT DISTINCT a.id_number FROM assistance a
    WHERE a.status = 'ACTIVE' AND a.kind IN ('MINIMUM_LIVING', 'EXTREME_POVERTY') AND a.id_number = ANY($1::bpchar[])`,
    derivation: 'civil affairs pays an ACTIVE minimum living allowance (低保, MINIMUM_LIVING) or extreme-poverty support (特困, EXTREME_POVERTY)',
    reason: 'recipients are publicly posted (公示) in their community; kind, amounts and dates stay L3',
  },
  {
    tag: Tag.CHILD_IN_DIFFICULTY,
    field: 'childInDifficulty',
    label: '困境儿童',
    age: { below: ADULT_AGE },
    household: true,
    level: 2,
    alsoReveals: { owner: 'police', level: 1 },
    check: 'SELECT c.id_number FROM children_in_difficulty c WHERE c.id_number = ANY($1::bpchar[])',
    derivation: `under ${ADULT_AGE} by the police birth date, and registered by civil affairs as a child in difficulty`,
    reason: 'the category (orphan, left behind, ...) is a minor\'s special status and stays L4; the tag tells community children\'s directors whom to visit',
  },
];
