/**
 * Not part of `npm test`: scripts/insider-counts.sh copies this file, with test/support/insider, into a
 * checkout of any commit and runs it there, so the same insider (the suite's collection and counting)
 * measures old and new code alike. Prints one JSON line per role × purpose × identifier: the fewest and
 * median candidates over the residents read, with and without the caller's own department's records.
 */
import type { Caller } from './support/auth';
import { TestHub, startTestHub } from './support/http';
import { countCandidates, Truth, worstPerField } from './support/insider/attack';
import { collect } from './support/insider/collect';

const COLUMNS: Array<{ role: string; purpose: string; caseNumber?: string; department: 'police' | 'civil' | 'health' | null }> = [
  { role: 'POLICE_OFFICER', purpose: 'CASE_INVESTIGATION', caseNumber: 'XS-2026-0042', department: 'police' },
  { role: 'POLICE_OFFICER', purpose: 'EMERGENCY', department: 'police' },
  { role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'SUBSIDY_REVIEW', department: 'civil' },
  { role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'HOME_VISIT', department: 'civil' },
  { role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'EMERGENCY', department: 'civil' },
  { role: 'HEALTH_WORKER', purpose: 'HEALTH_FOLLOW_UP', department: 'health' },
  { role: 'HEALTH_WORKER', purpose: 'EMERGENCY', department: 'health' },
  { role: 'STREET_STAFF', purpose: 'HOME_VISIT', department: null },
  { role: 'STREET_STAFF', purpose: 'SUBSIDY_REVIEW', department: null },
  { role: 'STREET_STAFF', purpose: 'EMERGENCY', department: null },
];

it('prints the candidates left per role × purpose × identifier', async () => {
  const t: TestHub = await startTestHub();
  try {
    const db = t.dbs;
    const buildings = new Map<string, string>((await db.hub('buildings').select('code', 'grid_id')).map((b: { code: string; grid_id: string }) => [b.code, b.grid_id]));
    const persons = (await db.police.raw(`SELECT p.id_number, h.building_code FROM persons p JOIN households h USING (household_no)`)).rows as Array<{ id_number: string; building_code: string }>;
    const rich = new Set<string>([
      ...(await db.health.raw(`SELECT child_id_number AS id FROM births WHERE child_id_number IS NOT NULL`)).rows.map((r: { id: string }) => r.id),
      ...(await db.civil.raw(`SELECT id_number AS id FROM disabilities`)).rows.map((r: { id: string }) => r.id),
      ...(await db.health.raw(`SELECT id_number AS id FROM deaths`)).rows.map((r: { id: string }) => r.id),
    ]);
    const score = new Map<string, number>();
    for (const p of persons) if (rich.has(p.id_number)) score.set(buildings.get(p.building_code)!, (score.get(buildings.get(p.building_code)!) ?? 0) + 1);
    const gridId = [...score.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    const index = new Map<string, string>((await db.hub('person_index').select('id', 'id_number')).map((r: { id: string; id_number: string }) => [r.id_number.trim(), r.id]));
    const all = (await db.police.raw(`SELECT id_number, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, phone FROM persons`)).rows as Array<{ id_number: string; birth_date: string; phone: string | null }>;
    const max = async (k: typeof db.police, sql: string) => Number((await k.raw(sql)).rows[0].max ?? 0);
    const truth: Truth = {
      persons: new Map(all.map((p) => [index.get(p.id_number)!, { idNumber: p.id_number, birthDate: p.birth_date, phone: p.phone }])),
      householdIssued: new Map(),
      permitsIssued: await max(db.police, `SELECT max(right(permit_no, 9)::int) FROM residence_registrations`),
      birthsIssued: await max(db.health, `SELECT max(right(certificate_no, 7)::int) FROM births`),
      deathsIssued: await max(db.health, `SELECT max(right(certificate_no, 6)::int) FROM deaths`),
    };
    const households = (await db.hub('household_index').select('id', 'household_no')) as Array<{ id: string; household_no: string }>;
    const issued = new Map<string, number>();
    for (const h of households) issued.set(h.household_no.slice(0, 9), Math.max(issued.get(h.household_no.slice(0, 9)) ?? 0, Number(h.household_no.slice(9))));
    for (const h of households) truth.householdIssued.set(h.id, issued.get(h.household_no.slice(0, 9))!);
    const inGrid = persons.filter((p) => buildings.get(p.building_code) === gridId && rich.has(p.id_number)).slice(0, 8);
    const gridBuildings = [...buildings.entries()].filter(([, g]) => g === gridId).map(([code]) => code);
    const floating = (await db.police.raw(`SELECT DISTINCT id_number FROM residence_registrations WHERE status = 'ACTIVE' AND permit_no IS NOT NULL AND building_code = ANY(?) ORDER BY 1 LIMIT 4`, [gridBuildings])).rows as Array<{ id_number: string }>;
    const sampleIds = [...inGrid, ...floating].map((p) => index.get(p.id_number)!);
    const householdOf = new Map<string, string>((await db.police('persons').whereIn('id_number', inGrid.map((p) => p.id_number)).select('id_number', 'household_no')).map((r: { id_number: string; household_no: string }) => [r.id_number, r.household_no]));
    const byNumber = new Map(households.map((h) => [h.household_no, h.id]));
    const sampleHouseholds = [...new Set(inGrid.map((p) => byNumber.get(householdOf.get(p.id_number)!)!))];
    for (const column of COLUMNS) {
      const base = { role: column.role, purpose: column.purpose, ...(column.caseNumber ? { caseNumber: column.caseNumber } : {}) } as unknown as Caller;
      const caller = column.role === 'STREET_STAFF' ? ({ ...base, grids: [gridId] } as Caller) : base;
      let c;
      try {
        c = await collect(t.as(caller), gridId, sampleIds, sampleHouseholds);
      } catch (err) {
        console.log(`INSIDER ${JSON.stringify({ role: column.role, purpose: column.purpose, error: String(err).slice(0, 200) })}`);
        continue;
      }
      // Code from before the polling fix reckons every age on the day: its readings contradict the published rule.
      const count = (own: typeof column.department) => {
        try {
          return countCandidates(c, truth, own);
        } catch {
          return countCandidates(c, truth, own, 'onTheDay');
        }
      };
      const withOwn = worstPerField(count(null));
      const without = worstPerField(count(column.department));
      for (const [field, w] of without) {
        console.log(`INSIDER ${JSON.stringify({ role: column.role, purpose: column.purpose, field, min: w.min, median: w.median, residents: w.residents, minWithOwn: withOwn.get(field)?.min })}`);
      }
    }
  } finally {
    await t.close();
  }
}, 900_000);
