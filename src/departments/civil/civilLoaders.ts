import type { Knex } from 'knex';
import { selectByIdNumber } from '../../sources/byIdNumber';
import { manyByKey, oneByKey } from '../../sources/keyedLoader';
import { AssistanceRow, ChildInDifficultyRow, DisabilityRow, ElderlyCareRow, MaritalStatusRow } from './civilRows';

/** Per-request loaders over the civil affairs database, all keyed by ID number. */
export function createCivilLoaders(db: Knex) {
  const byId = (r: { id_number: string }) => r.id_number;
  return {
    maritalStatus: oneByKey('civil affairs', (ns) =>
      selectByIdNumber<MaritalStatusRow>(db, 'marital_status', ['id_number', 'status', 'registered_on', 'spouse_id_number'], ns), byId),
    assistance: manyByKey('civil affairs', (ns) =>
      selectByIdNumber<AssistanceRow>(db, 'assistance',
        ['id_number', 'kind', 'monthly_amount', 'started_on', 'ended_on', 'status'], ns, 'id_number, started_on DESC, id'), byId),
    disability: oneByKey('civil affairs', (ns) =>
      selectByIdNumber<DisabilityRow>(db, 'disabilities', ['id_number', 'certificate_no', 'category', 'grade', 'issued_on'], ns), byId),
    elderlyCare: oneByKey('civil affairs', (ns) =>
      selectByIdNumber<ElderlyCareRow>(db, 'elderly_care', ['id_number', 'lives_alone', 'care_level', 'assessed_on'], ns), byId),
    childInDifficulty: oneByKey('civil affairs', (ns) =>
      selectByIdNumber<ChildInDifficultyRow>(db, 'children_in_difficulty',
        ['id_number', 'category', 'guardian_id_number', 'registered_on'], ns), byId),
  };
}

export type CivilLoaders = ReturnType<typeof createCivilLoaders>;
