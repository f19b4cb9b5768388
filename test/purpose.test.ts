import { TestHub, startTestHub } from './support/http';

const PERSON = 'query($id: ID!) { person(id: $id) { name } }';

describe('declared purpose: resident data only for a purpose the role is granted', () => {
  let t: TestHub;
  let hubId: string;
  beforeAll(async () => {
    t = await startTestHub();
    hubId = (await t.dbs.hub('person_index').orderBy('id_number').first()).id;
  });
  afterAll(() => t.close());

  it.each([
    ['no x-purpose', { role: 'POLICE_OFFICER' as const }, 400, 'PURPOSE_REQUIRED'],
    ['an unknown purpose', { role: 'POLICE_OFFICER' as const, purpose: 'CURIOSITY' }, 400, 'UNKNOWN_PURPOSE'],
    ['a purpose its role is not granted', { role: 'HEALTH_WORKER' as const, purpose: 'CASE_INVESTIGATION', caseNumber: 'XS-1' }, 403, 'PURPOSE_NOT_GRANTED'],
    ['a purpose the token narrowed away', { role: 'POLICE_OFFICER' as const, purposes: ['EMERGENCY' as const], purpose: 'CASE_INVESTIGATION', caseNumber: 'XS-1' }, 403, 'PURPOSE_NOT_GRANTED'],
    ['CASE_INVESTIGATION without a case number', { role: 'POLICE_OFFICER' as const, purpose: 'CASE_INVESTIGATION' }, 400, 'CASE_NUMBER_REQUIRED'],
  ])('refuses %s with a coded error and no resident data', async (_label, caller, status, code) => {
    const res = await t.as(caller)(PERSON, { id: hubId });
    expect(res.status).toBe(status);
    expect(res.data).toBeUndefined();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions!.code).toBe(code);
  });

  it('applies the check when resident data is reached through a fragment on Query', async () => {
    const res = await t.as({ role: 'POLICE_OFFICER' })(`query($id: ID!) { ...Q } fragment Q on Query { person(id: $id) { name } }`, { id: hubId });
    expect(res.errors![0].extensions!.code).toBe('PURPOSE_REQUIRED');
  });

  it('answers CASE_INVESTIGATION with a case number', async () => {
    const res = await t.as({ role: 'POLICE_OFFICER', purpose: 'CASE_INVESTIGATION', caseNumber: 'XS-2026-0042' })(PERSON, { id: hubId });
    expect(res.errors).toBeUndefined();
    expect(res.data!.person.name).toEqual(expect.any(String));
  });

  it('lets viewer through without a purpose and reports the declared one', async () => {
    const res = await t.as({ role: 'AUDITOR', purpose: 'HOME_VISIT' })('{ viewer { role purposes declaredPurpose scope } }');
    expect(res.data!.viewer).toEqual({ role: 'AUDITOR', purposes: [], declaredPurpose: 'HOME_VISIT', scope: 'NONE' });
  });
});
