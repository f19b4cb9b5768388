import { CLAIMS_ONLY_PURPOSES, LOOKUP_ONLY_PURPOSES, Purpose, Role, ROLE_DEPARTMENT, ROLE_PURPOSES, ROLES } from '../src/auth/vocabulary';
import { readDeclarations } from '../src/policy/declarations';
import { readableFor } from '../src/policy/disclosureCheck';
import { buildOneFileSchema } from '../src/schema/buildSchema';
import { NEED_ITEMS } from '../src/departments/street/tickets/needItems';
import { Caller, headersFor } from './support/auth';
import { postGraphQL, TestHub, startTestHub } from './support/http';
import { countCandidates, THRESHOLDS, Truth, worstPerField } from './support/insider/attack';
import { absorb, collect, emptyCollection, PERSON_FIELDS } from './support/insider/collect';
import { identifiersInNotes, membersNotRead, unreachable } from './support/insider/visitChecks';

/**
 * Every (role, purpose) a principal can act under, played as a curious insider on the demo seed:
 * everything the caller can read about the residents of one grid, through every path, is merged
 * per resident and the candidates left for each masked or denied identifier are counted from the
 * raw responses. Any count under its kind's threshold is a mask that can be undone.
 */
const COLUMNS: Array<{ role: Role; purpose: Purpose; caseNumber?: string }> = [
  { role: 'POLICE_OFFICER', purpose: 'CASE_INVESTIGATION', caseNumber: 'XS-2026-0042' },
  { role: 'POLICE_OFFICER', purpose: 'EMERGENCY' },
  { role: 'POLICE_OFFICER', purpose: 'ADDRESS_VERIFICATION' },
  { role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'SUBSIDY_REVIEW' },
  { role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'HOME_VISIT' },
  { role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'EMERGENCY' },
  { role: 'HEALTH_WORKER', purpose: 'HEALTH_FOLLOW_UP' },
  { role: 'HEALTH_WORKER', purpose: 'EMERGENCY' },
  { role: 'STREET_STAFF', purpose: 'HOME_VISIT' },
  { role: 'STREET_STAFF', purpose: 'SUBSIDY_REVIEW' },
  { role: 'STREET_STAFF', purpose: 'EMERGENCY' },
  // Bound to tickets (x-ticket-id): the insider holds an open ticket of their department for every
  // sampled household and sends, with each read, the ticket of the household it reads.
  { role: 'POLICE_OFFICER', purpose: 'TICKET_HANDLING' },
  { role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'TICKET_HANDLING' },
  { role: 'HEALTH_WORKER', purpose: 'TICKET_HANDLING' },
  { role: 'STREET_STAFF', purpose: 'TICKET_HANDLING' },
];

const SAMPLE = 8;

/** Identifiers that embed the ID number: a department holding the ID number holds their ID part. */
const ID_PARTS = new Set(['Person.idNumber', 'Disability.certificateNumber']);

/** The policy's decisions, only to know which fields the suite must have counted (the counting never reads them). */
const schema = buildOneFileSchema();
const declarations = readDeclarations(schema);

/**
 * Every ID number a department's own database holds a record under (any column keyed by the ID
 * number, a child's included): the residents whose ID number that department has already.
 */
async function heldIdNumbers(db: TestHub['dbs']['police']): Promise<Set<string>> {
  const columns = (await db.raw(`SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = 'public' AND column_name IN ('id_number', 'child_id_number', 'mother_id_number')`)).rows as Array<{ table_name: string; column_name: string }>;
  const held = new Set<string>();
  for (const c of columns) {
    for (const r of (await db.raw(`SELECT DISTINCT ??::text AS id FROM ?? WHERE ?? IS NOT NULL`, [c.column_name, c.table_name, c.column_name])).rows) held.add(r.id.trim());
  }
  return held;
}

