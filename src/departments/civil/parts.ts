import { civilCheckEvaluators } from './checkEvaluators';
import { civilTables } from '../../../seeds/tables/civil';
import { CivilAffairsResolver, PersonCivilAffairsResolver } from './civilAffairs.resolver';
import { createCivilLoaders, CivilLoaders } from './civilLoaders';
import type { DepartmentParts } from '../module';

/** The civil affairs module's heavy parts (see ./index.ts). */
export const parts: DepartmentParts<CivilLoaders> = {
  checkEvaluators: civilCheckEvaluators,
  resolvers: [PersonCivilAffairsResolver, CivilAffairsResolver],
  createLoaders: ({ dbs }) => createCivilLoaders(dbs.civil),
  seedTables: civilTables,
  personSection: {
    field: 'civilAffairs',
    type: 'CivilAffairs',
    loaders: (l) => ({ maritalStatus: l.maritalStatus, assistance: l.assistance, disability: l.disability, elderlyCare: l.elderlyCare, childInDifficulty: l.childInDifficulty }),
  },
  claimFacts: async (loaders, id, needed) => {
    const [disability, assistance] = await Promise.all([
      needed.has('disability') ? loaders.disability.load(id) : undefined,
      needed.has('assistance') ? loaders.assistance.load(id) : undefined,
    ]);
    return {
      ...(disability !== undefined ? { disabilityCertified: disability !== null } : {}),
      ...(assistance !== undefined ? { assistance } : {}),
    };
  },
};
