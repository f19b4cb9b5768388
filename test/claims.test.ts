import type { JSONWebKeySet } from 'jose';
import { checkStatement } from '../src/claims/statement';
import { todayInChina } from '../src/identity/age';
import { logger } from '../src/logger';
import type { Caller } from './support/auth';
import { TestHub, startTestHub } from './support/http';

/**
 * Claims instead of documents (免提交, issue 18), over real HTTP against the demo seed: one
 * `verify` call per service item answers yes/no claims computed live from the departments, with a
 * statement that checks offline; the answers are compared with an oracle written here in SQL
 * against the department databases, and no value behind an answer appears anywhere.
 */
const CIVIL: Caller = { role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'SERVICE_APPLICATION' };
const POLICE: Caller = { role: 'POLICE_OFFICER', purpose: 'SERVICE_APPLICATION' };

const VERIFY = `query Verify($item: String!, $claims: [Claim!]!, $id: ID, $idNumber: String) {
  verify(serviceItem: $item, claims: $claims, residentId: $id, idNumber: $idNumber) {
    residentId serviceItem keyId statement
    answers { agedSixtyOrOver alive registeredInDistrict residencePermitActiveSixMonths disabilityCertified lowIncomeAssistanceActive }
  }
}`;

const ITEMS = {
  ELDERLY_PREFERENTIAL_CARD: { caller: CIVIL, claims: ['AGED_60_OR_OVER', 'ALIVE', 'REGISTERED_IN_DISTRICT', 'RESIDENCE_PERMIT_ACTIVE_6_MONTHS'] },
  RESIDENCE_PERMIT_RENEWAL: { caller: POLICE, claims: ['RESIDENCE_PERMIT_ACTIVE_6_MONTHS', 'REGISTERED_IN_DISTRICT', 'ALIVE'] },
  LOW_INCOME_APPLICATION: { caller: CIVIL, claims: ['REGISTERED_IN_DISTRICT', 'ALIVE', 'DISABILITY_CERTIFIED', 'LOW_INCOME_ASSISTANCE_ACTIVE'] },
} as const;

const FIELD: Record<string, string> = {
  AGED_60_OR_OVER: 'agedSixtyOrOver', ALIVE: 'alive', REGISTERED_IN_DISTRICT: 'registeredInDistrict',
  RESIDENCE_PERMIT_ACTIVE_6_MONTHS: 'residencePermitActiveSixMonths', DISABILITY_CERTIFIED: 'disabilityCertified', LOW_INCOME_ASSISTANCE_ACTIVE: 'lowIncomeAssistanceActive',
};

interface Resident {
  hubId: string;
  idNumber: string;
  truth: Record<string, boolean>;
  /** Every value behind the answers that must never appear: birth date, ID number, amounts, grade, numbers, dates. */
  secrets: string[];
}

