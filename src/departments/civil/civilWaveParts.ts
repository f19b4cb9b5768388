import type { Knex } from 'knex';
import { byIdNumberPart } from '../../sources/byIdNumberPart';
import { AssistanceRow, ChildInDifficultyRow, DisabilityRow, ElderlyCareRow, MaritalStatusRow } from './civilRows';

/**
 * The civil affairs tables a file reads, as parts of one statement per loader wave
 * (src/sources/departmentWave.ts): a person's marital status, assistance, disability and elderly
 * care arrive in one round trip.
 */
export function civilParts(db: Knex) {
  return {
    maritalStatus: byIdNumberPart<MaritalStatusRow>(db, 'marital_status', ['id_number', 'status', 'registered_on', 'spouse_id_number']),
    assistance: byIdNumberPart<AssistanceRow>(db, 'assistance', ['id_number', 'kind', 'monthly_amount', 'started_on', 'ended_on', 'status'], {
      orderBy: 'id_number, started_on DESC, id',
      textColumns: ['monthly_amount'],
    }),
    disability: byIdNumberPart<DisabilityRow>(db, 'disabilities', ['id_number', 'certificate_no', 'category', 'grade', 'issued_on']),
    elderlyCare: byIdNumberPart<ElderlyCareRow>(db, 'elderly_care', ['id_number', 'lives_alone', 'care_level', 'assessed_on']),
    childInDifficulty: byIdNumberPart<ChildInDifficultyRow>(db, 'children_in_difficulty',
      ['id_number', 'category', 'guardian_id_number', 'registered_on']),
  };
}
