import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';

const MIGRATION_FILE = /^\d{14}_[A-Za-z0-9_-]+\.(ts|js)$/;
/** Files tsc may leave next to compiled migrations; anything else unexpected is an error. */
const IGNORED = /\.(d\.ts|map)$/;

/**
 * The migrations of one database (`migrations/<db>/`), each named by its TypeScript source file
 * whether the source itself (ts-node, jest) or its compiled JavaScript (`npm start` serves
 * `dist/`) is loaded. knex records migrations by name, so one database must never see
 * `x_name.ts` and `x_name.js` as two different migrations. A directory holding both forms of one
 * migration, or a file that does not look like a migration, is refused rather than skipped or
 * run twice.
 */
export class SourceNamedMigrations implements Knex.MigrationSource<string> {
  constructor(private readonly directory: string) {}

  /** The migration files in the directory, in name (= timestamp) order. */
  async getMigrations(): Promise<string[]> {
    const files = (await fs.promises.readdir(this.directory)).filter((f) => !IGNORED.test(f)).sort();
    const byName = new Map<string, string>();
    for (const file of files) {
      if (!MIGRATION_FILE.test(file)) throw new Error(`${path.join(this.directory, file)} is not a migration (<14-digit timestamp>_<name>.ts)`);
      const name = this.getMigrationName(file);
      if (byName.has(name)) throw new Error(`${this.directory} holds ${byName.get(name)} and ${file}: one migration, two files`);
      byName.set(name, file);
    }
    return [...byName.values()];
  }

  getMigrationName(file: string): string {
    return file.replace(/\.js$/, '.ts');
  }

  async getMigration(file: string): Promise<Knex.Migration> {
    // A CommonJS require: under ts-node (and jest) its hook compiles the .ts source.
    return require(path.join(this.directory, file)) as Knex.Migration;
  }
}