describe('verify: claims instead of documents', () => {
  let t: TestHub;
  let jwks: JSONWebKeySet;
  const residents: Resident[] = [];
  const today = todayInChina();

  /** The oracle: each claim's answer by a SQL query of its own against the department databases. */
  async function truthOf(idNumber: string): Promise<Record<string, boolean>> {
    const [p] = (await t.dbs.police.raw(`SELECT birth_date::text, household_no FROM persons WHERE id_number = ?`, [idNumber])).rows;
    const [y, m, d] = today.split('-').map(Number);
    const permit = (await t.dbs.police.raw(`SELECT 1 FROM residence_registrations WHERE id_number = ? AND status = 'ACTIVE' AND permit_no IS NOT NULL
      AND registered_on <= (?::date - interval '6 months')::date AND (expires_on IS NULL OR expires_on >= ?::date)`, [idNumber, today, today])).rows.length > 0;
    return {
      AGED_60_OR_OVER: p.birth_date <= `${y - 60}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
      REGISTERED_IN_DISTRICT: p.household_no !== null,
      RESIDENCE_PERMIT_ACTIVE_6_MONTHS: permit,
      ALIVE: (await t.dbs.health.raw(`SELECT 1 FROM deaths WHERE id_number = ?`, [idNumber])).rows.length === 0,
      DISABILITY_CERTIFIED: (await t.dbs.civil.raw(`SELECT 1 FROM disabilities WHERE id_number = ?`, [idNumber])).rows.length > 0,
      LOW_INCOME_ASSISTANCE_ACTIVE: (await t.dbs.civil.raw(`SELECT 1 FROM assistance WHERE id_number = ? AND status = 'ACTIVE' AND kind IN ('MINIMUM_LIVING', 'EXTREME_POVERTY')`, [idNumber])).rows.length > 0,
    };
  }

  async function secretsOf(idNumber: string): Promise<string[]> {
    const q = async (db: TestHub['dbs']['police'], sql: string) => (await db.raw(sql, [idNumber])).rows.flatMap((r: Record<string, unknown>) => Object.values(r));
    const values = [
      idNumber, idNumber.slice(6, 14),
      ...(await q(t.dbs.police, `SELECT birth_date::text, household_no FROM persons WHERE id_number = ?`)),
      ...(await q(t.dbs.police, `SELECT permit_no, registered_on::text, expires_on::text FROM residence_registrations WHERE id_number = ?`)),
      ...(await q(t.dbs.health, `SELECT certificate_no, died_on::text FROM deaths WHERE id_number = ?`)),
      ...(await q(t.dbs.civil, `SELECT certificate_no, category, issued_on::text FROM disabilities WHERE id_number = ?`)),
      ...(await q(t.dbs.civil, `SELECT monthly_amount::text, started_on::text FROM assistance WHERE id_number = ?`)),
    ];
    return [...new Set(values.filter((v): v is string => typeof v === 'string' && v.length >= 4))];
  }

  beforeAll(async () => {
    t = await startTestHub();
    jwks = await (await fetch(new URL('/.well-known/claims-jwks.json', t.hub.url))).json() as JSONWebKeySet;
    // Residents of every kind the claims tell apart: elderly, floating with permits, dead, disabled, low income.
    const pick = async (db: TestHub['dbs']['police'], sql: string) => (await db.raw(sql)).rows.map((r: { id: string }) => r.id.trim()) as string[];
    const ids = new Set<string>([
      ...(await pick(t.dbs.police, `SELECT id_number AS id FROM persons WHERE birth_date < '1950-01-01' ORDER BY id_number LIMIT 4`)),
      ...(await pick(t.dbs.police, `SELECT id_number AS id FROM persons WHERE birth_date > '1990-01-01' AND household_no IS NOT NULL ORDER BY id_number LIMIT 2`)),
      ...(await pick(t.dbs.police, `SELECT id_number AS id FROM residence_registrations WHERE status = 'ACTIVE' AND permit_no IS NOT NULL ORDER BY registered_on LIMIT 3`)),
      ...(await pick(t.dbs.police, `SELECT id_number AS id FROM residence_registrations WHERE status = 'ACTIVE' AND permit_no IS NOT NULL ORDER BY registered_on DESC LIMIT 2`)),
      ...(await pick(t.dbs.health, `SELECT id_number AS id FROM deaths ORDER BY id_number LIMIT 3`)),
      ...(await pick(t.dbs.civil, `SELECT id_number AS id FROM disabilities ORDER BY id_number LIMIT 3`)),
      ...(await pick(t.dbs.civil, `SELECT id_number AS id FROM assistance WHERE status = 'ACTIVE' AND kind = 'MINIMUM_LIVING' ORDER BY id_number LIMIT 3`)),
    ]);
    const index = new Map<string, string>((await t.dbs.hub('person_index').whereIn('id_number', [...ids]).select('id', 'id_number')).map((r: { id: string; id_number: string }) => [r.id_number.trim(), r.id]));
    for (const idNumber of ids) {
      if (!index.has(idNumber)) continue; // a death registered for someone police do not know (a planted discrepancy)
      residents.push({ hubId: index.get(idNumber)!, idNumber, truth: await truthOf(idNumber), secrets: await secretsOf(idNumber) });
    }
  });
  afterAll(() => t.close());

  it('samples residents on both sides of every claim', () => {
    for (const claim of Object.keys(FIELD)) {
      expect(residents.filter((r) => r.truth[claim]).length).toBeGreaterThan(0);
      expect(residents.filter((r) => !r.truth[claim]).length).toBeGreaterThan(0);
    }
  });

  it.each(Object.entries(ITEMS))('answers %s in one call per resident, as the departments\' records say, with a statement that checks offline', async (item, { caller, claims }) => {
    const ask = t.as(caller);
    for (const r of residents) {
      const res = await ask(VERIFY, { item, claims, idNumber: r.idNumber });
      expect(res.status).toBe(200);
      const answers = res.data!.verify.answers;
      const asked = Object.fromEntries(claims.map((c) => [c, answers[FIELD[c]]]));
      expect(asked).toEqual(Object.fromEntries(claims.map((c) => [c, r.truth[c]])));
      // Claims not asked are not answered (and not disclosed).
      const notAsked = Object.keys(FIELD).filter((c) => !(claims as readonly string[]).includes(c));
      for (const c of notAsked) expect(answers[FIELD[c]]).toBeNull();
      // A claim not asked fails CLAIM_NOT_REQUESTED, or FIELD_DENIED where the role may not see it at all (police: civil affairs' claims).
      const denied = caller.role === 'POLICE_OFFICER' ? ['disabilityCertified', 'lowIncomeAssistanceActive'] : [];
      expect(Object.fromEntries(res.errors!.map((e) => [e.path!.at(-1), e.extensions!.code]))).toEqual(
        Object.fromEntries(notAsked.map((c) => [FIELD[c], denied.includes(FIELD[c]) ? 'FIELD_DENIED' : 'CLAIM_NOT_REQUESTED'])),
      );
      expect(res.data!.verify.residentId).toBe(r.hubId);
      const check = await checkStatement(res.data!.verify.statement, jwks);
      if (!check.ok) throw new Error(check.message);
      expect(check.keyId).toBe(res.data!.verify.keyId);
      expect(check.statement).toMatchObject({ sub: r.hubId, serviceItem: item, answers: asked, verifier: { role: caller.role } });
      expect(Object.keys(check.statement.sources).sort()).toEqual([...claims].sort());
      expect(check.statement.sources.ALIVE).toBe('health');
    }
  });

  it('lets no value behind an answer reach the response, the statement, the errors, the hub log or the access log', async () => {
    const calls = (['info', 'warn', 'error', 'debug'] as const).map((level) => jest.spyOn(logger, level));
    const seen: string[] = [];
    const requestIds: string[] = [];
    try {
      for (const [item, { caller, claims }] of Object.entries(ITEMS)) {
        for (const r of residents) {
          const res = await t.as(caller)(VERIFY, { item, claims, id: r.hubId });
          const payload = Buffer.from(res.data!.verify.statement.split('.')[1], 'base64url').toString('utf8');
          requestIds.push(JSON.parse(payload).jti);
          seen.push(res.text, payload);
          // A refused call about the same resident (a claim not in the item) says no more.
          seen.push((await t.as(caller)(VERIFY, { item, claims: [...claims, 'AGED_60_OR_OVER', 'DISABILITY_CERTIFIED'].filter((c, i, a) => a.indexOf(c) === i), id: r.hubId })).text);
        }
      }
      seen.push(...calls.flatMap((c) => c.mock.calls.map((args) => JSON.stringify(args))));
    } finally {
      calls.forEach((c) => c.mockRestore());
    }
    const records = await t.dbs.hub('access_log').whereIn('request_id', requestIds).select('*');
    expect(records).toHaveLength(requestIds.length);
    seen.push(JSON.stringify(records));
    const text = seen.join('\n');
    const leaks = residents.flatMap((r) => r.secrets.filter((s) => text.includes(s)).map((s) => `${r.hubId}: ${s}`));
    expect(leaks).toEqual([]);
  });
});
