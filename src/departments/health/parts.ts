import { healthCheckEvaluators } from './checkEvaluators';
import { healthTables } from '../../../seeds/tables/health';
import { HealthSectionResolver, PersonHealthResolver } from './health.resolver';
import { createHealthLoaders, HealthLoaders } from './healthLoaders';
import type { DepartmentParts } from '../module';

/** The health module's heavy parts (see ./index.ts). */
export const parts: DepartmentParts<HealthLoaders> = {
  checkEvaluators: healthCheckEvaluators,
  resolvers: [PersonHealthResolver, HealthSectionResolver],
  createLoaders: ({ dbs }) => createHealthLoaders(dbs.health),
  seedTables: healthTables,
  personSection: {
    field: 'health',
    type: 'HealthSection',
    loaders: (l) => ({ familyDoctor: l.familyDoctor, chronicConditions: l.chronicConditions, vaccinations: l.vaccinations, birth: l.birthByChild, death: l.death }),
  },
  claimFacts: async (loaders, id, needed) => (needed.has('death') ? { deathRegistered: (await loaders.death.load(id)) !== null } : {}),
};
