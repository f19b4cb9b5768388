import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { assertServerIsCluster, IDENTITY_FILE, recordedIdentifier, systemIdentifierOnDisk } from '../src/db/clusterIdentity';
import { readDatabaseUrls } from '../src/config';
import { testDatabaseUrls } from './support/testDatabases';

/**
 * The embedded cluster is identified, not guessed: OneFile records the system identifier of a
 * cluster it creates, and attaches to a running server only when that server's data directory and
 * identifier are the data folder's. Runs against the suite's own embedded cluster (skipped when the
 * suite runs on configured databases).
 */
const embedded = readDatabaseUrls() === undefined;
(embedded ? describe : describe.skip)('the embedded cluster\'s identity', () => {
  const admin = new Client({ connectionString: testDatabaseUrls().hub });
  let dataDir: string;
  let port: number;
  let systemIdentifier: string;
  const other = path.resolve('.data', `test-not-a-cluster-${process.pid}`);

  beforeAll(async () => {
    await admin.connect();
    dataDir = (await admin.query('SHOW data_directory')).rows[0].data_directory;
    port = Number(new URL(testDatabaseUrls().hub).port);
    systemIdentifier = (await admin.query('SELECT system_identifier::text AS id FROM pg_control_system()')).rows[0].id;
    fs.mkdirSync(path.join(other, 'global'), { recursive: true });
  });
  afterAll(async () => {
    await admin.end();
    fs.rmSync(other, { recursive: true, force: true });
  });

  it('was recorded in the data folder when OneFile created the cluster, and matches pg_control on disk', () => {
    expect(fs.existsSync(path.join(dataDir, IDENTITY_FILE))).toBe(true);
    expect(recordedIdentifier(dataDir)).toBe(systemIdentifier);
    expect(systemIdentifierOnDisk(dataDir)).toBe(systemIdentifier);
  });

  it('lets the running server of this data folder be attached to', async () => {
    await expect(assertServerIsCluster(admin, dataDir, port)).resolves.toBe(systemIdentifier);
  });

  it('refuses the same server for another data folder, naming EMBEDDED_PG_PORT', async () => {
    await expect(assertServerIsCluster(admin, other, port)).rejects.toThrow(/EMBEDDED_PG_PORT=\d+ is served by another PostgreSQL cluster/);
  });

  it('refuses the server when the identifier recorded in its own folder differs (the folder was replaced)', async () => {
    const file = path.join(dataDir, IDENTITY_FILE);
    const saved = fs.readFileSync(file);
    try {
      fs.writeFileSync(file, JSON.stringify({ systemIdentifier: '1' }));
      await expect(assertServerIsCluster(admin, dataDir, port)).rejects.toThrow(/another PostgreSQL cluster/);
    } finally {
      fs.writeFileSync(file, saved);
    }
  });
});
