import { HOUSEHOLD_FILE, PERSON_FILE } from '../bench/documents';
import { GRID_TAG_SEARCH } from '../bench/searchQueries';
import { Tag } from '../src/tags/tag';
import { Caller } from './support/auth';
import { TestHub, startTestHub } from './support/http';
import { countQueries } from './support/queryCounter';

type Counts = Record<'hub' | 'police' | 'civil' | 'health' | 'street', number>;

/**
 * SQL statements per request, per database, for the requests `npm run bench` times (issue 15):
 * round trips are the largest per-request cost on both sides of the wire (bench/RESULTS.md), so a
 * change that adds one to these files or to the search page fails here, not only in a benchmark.
 * Bounded by the departments a request touches and its loader waves, not by the tables it reads.
 * The figures are for the bench's documents as POLICE_OFFICER / EMERGENCY (files) and STREET_STAFF
 * / HOME_VISIT (the grid tag search page), each including the access record's one append.
 */
describe('statements per request', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  async function counted(run: () => Promise<{ errors?: unknown }>): Promise<Counts> {
    const counter = countQueries(t.dbs);
    try {
      const res = await run();
      expect(res.errors).toBeUndefined();
    } finally {
      counter.stop();
    }
    return counter.counts as Counts;
  }

  it('reads the person file in 9 statements: one per department per loader wave, the hub index and addresses, and the access record', async () => {
    // A resident with a household and a residence registration: every part is read.
    const { rows } = await t.dbs.police.raw(
      `SELECT p.id_number FROM persons p JOIN residence_registrations r USING (id_number) WHERE p.household_no IS NOT NULL ORDER BY 1 LIMIT 3`,
    );
    for (const { id_number } of rows as Array<{ id_number: string }>) {
      const { id } = await t.dbs.hub('person_index').where({ id_number }).first();
      const counts = await counted(() => t.query(PERSON_FILE, { id }));
      expect(counts).toEqual(EXPECTED_PERSON);
    }
  });

  it('reads the household file with all its members in 8 statements, however many members it has', async () => {
    const { rows } = await t.dbs.police.raw(
      `SELECT household_no FROM persons WHERE household_no IS NOT NULL GROUP BY household_no HAVING count(*) >= 3 ORDER BY household_no LIMIT 3`,
    );
    for (const { household_no } of rows as Array<{ household_no: string }>) {
      const { id } = await t.dbs.hub('household_index').where({ household_no }).first();
      const counts = await counted(() => t.query(HOUSEHOLD_FILE, { id }));
      expect(counts).toEqual(EXPECTED_HOUSEHOLD);
    }
  });

  it('serves a page of the grid tag search in 8 statements, whatever the page holds: the hub reads of the page in one wave', async () => {
    const { rows } = await t.dbs.hub.raw(`SELECT grid_id FROM buildings GROUP BY grid_id ORDER BY count(*) DESC, grid_id LIMIT 2`);
    for (const { grid_id } of rows as Array<{ grid_id: string }>) {
      const street: Caller = { role: 'STREET_STAFF', purpose: 'HOME_VISIT', grids: [grid_id] };
      const counts = await counted(() => t.as(street)(GRID_TAG_SEARCH, { filter: { tags: [Tag.ELDERLY_LIVING_ALONE] } }));
      expect(counts).toEqual(EXPECTED_SEARCH);
      // Health asked about every tag it answers (the filter) answers the page's health tags too.
      const byHealth = await counted(() => t.as(street)(GRID_TAG_SEARCH, { filter: { tags: [Tag.NEEDS_HEALTH_FOLLOW_UP] } }));
      expect(byHealth).toEqual({ ...EXPECTED_SEARCH, civil: 1 });
    }
  });
});

/**
 * One statement per department per loader wave (src/sources/departmentWave.ts). hub:
 * person_index, household_index, buildings (the household's and the residence's in one wave, now
 * that both arrive from one police statement), the access record; police: the person, then its
 * household with its residence, then the household's members (for its size); civil: marital status,
 * assistance, disability and elderly care in one; health: family doctor, chronic conditions,
 * vaccinations, birth and death in one. Per table it was hub 5, police 4, civil 4, health 5 (18).
 */
const EXPECTED_PERSON: Counts = { hub: 4, police: 3, civil: 1, health: 1, street: 0 };
/**
 * hub: household_index, buildings, members' person_index, the access record; police: household,
 * then members; civil: the members' four tables in one; health: family doctor. Per table it was
 * civil 4 (11 in all). The members' sections go out with their person_index (read ahead,
 * src/departments/personSections.ts), not after it: the same statements in one wave fewer.
 * Reading the members with the household and the person_index with the building (one statement
 * each, 6 in all) was measured and not kept: combining those small waves into one statement cost
 * more PostgreSQL CPU than the round trips it saved (bench/RESULTS.md, 2026-11-30).
 */
const EXPECTED_HOUSEHOLD: Counts = { hub: 4, police: 2, civil: 1, health: 1, street: 0 };
/**
 * hub: the grid's buildings, then the page's addresses, household ids and members' person ids in
 * one wave (the members' ids from the police candidates, src/schema/search/pagePrefetch.ts), the
 * access record; police: the candidate households with their members, the page's members; civil:
 * the tag checked, then the page's civil tags; health: the page's health tag. The page's police
 * members, hub wave and tags go out together. It was hub 5 (addresses, household ids, then person
 * ids after the police members: 10 in all).
 */
const EXPECTED_SEARCH: Counts = { hub: 3, police: 2, civil: 2, health: 1, street: 0 };
