import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SourceNamedMigrations } from '../src/db/migrationSource';

const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function directoryWith(files: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onefile-migrations-'));
  made.push(dir);
  for (const f of files) fs.writeFileSync(path.join(dir, f), 'exports.up = async () => {}; exports.down = async () => {};\n');
  return dir;
}

describe('the migration source', () => {
  it('names compiled migrations by their .ts source, in timestamp order', async () => {
    const source = new SourceNamedMigrations(directoryWith(['20261122000000_b.js', '20261121000000_a.js', '20261121000000_a.js.map']));
    const files = await source.getMigrations();
    expect(files).toEqual(['20261121000000_a.js', '20261122000000_b.js']);
    expect(files.map((f) => source.getMigrationName(f))).toEqual(['20261121000000_a.ts', '20261122000000_b.ts']);
    expect(typeof (await source.getMigration(files[0])).up).toBe('function');
  });

  it('refuses a directory holding both forms of one migration', async () => {
    await expect(new SourceNamedMigrations(directoryWith(['20261121000000_a.ts', '20261121000000_a.js'])).getMigrations()).rejects.toThrow(/one migration, two files/);
  });

  it('refuses a file that does not look like a migration instead of skipping it', async () => {
    await expect(new SourceNamedMigrations(directoryWith(['20261121000000_a.ts', 'fix.ts'])).getMigrations()).rejects.toThrow(/is not a migration/);
  });
});
