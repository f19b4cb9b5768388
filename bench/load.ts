import autocannon from 'autocannon';
import { median, quantile } from './stats';

/** One request a load run may send. */
export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

export interface LoadOptions {
  /** Origin only, e.g. http://127.0.0.1:4000 (127.0.0.1 only). */
  origin: string;
  headers: Record<string, string>;
  /** Requests cycled through in order, shared by all connections. */
  requests: LoadRequest[];
  connections: number;
  /** Seconds measured, after `warmupSeconds` of the same load that is discarded. */
  seconds: number;
  warmupSeconds: number;
  /** Called between the warm-up and the measured window (e.g. to reset server counters). */
  beforeMeasure?: () => Promise<void>;
  /** A response body that fails this check counts as bad (e.g. it carries GraphQL errors). */
  verifyBody: (body: string) => boolean;
}

/** What a measured load window produced. Latencies are exact (per response, sub-millisecond). */
export interface LoadResult {
  connections: number;
  seconds: number;
  /** Completed 2xx responses. */
  ok: number;
  rps: number;
  p50: number;
  p99: number;
  /** Non-2xx responses, bodies failing the check, connection errors and timeouts. */
  bad: number;
}

async function run(options: LoadOptions, seconds: number): Promise<LoadResult> {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(options.origin)) throw new Error(`load only 127.0.0.1, not ${options.origin}`);
  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.origin,
        connections: options.connections,
        duration: seconds,
        headers: options.headers,
        verifyBody: (body) => options.verifyBody(String(body ?? '')),
        requests: [{ setupRequest: (req) => ({ ...req, ...options.requests[next++ % options.requests.length] }) }],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms);
    });
  });
  const elapsed = (performance.now() - started) / 1000;
  return {
    connections: options.connections,
    seconds: elapsed,
    ok: result['2xx'],
    rps: result['2xx'] / elapsed,
    p50: median(latencies),
    p99: quantile(latencies, 0.99),
    bad: result.non2xx + result.mismatches + result.errors + result.timeouts,
  };
}

/** Runs a warm-up window, then the measured window, at a fixed number of connections. */
export async function measureLoad(options: LoadOptions): Promise<LoadResult> {
  if (options.warmupSeconds > 0) await run(options, options.warmupSeconds);
  await options.beforeMeasure?.();
  return run(options, options.seconds);
}
