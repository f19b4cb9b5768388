import type { Knex } from 'knex';
import { byIdNumberPart } from '../../sources/byIdNumberPart';
import { jsonRows, WavePart } from '../../sources/departmentWave';
import { runSql } from '../../sources/runSql';
import { BirthRow, ChronicConditionRow, DeathRow, FamilyDoctorRow, VaccinationRow } from './healthRows';

const BIRTH_COLUMNS = ['certificate_no', 'child_id_number', 'mother_id_number', 'father_id_number', 'born_on', 'hospital', 'weight_grams'];

/** Births by the child's ID number, as a wave part. */
function birthsPart(db: Knex): WavePart<BirthRow> {
  return {
    name: 'births',
    columns: BIRTH_COLUMNS,
    key: 'child_id_number',
    shareKey: () => '',
    alone: (keys) => runSql<BirthRow>(db,
      `SELECT certificate_no, child_id_number, mother_id_number, father_id_number, born_on, hospital, weight_grams
           FROM births WHERE child_id_number = ANY($1::bpchar[])`, [keys]),
    combined: (keys, first) => ({ text: jsonRows('b', BIRTH_COLUMNS, `births b WHERE b.child_id_number = ANY($${first}::bpchar[])`), values: [keys] }),
  };
}

/**
 * The health tables a file reads, as parts of one statement per loader wave
 * (src/sources/departmentWave.ts): a person's family doctor, chronic conditions, vaccinations,
 * birth and death arrive in one round trip.
 */
export function healthParts(db: Knex) {
  return {
    familyDoctor: byIdNumberPart<FamilyDoctorRow>(db, 'family_doctor_contracts', ['id_number', 'doctor_name', 'clinic', 'signed_on', 'expires_on']),
    chronicConditions: byIdNumberPart<ChronicConditionRow>(db, 'chronic_conditions', ['id_number', 'icd10', 'name', 'diagnosed_on', 'managed'], {
      orderBy: 'id_number, diagnosed_on, id',
    }),
    vaccinations: byIdNumberPart<VaccinationRow>(db, 'vaccinations', ['id_number', 'vaccine', 'dose', 'given_on'], { orderBy: 'id_number, given_on, id' }),
    birthByChild: birthsPart(db),
    death: byIdNumberPart<DeathRow>(db, 'deaths', ['id_number', 'certificate_no', 'died_on', 'cause_icd10', 'cause']),
  };
}