describe('an insider cannot undo a mask from what the same role and purpose may read', () => {
  let t: TestHub;
  let gridId: string;
  let sampleIds: string[];
  let sampleHouseholds: string[];
  let truth: Truth;

  async function maxSerial(db: TestHub['dbs']['police'], sql: string): Promise<number> {
    const { rows } = await db.raw(sql);
    return Number(rows[0].max ?? 0);
  }

  beforeAll(async () => {
    t = await startTestHub();
    // The grid with the most residents carrying several kinds of identifier: children with birth
    // certificates and vaccinations, disability certificates, residence permits, deaths.
    const buildings = new Map<string, string>(
      (await t.dbs.hub('buildings').select('code', 'grid_id')).map((b: { code: string; grid_id: string }) => [b.code, b.grid_id]),
    );
    const persons = (await t.dbs.police.raw(`SELECT p.id_number, p.birth_date, p.phone, h.building_code FROM persons p JOIN households h USING (household_no)`)).rows as
      Array<{ id_number: string; birth_date: string; phone: string | null; building_code: string }>;
    const rich = new Set<string>([
      ...(await t.dbs.health.raw(`SELECT child_id_number AS id FROM births WHERE child_id_number IS NOT NULL`)).rows.map((r: { id: string }) => r.id),
      ...(await t.dbs.civil.raw(`SELECT id_number AS id FROM disabilities`)).rows.map((r: { id: string }) => r.id),
      ...(await t.dbs.health.raw(`SELECT id_number AS id FROM deaths`)).rows.map((r: { id: string }) => r.id),
    ]);
    const score = new Map<string, number>();
    for (const p of persons) if (rich.has(p.id_number)) score.set(buildings.get(p.building_code)!, (score.get(buildings.get(p.building_code)!) ?? 0) + 1);
    gridId = [...score.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];

    const index = new Map<string, string>((await t.dbs.hub('person_index').select('id', 'id_number')).map((r: { id: string; id_number: string }) => [r.id_number.trim(), r.id]));
    const all = (await t.dbs.police.raw(`SELECT id_number, birth_date, phone FROM persons`)).rows as Array<{ id_number: string; birth_date: string; phone: string | null }>;
    truth = {
      persons: new Map(all.map((p) => [index.get(p.id_number)!, { idNumber: p.id_number, birthDate: p.birth_date, phone: p.phone }])),
      householdIssued: new Map(),
      permitsIssued: await maxSerial(t.dbs.police, `SELECT max(right(permit_no, 9)::int) FROM residence_registrations`),
      birthsIssued: await maxSerial(t.dbs.health, `SELECT max(right(certificate_no, 7)::int) FROM births`),
      deathsIssued: await maxSerial(t.dbs.health, `SELECT max(right(certificate_no, 6)::int) FROM deaths`),
    };
    const households = (await t.dbs.hub('household_index').select('id', 'household_no')) as Array<{ id: string; household_no: string }>;
    const issuedPerStreet = new Map<string, number>();
    for (const h of households) {
      const street = h.household_no.slice(0, 9);
      issuedPerStreet.set(street, Math.max(issuedPerStreet.get(street) ?? 0, Number(h.household_no.slice(9))));
    }
    for (const h of households) truth.householdIssued.set(h.id, issuedPerStreet.get(h.household_no.slice(0, 9))!);

    const inGrid = persons.filter((p) => buildings.get(p.building_code) === gridId && rich.has(p.id_number)).slice(0, SAMPLE);
    // Floating residents of the grid too: their residence permits are what the permit number's mask must hold for.
    const gridBuildings = [...buildings.entries()].filter(([, g]) => g === gridId).map(([code]) => code);
    const floating = (await t.dbs.police.raw(`SELECT DISTINCT id_number FROM residence_registrations WHERE status = 'ACTIVE' AND permit_no IS NOT NULL AND building_code = ANY(?) ORDER BY 1 LIMIT 4`, [gridBuildings])).rows as Array<{ id_number: string }>;
    sampleIds = [...inGrid, ...floating].map((p) => index.get(p.id_number)!);
    const householdOf = new Map<string, string>((await t.dbs.police('persons').whereIn('id_number', inGrid.map((p) => p.id_number)).select('id_number', 'household_no')).map((r: { id_number: string; household_no: string }) => [r.id_number, r.household_no]));
    const byNumber = new Map(households.map((h) => [h.household_no, h.id]));
    sampleHouseholds = [...new Set(inGrid.map((p) => byNumber.get(householdOf.get(p.id_number)!)!))];
  });
  afterAll(() => t.close());

  const report: string[] = [];
  afterAll(() => {
    // The figures per role × purpose × field, for the record (printed with the test run).
    console.log(['| role / purpose | field | residents | fewest candidates | median | residents under threshold | threshold | fewest with own records |', '|---|---|---|---|---|---|---|---|', ...report].join('\n'));
  });

  /**
   * The insider under TICKET_HANDLING: files an open ticket of their own department about every
   * household of the sample (street staff: those in their grid), then sends each read with the
   * ticket of the household it reads (a search, with any of them: it reaches that household only).
   */
  async function ticketBoundQuery(caller: Caller) {
    const department = caller.role === 'STREET_STAFF' ? 'street' : ROLE_DEPARTMENT[caller.role]!;
    const item = NEED_ITEMS.find((i) => i.department === department)!.code;
    const base = await headersFor(caller);
    const numbers = new Map<string, string>((await t.dbs.police('persons').select('id_number', 'household_no')).map((r: { id_number: string; household_no: string }) => [r.id_number, r.household_no]));
    const householdIds = new Map<string, string>((await t.dbs.hub('household_index').select('id', 'household_no')).map((r: { id: string; household_no: string }) => [r.household_no, r.id]));
    const householdOf = new Map<string, string>();
    for (const p of await t.dbs.hub('person_index').whereIn('id', sampleIds).select('id', 'id_number')) {
      const h = householdIds.get(numbers.get(p.id_number.trim()) ?? '');
      if (h) householdOf.set(p.id, h);
    }
    const tickets = new Map<string, string>();
    for (const household of new Set([...householdOf.values(), ...sampleHouseholds])) {
      const res = await postGraphQL(t.hub.url, `mutation File($input: CreateTicketInput!) { createTicket(input: $input) { id } }`,
        { input: { householdId: household, item, idempotencyKey: `ins-${caller.role.slice(0, 6)}-${household}` } }, base);
      if (res.data?.createTicket) tickets.set(household, res.data.createTicket.id);
    }
    expect(tickets.size).toBeGreaterThan(0);
    const any = [...tickets.values()][0];
    const query = (async (q: string, variables?: Record<string, unknown>) => {
      const id = variables?.id as string | undefined;
      const ticket = (id && tickets.get(householdOf.get(id) ?? id)) || any;
      return postGraphQL(t.hub.url, q, variables, { ...base, 'x-ticket-id': ticket });
    }) as ReturnType<TestHub['as']>;
    /** Every request under the ticket of one household (what a visit to it names is read under its ticket). */
    const underTicketOf = (household: string) =>
      (async (q: string, variables?: Record<string, unknown>) => postGraphQL(t.hub.url, q, variables, { ...base, 'x-ticket-id': tickets.get(household) ?? any })) as ReturnType<TestHub['as']>;
    return Object.assign(query, { underTicketOf });
  }

  it.each(COLUMNS)('leaves at least the threshold of candidates for every masked identifier: $role / $purpose', async (column) => {
    const caller: Caller = column.role === 'STREET_STAFF' ? { ...column, grids: [gridId] } : column;
    const bound = column.purpose === 'TICKET_HANDLING';
    const boundQuery = bound ? await ticketBoundQuery(caller) : undefined;
    const c = await collect(boundQuery ?? t.as(caller), gridId, sampleIds, sampleHouseholds);
    // A ticket opens one household: the sampled residents are what the insider can reach.
    expect(c.persons.size).toBeGreaterThan(bound ? 3 : 200);
    const department = ROLE_DEPARTMENT[column.role];
    // Dates from the caller's own department's records are left out of the ID number's count (that
    // department keys those records by the ID number); the count with them is reported beside it.
    const withOwn = countCandidates(c, truth);
    const worstWithOwn = worstPerField(withOwn);
    const worst = worstPerField(countCandidates(c, truth, department));
    const failures: string[] = [];
    for (const [field, w] of [...worst.entries()].sort()) {
      const own = worstWithOwn.get(field)!;
      report.push(`| ${column.role} / ${column.purpose} | ${field} | ${w.residents} | ${w.min} | ${w.median} | ${w.below} | ${THRESHOLDS[field]} | ${own.min} |`);
      if (w.below) failures.push(`${field}: ${w.below} of ${w.residents} residents narrow below ${THRESHOLDS[field]} candidates (fewest ${w.min})`);
    }
    // The ruling on a department's own records (docs/access-matrix.md): counted with them, an ID
    // number may narrow further only for a resident the caller's department holds a record of
    // under that very number; for anyone else, or any other identifier, the threshold stands.
    const held = department ? await heldIdNumbers(t.dbs[department]) : new Set<string>();
    for (const f of withOwn) {
      if (f.candidates >= THRESHOLDS[f.field] || f.candidates >= f.baseline) continue;
      const idNumber = truth.persons.get(f.resident)?.idNumber;
      if (!(ID_PARTS.has(f.field) && idNumber !== undefined && held.has(idNumber))) {
        failures.push(`${f.field} of ${f.resident}: ${f.candidates} candidates with ${department ?? 'no department'}'s own records, which hold no record under that ID number`);
      }
    }
    // Every identifier the policy masks for this column on a path it can reach was counted: a field
    // the collection stopped reading would otherwise drop out of the suite silently.
    const readable = readableFor(schema, declarations, column.role, column.purpose);
    // A ticket is about a registered household (户籍); the sample's floating residents are registered
    // elsewhere, in no household a ticket here can name: under a ticket their permits are out of reach.
    const unreachableFields = bound ? ['ResidenceRegistration.permitNumber'] : [];
    const masked = Object.keys(THRESHOLDS).filter((field) => readable.get(field) === 'MASK' && !unreachableFields.includes(field));
    expect(masked.filter((field) => !worst.has(field))).toEqual([]);
    expect(failures).toEqual([]);
    // The street office's visits, read on every path the column may take (collect.ts): none went
    // unread where the column may read them, no note carries a resident's identifier, and no member
    // met names a resident the caller cannot open.
    if (readable.get('Household.visits') === 'ALLOW') expect(c.visits.size).toBeGreaterThan(0);
    expect(identifiersInNotes(c, truth)).toEqual([]);
    const notRead = membersNotRead(c);
    report.push(`| ${column.role} / ${column.purpose} | visits read | ${c.visits.size} | members met not read as persons: ${notRead.length} | | | | |`);
    if (!boundQuery) expect(await unreachable(t.as(caller), notRead)).toEqual([]);
    else {
      // Under a ticket, a member met is asked for under the ticket of the household whose visit named them.
      const unreached: string[] = [];
      for (const v of c.visits.values()) {
        const named = v.membersMet.filter((m) => notRead.includes(m));
        if (named.length) unreached.push(...(await unreachable(boundQuery.underTicketOf(v.householdId ?? ''), named)));
      }
      expect(unreached).toEqual([]);
    }
  });

  it('plays every role and purpose a principal can browse under (look-up-only purposes are test/identifierLookups.test.ts, claims-only purposes test/claimRefusals.test.ts and test/claims.test.ts, residents below)', () => {
    const browsing = ROLES.filter((r) => r !== 'RESIDENT').flatMap((role) => ROLE_PURPOSES[role].filter((p) => !LOOKUP_ONLY_PURPOSES.has(p) && !CLAIMS_ONLY_PURPOSES.has(p)).map((purpose) => `${role} / ${purpose}`));
    expect(COLUMNS.map((c) => `${c.role} / ${c.purpose}`).sort()).toEqual(browsing.sort());
  });

  it('finds nothing to count for residents reading their own file and access history', async () => {
    const c = emptyCollection();
    for (const id of sampleIds.slice(0, 3)) {
      const me = t.as({ role: 'RESIDENT', subject: id, purpose: 'SELF_SERVICE' });
      absorb(c, await me(`query($id: ID!) { person(id: $id) { ${PERSON_FIELDS} } myAccessLog { edges { node { fields { field decision } } } } }`, { id }));
    }
    expect(c.persons.size).toBe(3);
    const failures = [...worstPerField(countCandidates(c, truth)).entries()].filter(([f, w]) => w.min < THRESHOLDS[f]);
    expect(failures).toEqual([]);
  });
});
