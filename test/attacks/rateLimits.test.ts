import { redisForTests, TEST_REDIS_URL } from '../support/redisProbe';
import Redis from 'ioredis';
import { makeIdNumber } from '../../src/identity/idNumber';
import { DEFAULT_LIMITS, LimitSettings } from '../../src/limits/limitSettings';
import { rateLimited } from '../../src/metrics';
import type { Caller } from '../support/auth';
import { TestHub, startTestHub } from '../support/http';
import { openTestDatabases } from '../support/testDatabases';
import { Answer, ask, codes } from './attackClient';

const REDIS_URL = TEST_REDIS_URL;
const REDIS_UP = redisForTests('the shared-budget (two hubs on one Redis) test');

/** Keys of this test run only, so runs (and engineers) sharing a Redis never share budgets. */
const KEY_PREFIX = `onefile-test-limits-${process.pid}`;

function limits(rate: Partial<LimitSettings['rate']>): LimitSettings {
  return { ...DEFAULT_LIMITS, rate: { ...DEFAULT_LIMITS.rate, keyPrefix: KEY_PREFIX, ...rate } };
}

/** A caller of its own per test, so budgets spent in one test never leak into another. */
let n = 0;
function freshOfficer(): Caller {
  n += 1;
  return { role: 'POLICE_OFFICER', purpose: 'EMERGENCY', subject: `rate-officer-${process.pid}-${n}-${Date.now()}` };
}

async function recordOf(t: TestHub, a: Answer) {
  return t.dbs.hub('access_log').where({ request_id: a.headers.get('x-request-id') }).first();
}

