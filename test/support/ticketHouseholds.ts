import type { Databases } from '../../src/db/databases';

/** The grid the tickets' tests work in (its street staff's only grid). */
export const TICKET_GRID = '110101001001-G01';

/** A household's hub id and its members' hub ids (ordered by hub id). */
export interface TestHousehold {
  id: string;
  members: string[];
}

/**
 * A registered household with at least two members, inside TICKET_GRID (`inside`) or outside it;
 * the `skip` first such households are passed over, so suites can take different ones.
 */
export async function householdWithMembers(dbs: Databases, inside: boolean, skip = 0): Promise<TestHousehold> {
  const codes: string[] = await dbs.hub('buildings').where({ grid_id: TICKET_GRID }).pluck('code');
  const q = dbs.police('households').orderBy('household_no', 'desc');
  const numbers: string[] = await (inside ? q.whereIn('building_code', codes) : q.whereNotIn('building_code', codes)).pluck('household_no');
  let seen = 0;
  for (const no of numbers) {
    const ids: string[] = await dbs.police('persons').where({ household_no: no }).orderBy('id_number').pluck('id_number');
    if (ids.length < 2 || seen++ < skip) continue;
    return { id: (await dbs.hub('household_index').where({ household_no: no }).first()).id, members: await dbs.hub('person_index').whereIn('id_number', ids).orderBy('id').pluck('id') };
  }
  throw new Error('no household with two members');
}
