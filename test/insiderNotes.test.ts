import { randomUUID } from 'node:crypto';
import type { Caller } from './support/auth';
import { TestHub, startTestHub } from './support/http';
import { householdWithMembers, TestHousehold, TICKET_GRID } from './support/ticketHouseholds';

/**
 * Free text others read — a visit's note (street staff of the grid), a need's summary and a
 * rating's comment (the department's officers) — must not carry an ID, phone or card number. The
 * insider writes them the way people in China write numbers by hand: in Chinese numerals, a
 * landline with its area code in brackets, groups split by commas or by dashes other than '-'.
 * Every one is refused with NOTE_CONTAINS_IDENTIFIER, and nothing is written.
 */
const STAFF: Caller = { role: 'STREET_STAFF', grids: [TICKET_GRID], purpose: 'HOME_VISIT', subject: 'insider-notes-worker' };

const RECORD_VISIT = 'mutation RecordVisit($input: RecordVisitInput!) { recordVisit(input: $input) { id } }';
const SUBMIT = 'mutation SubmitNeed($input: SubmitNeedInput!) { submitNeed(input: $input) { id } }';

const codes = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => res.errors?.map((e) => e.extensions?.code);

/** 110101194909222648 (a demo ID number), 13812345678 and (010)65123456, as people write them. */
const WRITTEN_BY_HAND: Array<[string, string]> = [
  ['an ID number in Chinese numerals', '身份证一一〇一〇一一九四九〇九二二二六四八'],
  ['a mobile number in Chinese numerals, 幺 for one', '手机幺三八一二三四五六七八'],
  ['a mobile number in financial numerals', '电话壹叁捌壹贰叁肆伍陆柒捌'],
  ['a mobile number mixing digits and numerals', '手机138一二三四5678'],
  ['a landline with its area code in brackets', '座机(010)65123456'],
  ['a landline with its area code in full-width brackets', '座机（010）6512 3456'],
  ['a mobile number in groups split by full-width commas', '手机138，1234，5678'],
  ['an ID number in groups split by commas', '证件110101,19490922,2648'],
  ['a mobile number split by em dashes', '手机138—1234—5678'],
  ['a mobile number split by figure dashes', '手机138‒1234‒5678'],
];

describe('an insider cannot slip an identifier into a note, a summary or a comment by writing it by hand', () => {
  let t: TestHub;
  let home: TestHousehold;
  let resident: Caller;

  beforeAll(async () => {
    t = await startTestHub();
    home = await householdWithMembers(t.dbs, true, 13);
    resident = { role: 'RESIDENT', subject: home.members[0], purpose: 'SELF_SERVICE' };
  });
  afterAll(() => t.close());

  const visitWith = (note: string) => t.as(STAFF)(RECORD_VISIT, { input: {
    householdId: home.id, visitedAt: new Date(Date.now() - 60_000).toISOString(), outcome: 'NOT_HOME', note, idempotencyKey: randomUUID(),
  } });

  it('records the control: a note with a date, a building and a count of people', async () => {
    const res = await visitWith('2026-11-30上门，3号楼2单元，家中3人，政策已宣传');
    expect(res.errors).toBeUndefined();
  });

  it.each(WRITTEN_BY_HAND)('refuses a visit note holding %s', async (_label, note) => {
    const before = await t.dbs.street('visits').count('* as n');
    expect(codes(await visitWith(note))).toEqual(['NOTE_CONTAINS_IDENTIFIER']);
    expect(await t.dbs.street('visits').count('* as n')).toEqual(before);
  });

  it.each(WRITTEN_BY_HAND)('refuses a resident\'s summary holding %s', async (_label, summary) => {
    const res = await t.as(resident)(SUBMIT, { input: { item: 'HOUSING_REPAIR', summary, idempotencyKey: randomUUID() } });
    expect(codes(res)).toEqual(['NOTE_CONTAINS_IDENTIFIER']);
  });
});
