import type { Knex } from 'knex';
import { createDepartmentWave } from '../../sources/departmentWave';
import { manyByKey, oneByKey } from '../../sources/keyedLoader';
import { civilParts } from './civilWaveParts';

/**
 * Per-request loaders over the civil affairs database, all keyed by ID number. Loaders
 * dispatching in the same tick share one statement (src/sources/departmentWave.ts).
 */
export function createCivilLoaders(db: Knex) {
  const byId = (r: { id_number: string }) => r.id_number;
  const wave = createDepartmentWave(db);
  const parts = civilParts(db);
  return {
    maritalStatus: oneByKey('civil affairs', wave.read(parts.maritalStatus), byId),
    assistance: manyByKey('civil affairs', wave.read(parts.assistance), byId),
    disability: oneByKey('civil affairs', wave.read(parts.disability), byId),
    elderlyCare: oneByKey('civil affairs', wave.read(parts.elderlyCare), byId),
    childInDifficulty: oneByKey('civil affairs', wave.read(parts.childInDifficulty), byId),
  };
}

export type CivilLoaders = ReturnType<typeof createCivilLoaders>;
