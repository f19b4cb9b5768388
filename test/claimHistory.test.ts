import type { Caller } from './support/auth';
import { closeDatabases } from '../src/db/databases';
import { TestHub, startTestHub } from './support/http';
import { openOwnerTestDatabases } from './support/testDatabases';

/**
 * A verification in the resident's own history (issue 18): "civil affairs verified …: aged 60 or
 * over: yes, alive: yes" — the claims and the answers, for the resident alone. The access log (the
 * chain auditors read) lists the claims asked, never an answer; the answers are kept beside the
 * record, written with it or not at all.
 */
const CIVIL: Caller = { role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'SERVICE_APPLICATION' };
const CARD = ['AGED_60_OR_OVER', 'ALIVE', 'REGISTERED_IN_DISTRICT'];
const VERIFY = `query VERIFY_OP($item: String!, $claims: [Claim!]!, $id: ID) {
  verify(serviceItem: $item, claims: $claims, residentId: $id) { residentId answers { agedSixtyOrOver alive registeredInDistrict } }
}`;
const HISTORY = '{ myAccessLog(first: 20) { edges { node { purpose summary claims { claim label answer } } } } }';
const AUDIT_ENTRY = `query AuditEntry($op: String!) { accessLog(first: 5, filter: { operationName: $op }) { edges { node {
  seq occurredAt subject role department clientApp purpose caseNumber serviceItem operationName documentHash outcome refusal durationMs
  residents households misses disclosures { subjects allowed masked denied failed } prevHash hash } } } }`;

