import { DisclosureRecorder, registerFieldDepartment } from '../src/audit/disclosureRecorder';
import { RoleRequiredError } from '../src/policy/fieldDenied';
import { shieldFallbackError } from '../src/policy/applyPolicy';
import { SourceUnavailableError } from '../src/errors';

const alice = { subjectId: '00000000-0000-4000-8000-00000000000a' };
const bob = { subjectId: '00000000-0000-4000-8000-00000000000b' };

describe('access records tell the truth about failed sources', () => {
  beforeAll(() => {
    for (const [key, owner] of [
      ['Person.name', 'police'], ['Person.health', 'health'], ['HealthSection.familyDoctor', 'health'], ['HealthSection.vaccinations', 'health'],
      ['Vaccination.vaccine', 'health'], ['Person.civilAffairs', 'civil'], ['CivilAffairs.maritalStatus', 'civil'],
    ]) registerFieldDepartment(key, owner);
  });

  it('lists a failed field and its empty section under FAILED, never ALLOW, and says so in the decisions', () => {
    const r = new DisclosureRecorder();
    r.record(alice, 'Person.name', 'ALLOW');
    r.record(alice, 'Person.health', 'ALLOW');
    r.container(alice, 'Person.health', 'health');
    r.record(alice, 'HealthSection.familyDoctor', 'ALLOW');
    r.fail(alice, 'HealthSection.familyDoctor', 'health');
    expect(r.groups()).toEqual([{ subjects: [alice.subjectId], ALLOW: ['Person.name'], MASK: [], DENY: [], FAILED: ['HealthSection.familyDoctor', 'Person.health'] }]);
    expect(r.decisions()).toEqual(['ALLOW', 'FAILED']);
    expect(r.residents).toEqual([alice.subjectId]);
  });

  it('keeps a section disclosed when its department answered part of it, and its denied fields denied', () => {
    const r = new DisclosureRecorder();
    r.record(alice, 'Person.health', 'ALLOW');
    r.container(alice, 'Person.health', 'health');
    r.record(alice, 'HealthSection.vaccinations', 'MASK');
    r.record(alice, 'Vaccination.vaccine', 'ALLOW');
    r.record(alice, 'HealthSection.familyDoctor', 'ALLOW');
    r.fail(alice, 'HealthSection.familyDoctor', 'health');
    r.record(alice, 'Person.civilAffairs', 'DENY');
    const [group] = r.groups();
    expect(group.ALLOW).toEqual(['Person.health', 'Vaccination.vaccine']);
    expect(group.MASK).toEqual(['HealthSection.vaccinations']);
    expect(group.DENY).toEqual(['Person.civilAffairs']);
    expect(group.FAILED).toEqual(['HealthSection.familyDoctor']);
  });

  it('leaves records without failures exactly as before (no FAILED key), and drops a subject of whom nothing but failures was recorded', () => {
    const r = new DisclosureRecorder();
    r.record(alice, 'Person.name', 'ALLOW');
    r.record(bob, 'Person.civilAffairs', 'ALLOW');
    r.container(bob, 'Person.civilAffairs', 'civil');
    r.record(bob, 'CivilAffairs.maritalStatus', 'ALLOW');
    r.fail(bob, 'CivilAffairs.maritalStatus', 'civil');
    const groups = r.groups();
    expect(groups[0]).toEqual({ subjects: [alice.subjectId], ALLOW: ['Person.name'], MASK: [], DENY: [] });
    expect('FAILED' in groups[0]).toBe(false);
    expect(r.residents).toEqual([alice.subjectId]);
    expect(groups[1]).toEqual({ subjects: [bob.subjectId], ALLOW: [], MASK: [], DENY: [], FAILED: ['CivilAffairs.maritalStatus', 'Person.civilAffairs'] });
  });
});

describe('an outage is never reported as a denial', () => {
  it("keeps a rule's SOURCE_UNAVAILABLE as it is instead of shield's \"Not Authorised!\"", () => {
    const outage = new SourceUnavailableError('hub', new Error('connection refused'));
    expect(shieldFallbackError(outage)).toBe(outage);
    expect((shieldFallbackError(outage) as SourceUnavailableError).code).toBe('SOURCE_UNAVAILABLE');
  });

  it('reports the fallback deny (nothing thrown) and uncoded errors as FIELD_DENIED, and role errors as themselves', () => {
    expect((shieldFallbackError(null) as { code?: string }).code).toBe('FIELD_DENIED');
    expect((shieldFallbackError(new Error('boom')) as { code?: string }).code).toBe('FIELD_DENIED');
    expect((shieldFallbackError(new RoleRequiredError('AUDITOR')) as { code?: string }).code).toBe('FORBIDDEN');
  });
});
