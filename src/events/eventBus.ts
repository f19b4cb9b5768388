/**
 * A publish/subscribe bus for notifications between hub replicas (issue 17): messages are short
 * JSON strings on named channels. Delivery is at most once and only to listeners present when the
 * message arrives; a bus is a doorbell, never a store: what a listener missed is read again from
 * the data it points at (a department's ticket queue).
 */
export interface EventBus {
  /** `memory` (this process only) or `redis` (every replica on the same Redis and prefix). */
  readonly kind: 'memory' | 'redis';
  /**
   * Sends `message` to every listener of `channel` on every replica sharing the bus (this one
   * included) and says how far it went. Never rejects: a message the bus cannot send is delivered
   * to this replica's own listeners (`local_only`), so a caller's committed write is not disturbed.
   */
  publish(channel: string, message: string): Promise<'sent' | 'local_only'>;
  /** Calls `listener` with each message on `channel` from now on; returns the unsubscribe. */
  subscribe(channel: string, listener: (message: string) => void): () => void;
  /** Whether this replica listens to `channel` now (on Redis: the subscription confirmed). */
  listening(channel: string): Promise<boolean>;
  /** Stops delivering and releases connections. Idempotent; never rejects. */
  close(): Promise<void>;
}

/** Listeners per channel, called synchronously; a listener that throws does not stop the others. */
export class LocalFanout {
  private readonly listeners = new Map<string, Set<(message: string) => void>>();

  /** Adds a listener; returns the remove and whether it was the channel's first. */
  add(channel: string, listener: (message: string) => void): { remove: () => boolean; first: boolean } {
    let set = this.listeners.get(channel);
    const first = !set;
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(listener);
    return {
      first,
      /** True when it was the channel's last listener. */
      remove: () => {
        const current = this.listeners.get(channel);
        if (!current?.delete(listener) || current.size > 0) return false;
        this.listeners.delete(channel);
        return true;
      },
    };
  }

  deliver(channel: string, message: string): void {
    for (const listener of [...(this.listeners.get(channel) ?? [])]) {
      try {
        listener(message);
      } catch {
        // A listener's failure is its own (it closes its own stream); the others still get the message.
      }
    }
  }

  has(channel: string): boolean {
    return this.listeners.has(channel);
  }

  /** Channels that have listeners. */
  channels(): string[] {
    return [...this.listeners.keys()];
  }

  clear(): void {
    this.listeners.clear();
  }
}
