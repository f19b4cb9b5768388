import type { Knex } from 'knex';
import { selectByIdNumber } from '../../sources/byIdNumber';
import { manyByKey, oneByKey } from '../../sources/keyedLoader';
import { runSql } from '../../sources/runSql';
import { BirthRow, ChronicConditionRow, DeathRow, FamilyDoctorRow, VaccinationRow } from './healthRows';

/** Per-request loaders over the health database, keyed by ID number (the child's, for births). */
export function createHealthLoaders(db: Knex) {
  const byId = (r: { id_number: string }) => r.id_number;
  return {
    familyDoctor: oneByKey('health', (ns) =>
      selectByIdNumber<FamilyDoctorRow>(db, 'family_doctor_contracts', ['id_number', 'doctor_name', 'clinic', 'signed_on', 'expires_on'], ns), byId),
    chronicConditions: manyByKey('health', (ns) =>
      selectByIdNumber<ChronicConditionRow>(db, 'chronic_conditions',
        ['id_number', 'icd10', 'name', 'diagnosed_on', 'managed'], ns, 'id_number, diagnosed_on, id'), byId),
    vaccinations: manyByKey('health', (ns) =>
      selectByIdNumber<VaccinationRow>(db, 'vaccinations', ['id_number', 'vaccine', 'dose', 'given_on'], ns, 'id_number, given_on, id'), byId),
    birthByChild: oneByKey('health', (ns) =>
      runSql<BirthRow>(db,
        `SELECT certificate_no, child_id_number, mother_id_number, father_id_number, born_on, hospital, weight_grams
           FROM births WHERE child_id_number = ANY($1::bpchar[])`, [ns]),
      (r) => r.child_id_number as string),
    death: oneByKey('health', (ns) =>
      selectByIdNumber<DeathRow>(db, 'deaths', ['id_number', 'certificate_no', 'died_on', 'cause_icd10', 'cause'], ns), byId),
  };
}

export type HealthLoaders = ReturnType<typeof createHealthLoaders>;
