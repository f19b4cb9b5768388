import { Worker } from 'node:worker_threads';

/**
 * A small closed-loop load driver: `concurrency` clients each send their next request as soon as
 * the previous one answered, until `durationMs` or `maxRequests` is reached. HTTP load runs in a
 * worker thread, so the clients' own work does not run on the hub's event loop. Only for
 * addresses on this machine (the benchmark's own hub on 127.0.0.1).
 */
export interface LoadResult {
  requests: number;
  errors: number;
  firstError: string | null;
  seconds: number;
  latenciesMs: number[];
  /** With HTTP loads: for each latency, the index in the request list of the request it timed. */
  requestIndexes?: number[];
}

export interface LoadOptions {
  concurrency: number;
  durationMs: number;
  maxRequests: number;
}

/** One HTTP request of a load: headers and JSON body, POSTed to the load's URL. */
export interface HttpRequest {
  headers: Record<string, string>;
  body: string;
}

/** Runs `send` (one request; resolves to an error message or null) in this thread. */
export async function runLoad(send: (i: number) => Promise<string | null>, options: LoadOptions): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let issued = 0;
  let errors = 0;
  let firstError: string | null = null;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const client = async () => {
    while (performance.now() < deadline && issued < options.maxRequests) {
      const i = issued++;
      const t0 = performance.now();
      const problem = await send(i).catch((err: Error) => err.message);
      latenciesMs.push(performance.now() - t0);
      if (problem !== null) {
        errors += 1;
        firstError ??= problem;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  return { requests: latenciesMs.length, errors, firstError, seconds: (performance.now() - started) / 1000, latenciesMs };
}

// The worker: the same loop over node:http with one kept-alive connection per client (undici's
// fetch cost ~1.2 ms of CPU per request here, on the cores the hub is measured on), requests taken
// round-robin from the list it was given.
const WORKER = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { url, requests, concurrency, durationMs, maxRequests } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const target = new URL(url);
function post(r) {
  return new Promise((resolve, reject) => {
    const body = Buffer.from(r.body);
    const req = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': body.length, ...r.headers } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
(async () => {
  const latenciesMs = [], requestIndexes = [];
  let issued = 0, errors = 0, firstError = null;
  const started = performance.now();
  const deadline = started + durationMs;
  async function send(r) {
    const res = await post(r);
    if (res.status !== 200) return 'HTTP ' + res.status;
    const json = JSON.parse(res.text);
    return json.errors && json.errors.length ? (json.errors[0].extensions || {}).code + ': ' + json.errors[0].message : null;
  }
  async function client() {
    while (performance.now() < deadline && issued < maxRequests) {
      const index = issued++ % requests.length;
      const t0 = performance.now();
      const problem = await send(requests[index]).catch((err) => err.message);
      latenciesMs.push(performance.now() - t0);
      requestIndexes.push(index);
      if (problem !== null) { errors++; if (firstError === null) firstError = problem; }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, client));
  agent.destroy();
  parentPort.postMessage({ requests: latenciesMs.length, errors, firstError, seconds: (performance.now() - started) / 1000, latenciesMs, requestIndexes });
})();
`;

/** Runs an HTTP load from a worker thread against `url`, cycling through `requests`. */
export function runHttpLoad(url: string, requests: HttpRequest[], options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { url, requests, ...options } });
    worker.once('message', (result: LoadResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** The q-quantile (0..1) of the values, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
