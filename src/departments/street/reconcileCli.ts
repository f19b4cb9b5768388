import { AuditStore } from '../../audit/auditStore';
import { loadConfig, readDatabaseUrls } from '../../config';
import { closeDatabases, openDatabases } from '../../db/databases';
import { startEmbeddedPostgres } from '../../db/embeddedPostgres';
import { reconcileVisitWrites } from './reconcileWrites';

/**
 * `npm run --silent visits:reconcile [-- --days 7]`: appends the missing WRITE_FAILED twin of every
 * street WRITTEN record of the last `days` (default 7, older than 10 minutes) with no visit behind it,
 * and lists request ids whose WRITE_FAILED twin is wrong (the visit exists). The configured
 * databases (`*_DATABASE_URL`), else the embedded cluster of `npm start`. Exits 0 when the log and
 * the visits agree after the run, 1 when a wrong twin was found, 2 when it cannot run.
 */
async function main(): Promise<number> {
  const i = process.argv.indexOf('--days');
  const days = i > 0 ? Number(process.argv[i + 1]) : 7;
  if (!Number.isInteger(days) || days < 1 || days > 366) throw new Error('--days must be 1 to 366');
  let urls = readDatabaseUrls();
  const config = urls ? undefined : loadConfig(process.env);
  const cluster = config ? await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPort }) : undefined;
  urls = urls ?? cluster!.urls;
  const dbs = openDatabases(urls, { poolMax: 2 });
  try {
    const store = new AuditStore(dbs.hub);
    const result = await reconcileVisitWrites({ hub: dbs.hub, street: dbs.street }, (r) => store.append(r), { since: new Date(Date.now() - days * 86_400_000) });
    process.stdout.write(`checked ${result.checked} WRITTEN records; appended ${result.completed.length} WRITE_FAILED twins\n`);
    for (const id of result.failedButPresent) process.stdout.write(`WRITE_FAILED but the visit exists: request ${id}\n`);
    return result.failedButPresent.length ? 1 : 0;
  } finally {
    await closeDatabases(dbs);
    await cluster?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(2);
  },
);
