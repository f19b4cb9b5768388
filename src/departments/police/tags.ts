import { Tag } from '../../tags/tag';
import type { DepartmentTag } from '../module';

/** The service tag police decide alone, in their own rows (no `check`: the search's SQL and the identity row decide it). */
export const policeTags: readonly DepartmentTag[] = [
  {
    tag: Tag.FLOATING_POPULATION,
    field: 'floatingPopulation',
    label: '流动人口',
    household: false,
    level: 2,
    derivation: 'police hold no 户籍 household for the person in this city (registered elsewhere)',
    reason: 'the same fact as Person.isFloatingPopulation (police L2)',
  },
];
