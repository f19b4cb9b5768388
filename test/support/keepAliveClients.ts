import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import { randomUUID } from 'node:crypto';

/** One request a hammering client sent, and what came of it. */
export interface Exchange {
  /** The id the hub answered under (`x-request-id` of the response; else the one sent). */
  requestId: string;
  startedAt: number;
  endedAt: number;
  status?: number;
  /** `errors[].extensions.code` of the body. */
  codes: string[];
  hasData: boolean;
  connection?: string;
  retryAfter?: string;
  /** A transport error instead of a response (ECONNREFUSED, ECONNRESET, ...). */
  error?: string;
}

/** One POST of `body` on `agent` (keep-alive), with a fresh `x-request-id`. */
export function send(agent: http.Agent, url: URL, headers: Record<string, string>, body: string): Promise<Exchange> {
  const requestId = randomUUID();
  const startedAt = Date.now();
  return new Promise((resolve) => {
    const req = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-type': 'application/json', 'x-request-id': requestId } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (err: NodeJS.ErrnoException) => resolve({ requestId, startedAt, endedAt: Date.now(), codes: [], hasData: false, error: err.code ?? err.message }));
      res.on('end', () => {
        let parsed: { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> } = {};
        let error: string | undefined;
        try {
          parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          // Every answer of the hub is JSON: a body that does not parse was cut short.
          error = 'TRUNCATED_BODY';
        }
        resolve({
          requestId: (res.headers['x-request-id'] as string | undefined) ?? requestId, startedAt, endedAt: Date.now(), status: res.statusCode,
          codes: (parsed.errors ?? []).map((e) => e.extensions?.code ?? 'UNCODED'),
          hasData: parsed.data !== undefined && parsed.data !== null,
          connection: res.headers.connection, retryAfter: res.headers['retry-after'] as string | undefined, error,
        });
      });
    });
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ requestId, startedAt, endedAt: Date.now(), codes: [], hasData: false, error: err.code ?? err.message }));
    req.end(body);
  });
}

/**
 * `clients` keep-alive clients, each on its own connection, sending `query` back to back (each
 * with a fresh `x-request-id`) until `stop()` or until the server refuses new connections
 * (ECONNREFUSED: it stopped listening). Resolves with every exchange.
 */
export function hammer(url: string, clients: number, headers: Record<string, string>, query: string, variables?: Record<string, unknown>) {
  let stopped = false;
  const body = JSON.stringify({ query, variables });
  const target = new URL(url);
  const runs = Array.from({ length: clients }, async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const log: Exchange[] = [];
    while (!stopped) {
      const exchange = await send(agent, target, headers, body);
      log.push(exchange);
      if (exchange.error === 'ECONNREFUSED') break;
    }
    agent.destroy();
    return log;
  });
  return {
    stop: () => (stopped = true),
    done: Promise.all(runs).then((logs) => logs.flat()),
  };
}

/** What happened when a process was signalled while clients hammered it. */
export interface SignalledUnderLoad {
  code: number | null;
  signalledAt: number;
  /** From the signal to the process's exit. */
  tookMs: number;
  exchanges: Exchange[];
}

/**
 * Lets 8 keep-alive clients hammer `url` for 1.5 s, sends SIGTERM to `child`, waits for it to exit
 * and for the clients to finish (they stop once connections are refused).
 */
export async function sigtermUnderLoad(
  child: ChildProcess, exited: Promise<number | null>, url: string, headers: Record<string, string>, query: string, variables?: Record<string, unknown>,
  signal: (child: ChildProcess) => void = (c) => c.kill('SIGTERM'),
): Promise<SignalledUnderLoad> {
  const clients = hammer(url, 8, headers, query, variables);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const signalledAt = Date.now();
  signal(child);
  const code = await exited;
  const tookMs = Date.now() - signalledAt;
  clients.stop();
  return { code, signalledAt, tookMs, exchanges: await clients.done };
}
