/**
 * The Node flags the hub runs with: `npm start` passes them on its command line (package.json),
 * and the benchmarks start every measured server (hub and floor alike) with them. A test keeps
 * package.json and this list in step.
 *
 * `--max-semi-space-size=64` (MiB; Node 20's default is 16): a request allocates a few MB of
 * short-lived objects (rows, GraphQL results, access records), and with the small default young
 * generation the scavenger ran every few requests and promoted what was still in flight. With 64
 * the hub's CPU per grid tag search fell ~20% (7.3 -> 5.8 ms) at ~40 MiB more RSS (bench/SEARCH.md).
 */
export const HUB_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
