import { checkCharacter } from '../src/identity/idNumber';
import { TestHub, startTestHub } from './support/http';

const PERSON_FILE = `
  query PersonFile($idNumber: String!) {
    personByIdNumber(idNumber: $idNumber) {
      id idNumber name sex birthDate age ethnicity phone relationToHead isFloatingPopulation
      household { id householdNumber members { id } }
      registeredAddress { text withinCity grid { id } community { name street { name districtName } } }
      actualAddress { text withinCity grid { id name } }
      livesAwayFromRegisteredAddress
      residence { permitNumber status expiresOn }
      civilAffairs { maritalStatus assistance { kind monthlyAmount status } disability { category grade } elderlyCare { livesAlone careLevel } }
      health { familyDoctor { doctorName clinic } chronicConditions { icd10 name } vaccinations { vaccine dose } birth { bornOn } death { diedOn } }
    }
  }`;

describe('one person, one file', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.close());

  async function oneIdNumber(sql: string): Promise<string> {
    const { rows } = await t.dbs.police.raw(sql);
    expect(rows.length).toBe(1);
    return rows[0].id_number;
  }

  it('assembles identity from police, civil affairs and health into one file by ID number', async () => {
    const [elder] = (
      await t.dbs.civil.raw(`SELECT e.id_number FROM elderly_care e JOIN marital_status m USING (id_number) ORDER BY e.id_number LIMIT 50`)
    ).rows as Array<{ id_number: string }>;
    const police = (await t.dbs.police('persons').where('id_number', elder.id_number).first())!;
    const care = (await t.dbs.civil('elderly_care').where('id_number', elder.id_number).first())!;
    const marital = (await t.dbs.civil('marital_status').where('id_number', elder.id_number).first())!;
    const contract = await t.dbs.health('family_doctor_contracts').where('id_number', elder.id_number).first();

    const res = await t.query(PERSON_FILE, { idNumber: elder.id_number });
    expect(res.errors).toBeUndefined();
    const p = res.data!.personByIdNumber;
    expect(p.name).toBe(police.name);
    expect(p.idNumber).toBe(elder.id_number);
    expect(p.birthDate).toBe(police.birth_date);
    expect(p.sex).toBe(police.sex === 'M' ? 'MALE' : 'FEMALE');
    expect(p.civilAffairs.elderlyCare).toEqual({ livesAlone: care.lives_alone, careLevel: care.care_level });
    expect(p.civilAffairs.maritalStatus).toBe(marital.status);
    expect(p.health.familyDoctor).toEqual(contract ? { doctorName: contract.doctor_name, clinic: contract.clinic } : null);
    expect(p.age).toBeGreaterThanOrEqual(59);
  });

  it('gives opaque hub ids that are not the ID number and reach the same file through person(id)', async () => {
    const idNumber = await oneIdNumber(`SELECT id_number FROM persons WHERE household_no IS NOT NULL ORDER BY id_number LIMIT 1`);
    const byNumber = await t.query(PERSON_FILE, { idNumber });
    const id = byNumber.data!.personByIdNumber.id as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(id).not.toContain(idNumber.slice(6, 14));
    const byId = await t.query(`query($id: ID!) { person(id: $id) { id name idNumber household { id } } }`, { id });
    expect(byId.data!.person).toEqual({
      id,
      name: byNumber.data!.personByIdNumber.name,
      idNumber,
      household: { id: byNumber.data!.personByIdNumber.household.id },
    });
  });

  it('shows a floating resident with a residence permit, an outside registered address and no household', async () => {
    const idNumber = await oneIdNumber(`
      SELECT p.id_number FROM persons p JOIN residence_registrations r USING (id_number)
      WHERE p.household_no IS NULL AND r.status = 'ACTIVE' AND r.permit_no IS NOT NULL ORDER BY p.id_number LIMIT 1`);
    const p = (await t.query(PERSON_FILE, { idNumber })).data!.personByIdNumber;
    expect(p.isFloatingPopulation).toBe(true);
    expect(p.household).toBeNull();
    expect(p.registeredAddress.withinCity).toBe(false);
    expect(p.actualAddress.withinCity).toBe(true);
    expect(p.actualAddress.grid.id).toMatch(/-G\d\d$/);
    expect(p.livesAwayFromRegisteredAddress).toBe(true);
    expect(p.residence.permitNumber).toBeTruthy();
    expect(p.residence.status).toBe('ACTIVE');
  });

  it('marks a local resident registered at one address but living at another (人户分离)', async () => {
    const idNumber = await oneIdNumber(`
      SELECT p.id_number FROM persons p JOIN residence_registrations r USING (id_number) JOIN households h USING (household_no)
      WHERE r.status = 'ACTIVE' AND r.permit_no IS NULL AND r.building_code <> h.building_code ORDER BY p.id_number LIMIT 1`);
    const p = (await t.query(PERSON_FILE, { idNumber })).data!.personByIdNumber;
    expect(p.isFloatingPopulation).toBe(false);
    expect(p.livesAwayFromRegisteredAddress).toBe(true);
    expect(p.registeredAddress.text).not.toBe(p.actualAddress.text);
    expect(p.registeredAddress.community.street.districtName).toBe('东城区');
  });

  it('answers a wrong check character with INVALID_ID_NUMBER, not a null, and does not echo the number', async () => {
    const idNumber = await oneIdNumber(`SELECT id_number FROM persons ORDER BY id_number LIMIT 1`);
    const wrong = idNumber.slice(0, 17) + (idNumber[17] === '0' ? '1' : '0');
    const res = await t.query(PERSON_FILE, { idNumber: wrong });
    expect(res.status).toBe(200);
    expect(res.data!.personByIdNumber).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toEqual({ code: 'INVALID_ID_NUMBER', argument: 'idNumber', problem: 'CHECKSUM' });
    expect(res.text).not.toContain(wrong);
  });

  it('returns null for a valid ID number nobody holds', async () => {
    const first17 = '11010119000101999';
    const res = await t.query(PERSON_FILE, { idNumber: first17 + checkCharacter(first17) });
    expect(res.errors).toBeUndefined();
    expect(res.data!.personByIdNumber).toBeNull();
  });

  it('rejects a malformed hub id with INVALID_ID and an unknown one with null', async () => {
    const bad = await t.query(`{ person(id: "110101199001011234") { id } }`);
    expect(bad.errors![0].extensions!.code).toBe('INVALID_ID');
    expect(bad.text).not.toContain('110101199001011234');
    const unknown = await t.query(`{ person(id: "00000000-0000-4000-8000-000000000000") { id } }`);
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data!.person).toBeNull();
  });
});
