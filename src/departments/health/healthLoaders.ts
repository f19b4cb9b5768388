import type { Knex } from 'knex';
import { createDepartmentWave } from '../../sources/departmentWave';
import { manyByKey, oneByKey } from '../../sources/keyedLoader';
import { healthParts } from './healthWaveParts';

/**
 * Per-request loaders over the health database, keyed by ID number (the child's, for births).
 * Loaders dispatching in the same tick share one statement (src/sources/departmentWave.ts).
 */
export function createHealthLoaders(db: Knex) {
  const byId = (r: { id_number: string }) => r.id_number;
  const wave = createDepartmentWave(db);
  const parts = healthParts(db);
  return {
    familyDoctor: oneByKey('health', wave.read(parts.familyDoctor), byId),
    chronicConditions: manyByKey('health', wave.read(parts.chronicConditions), byId),
    vaccinations: manyByKey('health', wave.read(parts.vaccinations), byId),
    birthByChild: oneByKey('health', wave.read(parts.birthByChild), (r) => r.child_id_number as string),
    death: oneByKey('health', wave.read(parts.death), byId),
  };
}

export type HealthLoaders = ReturnType<typeof createHealthLoaders>;
