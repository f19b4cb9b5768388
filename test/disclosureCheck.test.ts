import type { Purpose, Role } from '../src/auth/vocabulary';
import type { Decision, Declaration } from '../src/policy/declaration';
import { FieldDeclarations, readDeclarations } from '../src/policy/declarations';
import { assertNoRecoverableValues, findRecoverableValues, RecoverableValueError } from '../src/policy/disclosureCheck';
import { decide } from '../src/policy/policyTable';
import { buildOneFileSchema } from '../src/schema/buildSchema';

const raw = buildOneFileSchema();
const shipped = readDeclarations(raw);

/** The shipped declarations with some fields declared otherwise. */
function redeclared(changes: Record<string, Partial<Declaration>>): FieldDeclarations {
  const out = new Map(shipped);
  for (const [field, change] of Object.entries(changes)) out.set(field, { ...out.get(field)!, ...change });
  return out;
}

describe('the policy build decides disclosure on what a caller can derive', () => {
  it('passes the shipped table: no masked or denied identifier narrows below its threshold for any role and purpose', () => {
    expect(findRecoverableValues(raw, shipped)).toEqual([]);
  });

  it('refuses yesterday\'s table, where street staff read the full birth date next to the masked ID number, naming role, purpose and fields', () => {
    const declarations = redeclared({ 'Person.birthDate': { level: 2 } });
    const findings = findRecoverableValues(raw, declarations);
    for (const purpose of ['HOME_VISIT', 'SUBSIDY_REVIEW', 'EMERGENCY']) {
      expect(findings).toContainEqual(expect.objectContaining({ role: 'STREET_STAFF', purpose, field: 'Person.idNumber', decision: 'MASK', candidates: 500, from: expect.arrayContaining(['Person.birthDate', 'Person.sex']) }));
    }
    expect(findings).toContainEqual(expect.objectContaining({ role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'HOME_VISIT', field: 'Person.idNumber' }));
    expect(() => assertNoRecoverableValues(raw, declarations)).toThrow(RecoverableValueError);
    expect(() => assertNoRecoverableValues(raw, declarations)).toThrow(/STREET_STAFF \/ HOME_VISIT: Person\.idNumber \(MASK\) narrows to 500 candidates \(< 1000\) from .*Person\.birthDate/);
  });

  it('refuses an ID mask that shows the sequence and check character next to an age (366 dates ÷ 11 leave 33)', () => {
    const findings = findRecoverableValues(raw, redeclared({ 'Person.idNumber': { mask: 'LAST_FOUR' } }));
    // The age and the masked birth date (an age band read over five years) each leave the same 366 dates.
    expect(findings).toContainEqual(expect.objectContaining({ role: 'STREET_STAFF', purpose: 'HOME_VISIT', field: 'Person.idNumber', candidates: 33, from: [expect.stringMatching(/^Person\.(age|birthDate)$/)] }));
  });

  it('refuses LAST_FOUR on a household number: the street prefix is the same for every household, so four digits of a sequential serial are all of it', () => {
    const findings = findRecoverableValues(raw, redeclared({ 'Household.householdNumber': { mask: 'LAST_FOUR' } }));
    expect(findings).toContainEqual(expect.objectContaining({ role: 'STREET_STAFF', field: 'Household.householdNumber', candidates: 1, threshold: 100 }));
  });

  it('counts a birth date read on another path (a health birth record) against the ID number', () => {
    const findings = findRecoverableValues(raw, redeclared({ 'BirthRecord.bornOn': { level: 2 } }));
    expect(findings).toContainEqual(expect.objectContaining({ role: 'STREET_STAFF', field: 'Person.idNumber', candidates: 500, from: expect.arrayContaining(['BirthRecord.bornOn']) }));
  });

  it('refuses a denied certificate number whose ID number and digits the caller can put together', () => {
    const findings = findRecoverableValues(raw, redeclared({ 'Person.birthDate': { level: 2 }, 'Disability.certificateNumber': { mask: 'NONE' } }));
    expect(findings).toContainEqual(expect.objectContaining({ role: 'CIVIL_AFFAIRS_OFFICER', purpose: 'HOME_VISIT', field: 'Disability.certificateNumber', decision: 'DENY', candidates: 500 }));
  });

  it('adds up what one role reads under each of its purposes (one principal, several requests)', () => {
    // Vaccination dates under HOME_VISIT only; a certificate number showing the ID's last digits under the other purposes only.
    const declarations = redeclared({ 'Disability.certificateNumber': { mask: 'LAST_FOUR' } });
    const decideFn = (role: Role, purpose: Purpose, d: Declaration): Decision => {
      if (role === 'STREET_STAFF' && d === declarations.get('Vaccination.givenOn')) return purpose === 'HOME_VISIT' ? 'ALLOW' : 'DENY';
      if (role === 'STREET_STAFF' && d === declarations.get('Disability.certificateNumber')) return purpose === 'HOME_VISIT' ? 'DENY' : 'MASK';
      return decide(role, purpose, d);
    };
    const findings = findRecoverableValues(raw, declarations, decideFn).filter((f) => f.role === 'STREET_STAFF');
    expect(findings.filter((f) => !f.purpose.includes('+'))).toEqual([]);
    expect(findings).toContainEqual(expect.objectContaining({ purpose: 'HOME_VISIT+SUBSIDY_REVIEW+EMERGENCY+TICKET_HANDLING', field: 'Person.idNumber', candidates: 190 }));
  });

  it('does not count a department\'s own records against the ID number it keys them by', () => {
    // A health worker holds a child's birth record, and with it the child's ID number: the hub's mask is not what keeps it.
    expect(findRecoverableValues(raw, shipped).filter((f) => f.role === 'HEALTH_WORKER')).toEqual([]);
    // The same birth record read by street staff in full would count.
    expect(findRecoverableValues(raw, redeclared({ 'BirthRecord.bornOn': { level: 2 } })).some((f) => f.role === 'HEALTH_WORKER')).toBe(false);
  });
});
