/**
 * Counts what each principal holds open (WebSocket connections) against a maximum. In this
 * process: each replica admits its own maximum, so with N replicas a principal may hold N times
 * as many; the per-replica total (WS_MAX_CONNECTIONS) bounds what one replica carries.
 */
export class ConnectionLimits {
  private readonly held = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Takes one for `key`; false (nothing taken) when it already holds the maximum. */
  take(key: string): boolean {
    const n = this.held.get(key) ?? 0;
    if (n >= this.max) return false;
    this.held.set(key, n + 1);
    return true;
  }

  release(key: string): void {
    const n = (this.held.get(key) ?? 0) - 1;
    if (n > 0) this.held.set(key, n);
    else this.held.delete(key);
  }

  /** What `key` holds now. */
  count(key: string): number {
    return this.held.get(key) ?? 0;
  }
}
