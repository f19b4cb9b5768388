import { Tag } from '../../tags/tag';
import type { DepartmentTag } from '../module';

/** The service tag health answers (src/tags/tagCatalog.ts). */
export const healthTags: readonly DepartmentTag[] = [
  {
    tag: Tag.NEEDS_HEALTH_FOLLOW_UP,
    field: 'needsHealthFollowUp',
    label: '需健康随访',
    household: true,
    level: 2,
    check: `SELECT DISTINCT c.id_number FROM chronic_conditions c
    WHERE c.managed AND c.id_number = ANY($1::bpchar[]) AND NOT EXISTS (SELECT 1 FROM deaths d WHERE d.id_number = c.id_number)`,
    derivation: 'health manages at least one of the person\'s chronic conditions by community follow-up, and holds no death registration',
    reason: 'says a follow-up is due, never which condition (diagnoses stay L4)',
  },
];
