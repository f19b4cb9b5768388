import fs from 'node:fs';
import path from 'node:path';
import { databaseNames, readDatabaseUrls } from '../src/config';
import { README_FILE, renderDatabaseTable, withDatabaseTable } from '../src/departments/databaseDocs';
import { BUILT_IN_DEPARTMENTS, departmentModules, EXTRA_DEPARTMENTS_VARIABLE, identityModule } from '../src/departments/registry';
import { policyTable } from '../src/policy/policyTable';

describe('the registry of department modules', () => {
  it('lists the hub first, then the departments and the street office, and every database follows it', () => {
    expect(BUILT_IN_DEPARTMENTS.map((m) => m.name)).toEqual(['hub', 'police', 'civil', 'health', 'street']);
    expect(databaseNames({})).toEqual(['hub', 'police', 'civil', 'health', 'street']);
    expect(() => readDatabaseUrls({ HUB_DATABASE_URL: 'postgres://localhost/x' })).toThrow(
      'Set all five database URLs or none; missing: POLICE_DATABASE_URL, CIVIL_DATABASE_URL, HEALTH_DATABASE_URL, STREET_DATABASE_URL');
  });

  it('keeps the README\'s databases table current (npm run docs:databases)', () => {
    const readme = fs.readFileSync(README_FILE, 'utf8');
    expect(withDatabaseTable(readme)).toBe(readme);
    expect(readme).toContain(renderDatabaseTable());
  });

  it('takes the identity spine, and the database the searches run on, from the one module declaring identity', () => {
    expect(identityModule().name).toBe('police');
    const second = path.join(__dirname, 'fixtures', 'departments', 'secondSpine.ts');
    expect(() => departmentModules({ [EXTRA_DEPARTMENTS_VARIABLE]: second })).toThrow(
      'exactly one department module must declare identity (the identity spine: persons and households, and the database the searches run on); declared by police, secondspine');
    expect(identityModule().name).toBe('police');
  });

  it('keys the policy table by department: every row names exactly one registered owner, none a wildcard', () => {
    const names = new Set<string>(BUILT_IN_DEPARTMENTS.map((m) => m.name));
    for (const row of policyTable()) expect(names.has(row.owner)).toBe(true);
    expect(policyTable().some((row) => (row as { owners?: unknown }).owners !== undefined)).toBe(false);
  });
});
