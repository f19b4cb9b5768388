/**
 * The Node flags the hub runs with: `npm start` passes them on its command line (package.json),
 * and the benchmarks start every measured server (hub and floor alike) with them. A test keeps
 * package.json and this list in step.
 *
 * `--max-semi-space-size=32` (MiB; Node 20's default is 16): a request allocates a few MB of
 * short-lived objects (rows, GraphQL results, access records), and with the small default young
 * generation the scavenger ran every few requests and promoted what was still in flight; a larger one
 * cut the hub's CPU per grid tag search ~20-27% (7.3 ms at 16, 5.3 at 32, 5.8 at 64: bench/SEARCH.md).
 * Not 64: under 32 clients the young generation grows to its maximum (2 × the semi-space, all of it
 * resident), and at 64 that alone took 128 MiB of the hub's 250-320 MiB peak RSS; at 32 the peak stays
 * under the 300 MiB target (issue 15) with no loss of throughput measured (bench/RESULTS.md, 2026-11-30).
 */
export const HUB_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];
