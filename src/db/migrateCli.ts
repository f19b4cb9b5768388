/**
 * `npm run migrate`: brings every registered database (the configured `<NAME>_DATABASE_URL` ones, else the
 * embedded cluster) to their latest migrations and prints what ran. The only command that
 * migrates configured databases: `npm start` refuses to serve while any is pending. Never seeds.
 * Exit 0 when done, 2 on a configuration error, 1 on a failed migration.
 */
import 'reflect-metadata';
import { databaseNames, loadConfig } from '../config';
import { startupFailure } from '../startup/startupFailure';
import { connectDatabases } from './connect';

async function main(): Promise<number> {
  const connected = await connectDatabases(loadConfig(), { poolMax: 2, migrations: 'apply' });
  try {
    for (const name of databaseNames()) {
      const ran = connected.applied[name] ?? [];
      process.stdout.write(`${name}: ${ran.length ? `applied ${ran.join(', ')}` : 'up to date'}\n`);
    }
    return 0;
  } finally {
    await connected.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    const failure = startupFailure(err);
    process.stderr.write(failure ? `Configuration error: ${failure}\n` : `migration failed: ${(err as Error).message}\n`);
    process.exit(failure ? 2 : 1);
  },
);
