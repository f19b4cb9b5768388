import { cpuMeter } from './cpuMeter';
import { HttpRequest, quantile, runHttpLoad } from './searchLoad';

/** The grid tag search, field by field: what each part of the selection adds to a request. */
const SHAPES: ReadonlyArray<readonly [string, string]> = [
  ['viewer only (no search, no access record)', '{ viewer { role } }'],
  ['totalCount only', '{ searchHouseholds(filter: { tags: [DISABLED] }) { totalCount } }'],
  ['+ 20 household ids and cursors', '{ searchHouseholds(filter: { tags: [DISABLED] }) { totalCount edges { cursor node { id } } } }'],
  ['+ address text', '{ searchHouseholds(filter: { tags: [DISABLED] }) { totalCount edges { cursor node { id address { text } } } } }'],
  ['+ size and 4 household tags', '{ searchHouseholds(filter: { tags: [DISABLED] }) { totalCount edges { cursor node { id address { text } size tags { elderlyLivingAlone disabled lowIncome needsHealthFollowUp } } } } }'],
  ['+ members (id, name, age, a tag): scenario (a)', '{ searchHouseholds(filter: { tags: [DISABLED] }) { totalCount edges { cursor node { id address { text } size tags { elderlyLivingAlone disabled lowIncome needsHealthFollowUp } members { id name age tags { elderlyLivingAlone } } } } } }'],
];

/**
 * One client at a time (no queueing), so each line is the cost of one request: latency, SQL
 * statements and CPU (hub process incl. the load worker; PostgreSQL). Shows which part of the
 * scenario's cost is the search and which is the rest of the request.
 */
export async function breakdown(url: string, streetTokens: string[], dataDir: string, countQueries: () => number, log: (l: string) => void): Promise<void> {
  const meter = cpuMeter(dataDir);
  log(`\nper-request cost of the grid tag search by selection (1 client, street staff, tag DISABLED):`);
  log(`${'selection'.padEnd(48)} ${'p50 ms'.padStart(7)} ${'SQL'.padStart(5)} ${'node ms'.padStart(8)} ${'pg ms'.padStart(7)}`);
  for (const [label, query] of SHAPES) {
    const requests: HttpRequest[] = streetTokens.map((t) => ({ headers: { authorization: `Bearer ${t}`, 'x-purpose': 'HOME_VISIT' }, body: JSON.stringify({ query }) }));
    await runHttpLoad(url, requests, { concurrency: 1, durationMs: 1000, maxRequests: 1000 });
    const before = countQueries();
    const stop = meter.start();
    const r = await runHttpLoad(url, requests, { concurrency: 1, durationMs: 4000, maxRequests: 4000 });
    const cpu = stop();
    const sql = ((countQueries() - before) / r.requests).toFixed(1);
    log(`${label.padEnd(48)} ${quantile(r.latenciesMs, 0.5).toFixed(1).padStart(7)} ${sql.padStart(5)} ${(cpu.nodeMs / r.requests).toFixed(2).padStart(8)} ${(cpu.postgresMs / r.requests).toFixed(2).padStart(7)}${r.errors ? `  errors: ${r.firstError}` : ''}`);
  }
}