describe('a verification in the resident\'s own history', () => {
  let t: TestHub;
  let elder: { hubId: string; idNumber: string };
  let housemate: string;

  const verify = (op: string, claims: string[] = CARD) => t.as(CIVIL)(VERIFY.replace('VERIFY_OP', op), { item: 'ELDERLY_PREFERENTIAL_CARD', claims, id: elder.hubId });
  const history = (hubId: string) => t.as({ role: 'RESIDENT', subject: hubId, purpose: 'SELF_SERVICE' })(HISTORY);
  const answersKept = async () => Number((await t.dbs.hub('resident_claim_answers').where({ resident: elder.hubId }).count('* as n'))[0].n);

  beforeAll(async () => {
    t = await startTestHub();
    // An elderly person, alive, sharing a registered household with someone.
    const candidates = (await t.dbs.police.raw(`
      SELECT p.id_number, min(o.id_number) AS other FROM persons p JOIN persons o ON o.household_no = p.household_no AND o.id_number <> p.id_number
      WHERE p.birth_date < '1950-01-01' GROUP BY p.id_number ORDER BY p.id_number LIMIT 40`)).rows as Array<{ id_number: string; other: string }>;
    const dead = new Set((await t.dbs.health('deaths').whereIn('id_number', candidates.map((c) => c.id_number)).pluck('id_number')).map((n: string) => n.trim()));
    const pick = candidates.find((c) => !dead.has(c.id_number.trim()))!;
    const idOf = async (n: string) => (await t.dbs.hub('person_index').where({ id_number: n }).first('id')).id as string;
    elder = { idNumber: pick.id_number, hubId: await idOf(pick.id_number) };
    housemate = await idOf(pick.other);
  });
  afterAll(() => t.close());

  it('shows the resident the claims and the answers given, and nothing behind them', async () => {
    const res = await verify('ElderCardAtCounter');
    expect(res.data!.verify.answers).toEqual({ agedSixtyOrOver: true, alive: true, registeredInDistrict: true });
    const entries = (await history(elder.hubId)).data!.myAccessLog.edges.map((e: { node: unknown }) => e.node);
    expect(entries[0]).toEqual({
      purpose: 'SERVICE_APPLICATION',
      summary: 'civil affairs verified for the elderly preferential card (老年人优待卡): aged 60 or over: yes, alive: yes, registered (户籍) in this district: yes',
      claims: [
        { claim: 'AGED_60_OR_OVER', label: 'aged 60 or over', answer: true },
        { claim: 'ALIVE', label: 'alive', answer: true },
        { claim: 'REGISTERED_IN_DISTRICT', label: 'registered (户籍) in this district', answer: true },
      ],
    });
    expect(JSON.stringify(entries)).not.toContain(elder.idNumber.slice(6, 14));
  });

  it('gives an auditor the claims asked and never an answer, in the access log and in the chain', async () => {
    const audit = await t.as({ role: 'AUDITOR' })(AUDIT_ENTRY, { op: 'ElderCardAtCounter' });
    const [entry] = audit.data!.accessLog.edges.map((e: { node: Record<string, unknown> }) => e.node);
    expect(entry).toMatchObject({ purpose: 'SERVICE_APPLICATION', serviceItem: 'ELDERLY_PREFERENTIAL_CARD', residents: [elder.hubId] });
    expect((entry.disclosures as Array<{ allowed: string[] }>)[0].allowed.filter((f) => f.startsWith('ClaimAnswers.'))).toEqual(['ClaimAnswers.agedSixtyOrOver', 'ClaimAnswers.alive', 'ClaimAnswers.registeredInDistrict']);
    // Every field an auditor can select: no yes/no anywhere (the record has no boolean at all).
    expect(audit.text).not.toMatch(/\btrue\b|\bfalse\b|\byes\b|"answer/);
    const [row] = await t.dbs.hub('access_log').where({ operation_name: 'ElderCardAtCounter' }).select('*');
    expect(JSON.stringify(row)).not.toMatch(/\btrue\b|\bfalse\b|\byes\b|answer"/);
    // The store of answers is the serving login's to insert and read (for the resident's history), nobody's to change; auditors' login cannot read it.
    const privileges = (await t.dbs.hub.raw(`SELECT
      has_table_privilege('onefile_auditor', 'resident_claim_answers', 'SELECT') AS auditor_select,
      has_table_privilege('onefile_app', 'resident_claim_answers', 'UPDATE') AS app_update,
      has_table_privilege('onefile_app', 'resident_claim_answers', 'DELETE') AS app_delete`)).rows[0];
    expect(privileges).toEqual({ auditor_select: false, app_update: false, app_delete: false });
  });

  it('shows no one else the answers: not a member of the same household', async () => {
    const entries = (await history(housemate)).data!.myAccessLog.edges.map((e: { node: { claims: unknown[]; summary: string | null } }) => e.node);
    for (const e of entries) expect(e.claims).toEqual([]);
    expect(JSON.stringify(entries)).not.toContain('verified');
  });

  it('keeps no answer for a refused verification', async () => {
    const before = await answersKept();
    const res = await verify('ElderCardRefused', [...CARD, 'DISABILITY_CERTIFIED']);
    expect(res.errors!.map((e) => e.extensions!.code)).toEqual(['CLAIM_NOT_IN_SERVICE_ITEM']);
    expect(await answersKept()).toBe(before);
  });

  it('writes the answers with the access record or not at all: when they cannot be kept, nothing is recorded and nothing answered', async () => {
    const before = await answersKept();
    const owner = openOwnerTestDatabases();
    await owner.hub.raw('REVOKE INSERT ON resident_claim_answers FROM onefile_app');
    try {
      const res = await verify('ElderCardNoStore');
      expect(res.status).toBe(503);
      expect(res.errors!.map((e) => e.extensions!.code)).toEqual(['AUDIT_UNAVAILABLE']);
      expect(res.text).not.toContain('agedSixtyOrOver":true');
    } finally {
      await owner.hub.raw('GRANT INSERT ON resident_claim_answers TO onefile_app');
      await closeDatabases(owner);
    }
    expect(await t.dbs.hub('access_log').where({ operation_name: 'ElderCardNoStore' }).count('* as n')).toEqual([{ n: '0' }]);
    expect(await answersKept()).toBe(before);
    // And the next one is kept again.
    expect((await verify('ElderCardStoreBack')).errors).toBeUndefined();
    expect(await answersKept()).toBe(before + 1);
  });
});
