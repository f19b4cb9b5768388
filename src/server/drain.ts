import type http from 'node:http';
import net from 'node:net';
import type { Admission } from './admission';
import { ConnectionTracker } from './connections';

export interface DrainOptions {
  /** Longest wait for in-flight requests; connections still open then are cut. */
  deadlineMs: number;
  /**
   * How long a kept-alive connection may sit idle before it is closed. A request may already be on
   * the wire to an idle connection; waiting a moment lets it arrive and be answered 503
   * SHUTTING_DOWN with `Connection: close` instead of being reset.
   */
  idleGraceMs: number;
}

export interface DrainResult {
  /** Whether every connection closed before the deadline. */
  drained: boolean;
  /** Requests still running at the deadline, whose connections were cut. */
  cut: number;
  ms: number;
}

const TICK_MS = 25;

/**
 * Returns the drain of an HTTP server behind an `Admission` gate: stop accepting connections,
 * answer new requests on open ones 503 SHUTTING_DOWN with `Connection: close`, let in-flight
 * requests finish (their responses close their connections), close connections left idle, and
 * at the deadline cut what is left. Calling it again after a drain resolves at once.
 */
export function drainer(server: http.Server, gate: Admission): (options: DrainOptions) => Promise<DrainResult> {
  const tracker = new ConnectionTracker(server);
  let draining: Promise<DrainResult> | undefined;
  return (options) => {
    draining ??= (async () => {
      const started = Date.now();
      gate.startDraining();
      // net.Server's close stops accepting without http.Server's immediate closing of idle
      // keep-alive connections (the race a grace period avoids); the tracker closes those.
      if (server.listening) net.Server.prototype.close.call(server);
      while (tracker.size > 0 && Date.now() - started < options.deadlineMs) {
        tracker.closeIdle(options.idleGraceMs);
        if (tracker.size === 0) break;
        await new Promise((resolve) => setTimeout(resolve, TICK_MS));
      }
      const drained = tracker.size === 0;
      const cut = drained ? 0 : tracker.destroyAll();
      return { drained, cut, ms: Date.now() - started };
    })();
    return draining;
  };
}
