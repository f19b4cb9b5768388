import 'reflect-metadata';
import { databaseNames, databaseUrlVariable, loadConfig } from './config';
import { loadAuthSettings } from './auth/keys';
import { loadDocumentKey } from './audit/documentKey';
import { statementKeys } from './claims/statementKeys';
import { preflight } from './startup/preflight';
import { startupFailure } from './startup/startupFailure';
import { ensureMonthlyPartitions } from './audit/partitions';
import { startSignerProcess } from './audit/signerProcess';
import { connectDatabases } from './db/connect';
import { releaseTerminationSignals } from './db/embeddedExitHook';
import { checksIntervalMinutes, startCheckSchedule } from './checks/schedule';
import { closeDatabases, openDatabases } from './db/databases';
import { loadLimitSettings } from './limits/limitSettings';
import { logger } from './logger';
import { Shutdown } from './server/shutdown';
import { consoleOptions } from './server/consoleSetup';
import { seedEmptyDatabases } from '../seeds/seed';

/**
 * `npm start`: validates the configuration (one line and exit 2 on any bad setting), connects to
 * the configured databases — which must already be migrated (`npm run migrate`) and are never
 * seeded — or starts the embedded PostgreSQL, which is OneFile's own and is migrated and seeded
 * with the demo street when empty; then serves GraphQL. Stops cleanly on SIGTERM/SIGINT: drains,
 * writes the final checkpoint, closes pools, stops the database last (src/server/shutdown.ts).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  await preflight(config);
  const auth = await loadAuthSettings(config.auth, config.mode);
  await statementKeys(); // a missing or non-Ed25519 CLAIMS_SIGNING_KEY_FILE stops the start here, not at the first verify
  const documentKey = loadDocumentKey({ keyFile: config.accessLogPrivacy.documentKeyFile, keysDir: config.auth.keysDir });
  // The configuration is valid: load the server (~1 s of module loading) while the databases start.
  // Loaded only from here, so a configuration refusal above answers without loading it.
  const hubModule = import('./hub.js');
  hubModule.catch(() => undefined); // awaited below; a failure is reported there, not as unhandled
  const shutdown = new Shutdown({ budgetMs: config.operations.shutdownSeconds * 1000 }).listen();
  const limits = loadLimitSettings();
  const connected = await connectDatabases(config);
  shutdown.add(connected.embedded ? 'close the owner pools, stop the embedded PostgreSQL' : 'close the owner pools', () => connected.close());
  if (connected.embedded) releaseTerminationSignals();
  const { dbs } = connected;
  // The embedded cluster is OneFile's own: an empty database (all on a new data dir, a newly registered department's on an existing one) gets the demo street.
  if (connected.embedded) await seedEmptyDatabases(dbs);
  // The checkpoint signer runs as its own process with its own key and login (src/audit/signerMain.ts);
  // it starts while this process finishes loading the server.
  const [signer, { startHub }] = await Promise.all([config.signer === 'child' ? startSignerProcess(connected.urls.hub) : undefined, hubModule]);
  const serving = openDatabases(connected.urls);
  shutdown.add('close the serving pools', () => closeDatabases(serving));
  const hub = await startHub(serving, {
    host: config.host,
    port: config.port,
    auth,
    signer,
    accessLogPrivacy: { caseNumberPattern: config.accessLogPrivacy.caseNumberPattern, documentKey },
    operations: config.operations,
    limits,
    production: config.mode === 'production',
    introspection: config.introspection,
    console: await consoleOptions(config.auth, auth.devKeys, config.mode),
  });
  shutdown.add('stop Apollo, write the final checkpoint', () => hub.close());
  shutdown.serving(hub.drain);
  const checkMinutes = checksIntervalMinutes();
  if (checkMinutes > 0) shutdown.add('stop the check schedule', startCheckSchedule(connected.urls, checkMinutes));
  const example = await dbs.hub('household_index').select('id').orderBy('household_no').first();
  printWelcome(hub.url, connected.embedded ? config.dataDir : undefined, example?.id);

  // Keep the access log's month partitions three months ahead while the hub runs (owner's rights).
  const upkeep = setInterval(() => {
    ensureMonthlyPartitions(dbs.hub, new Date(), 3).catch((err) => logger.error({ code: (err as { code?: string }).code }, 'partition upkeep failed'));
  }, 24 * 3600_000);
  upkeep.unref();
}

function printWelcome(url: string, embeddedDir: string | undefined, householdId: string | undefined): void {
  const query = `{ household(id: \\"${householdId ?? '<household id>'}\\") { address { text } grid { name } members { name idNumber age civilAffairs { elderlyCare { livesAlone } } } } }`;
  process.stdout.write(
    [
      '',
      `OneFile hub is serving GraphQL at ${url}`,
      embeddedDir ? `(embedded PostgreSQL, data in ${embeddedDir}; set ${databaseNames().map(databaseUrlVariable).join(', ')} to use your own)` : '(configured databases)',
      '',
      'Try a household file as a civil affairs officer on a home visit:',
      '  TOKEN=$(npm run --silent token -- --role CIVIL_AFFAIRS_OFFICER)',
      `  curl -s ${url} -H "authorization: Bearer $TOKEN" -H 'x-purpose: HOME_VISIT' -H 'content-type: application/json' \\`,
      `    -d '{"query":"${query}"}'`,
      '',
      'Example queries for each kind of user (street staff, auditors, residents) are in README.md.',
      '',
    ].join('\n'),
  );
}

main().catch((err) => {
  const failure = startupFailure(err);
  if (failure) {
    process.stderr.write(`Configuration error: ${failure}\n`);
    process.exit(2);
  }
  logger.fatal({ err: { message: (err as Error).message } }, 'failed to start');
  process.exit(1);
});