describe('attacks: rate limits and the miss budget', () => {
  let t: TestHub;
  let known: string;
  beforeAll(async () => {
    t = await startTestHub(openTestDatabases(), limits({ requests: 3, windowSeconds: 60, misses: 3, missWindowSeconds: 3600 }));
    known = (await t.dbs.hub('person_index').select('id').first()).id;
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After and RATE_LIMITED past the budget, recorded as REFUSED with the code', async () => {
    const officer = freshOfficer();
    const lookup = `{ persons(ids: ["${known}"]) { name } }`;
    for (let i = 0; i < 3; i += 1) expect((await ask(t.hub.url, lookup, undefined, officer)).status).toBe(200);
    const refused = await ask(t.hub.url, lookup, undefined, officer);
    expect(refused.status).toBe(429);
    expect(codes(refused)).toEqual(['RATE_LIMITED']);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(refused.body.data).toBeUndefined();
    expect(await rateLimited.get()).toMatchObject({ values: expect.arrayContaining([expect.objectContaining({ labels: { limit: 'requests' } })]) });
    const record = await recordOf(t, refused);
    expect(record).toMatchObject({ outcome: 'REFUSED', refusal: 'RATE_LIMITED', subject: officer.subject, residents: [] });
    // Operations without resident data are not counted; another principal has its own budget.
    expect((await ask(t.hub.url, '{ viewer { role } }', undefined, officer)).status).toBe(200);
    expect((await ask(t.hub.url, lookup, undefined, freshOfficer())).status).toBe(200);
  });

  it('counts floods refused at validation against the same budget', async () => {
    const officer = freshOfficer();
    const flood = `{ ${Array.from({ length: 16 }, (_, i) => `p${i}: persons(ids: ["${known}"]) { name }`).join(' ')} }`;
    for (let i = 0; i < 3; i += 1) expect(codes(await ask(t.hub.url, flood, undefined, officer))).toEqual(['TOO_MANY_ALIASES']);
    const next = await ask(t.hub.url, `{ persons(ids: ["${known}"]) { name } }`, undefined, officer);
    expect(next.status).toBe(429);
    expect(codes(next)).toEqual(['RATE_LIMITED']);
  });

  it('refuses lookups past the miss budget with MISS_BUDGET_EXCEEDED, and the auditor sees the anomaly at once', async () => {
    const officer = freshOfficer();
    const unknown = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003'];
    const misses = await ask(t.hub.url, `{ persons(ids: ${JSON.stringify(unknown)}) { name } }`, undefined, officer);
    expect(misses.status).toBe(200);
    expect(misses.body.data.persons).toEqual([null, null, null]);
    const refused = await ask(t.hub.url, `{ persons(ids: ["${known}"]) { name } }`, undefined, officer);
    expect(refused.status).toBe(429);
    expect(codes(refused)).toEqual(['MISS_BUDGET_EXCEEDED']);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(60);
    expect(refused.text).not.toContain(known);
    expect(await recordOf(t, refused)).toMatchObject({ outcome: 'REFUSED', refusal: 'MISS_BUDGET_EXCEEDED' });
    const audit = await ask(t.hub.url, '{ accessAnomalies { kind subject records { outcome refusal } } }', undefined, { role: 'AUDITOR' });
    const flagged = audit.body.data.accessAnomalies.filter((x: { kind: string; subject: string }) => x.kind === 'MISS_BUDGET_EXCEEDED' && x.subject === officer.subject);
    expect(flagged).toEqual([{ kind: 'MISS_BUDGET_EXCEEDED', subject: officer.subject, records: [{ outcome: 'REFUSED', refusal: 'MISS_BUDGET_EXCEEDED' }] }]);
  });

  it('stops an ID-number confirmation oracle: every look-up by ID number reserves a miss before it runs, so neither aliases nor concurrent requests probe past the budget', async () => {
    const officer = freshOfficer();
    // Checksum-valid candidates that no resident holds (sequence numbers the seed never uses).
    const candidates = Array.from({ length: 16 }, (_, i) => makeIdNumber('110101', '1949-09-22', 900 + i));
    const lookup = (ns: string[]) => `{ ${ns.map((n, i) => `c${i}: personByIdNumber(idNumber: "${n}") { id }`).join(' ')} }`;
    const flood = await ask(t.hub.url, lookup(candidates), undefined, officer);
    expect(flood.status).toBe(400);
    expect(codes(flood)).toEqual(['TOO_MANY_ALIASES']);
    // 15 candidates do not fit a budget of 3 misses: refused before anything is read.
    const wide = await ask(t.hub.url, lookup(candidates.slice(0, 15)), undefined, officer);
    expect(wide.status).toBe(429);
    expect(codes(wide)).toEqual(['MISS_BUDGET_EXCEEDED']);
    expect(await recordOf(t, wide)).toMatchObject({ outcome: 'REFUSED', refusal: 'MISS_BUDGET_EXCEEDED', misses: 0 });
    // Four requests of 2 candidates at once: one fits (2 of 3), the others would pass the budget.
    const burst = await Promise.all([0, 2, 4, 6].map((i) => ask(t.hub.url, lookup(candidates.slice(i, i + 2)), undefined, officer)));
    expect(burst.map((a) => a.status).sort()).toEqual([200, 429, 429, 429]);
    const answered = burst.find((a) => a.status === 200)!;
    expect(Object.values(answered.body.data).every((p) => p === null)).toBe(true);
    expect((await recordOf(t, answered)).misses).toBe(2);
    // One miss is left: a single look-up fits, then nothing more.
    expect((await ask(t.hub.url, lookup(candidates.slice(14, 15)), undefined, officer)).status).toBe(200);
    const next = await ask(t.hub.url, lookup(candidates.slice(15)), undefined, officer);
    expect(next.status).toBe(429);
    expect(codes(next)).toEqual(['MISS_BUDGET_EXCEEDED']);
    expect(next.text).not.toContain(candidates[15]);
  });

  it('gives back the reserved misses of look-ups that found someone', async () => {
    const officer = freshOfficer();
    const person = await t.dbs.police('persons').select('id_number').first();
    const found = `{ a: personByIdNumber(idNumber: "${person.id_number}") { id } b: personByIdNumber(idNumber: "${person.id_number}") { id } }`;
    // Each request reserves 2 of the 3 misses and returns them: far more than 3 look-ups succeed.
    for (let i = 0; i < 3; i += 1) expect((await ask(t.hub.url, found, undefined, officer)).status).toBe(200);
  });

  (REDIS_UP ? it : it.skip)('shares one budget between two hub instances on one Redis', async () => {
    const shared = limits({ requests: 4, windowSeconds: 60, redisUrl: REDIS_URL });
    const a = await startTestHub(openTestDatabases(), shared);
    const b = await startTestHub(openTestDatabases(), shared);
    const redis = new Redis(REDIS_URL);
    try {
      const officer = freshOfficer();
      const lookup = `{ persons(ids: ["${known}"]) { name } }`;
      const statuses: number[] = [];
      for (const hub of [a, b, a, b, a, b]) statuses.push((await ask(hub.hub.url, lookup, undefined, officer)).status);
      // Each hub saw three requests, under a budget of four: only a shared count refuses the fifth and sixth.
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
      expect(await redis.keys(`${KEY_PREFIX}:rate*`)).not.toHaveLength(0);
    } finally {
      const keys = await redis.keys(`${KEY_PREFIX}:*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
      await a.close();
      await b.close();
    }
  });
});
