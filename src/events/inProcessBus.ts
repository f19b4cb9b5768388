import { EventBus, LocalFanout } from './eventBus';

/** The bus of one process (no REDIS_URL): a message reaches the listeners of this replica only. */
export class InProcessBus implements EventBus {
  readonly kind = 'memory' as const;
  private readonly fanout = new LocalFanout();
  private closed = false;

  async publish(channel: string, message: string): Promise<'sent'> {
    // Delivered on a later tick, as a Redis round trip would be: a publisher never runs listeners inline.
    if (!this.closed) queueMicrotask(() => this.fanout.deliver(channel, message));
    return 'sent';
  }

  subscribe(channel: string, listener: (message: string) => void): () => void {
    if (this.closed) return () => undefined;
    const { remove } = this.fanout.add(channel, listener);
    return () => void remove();
  }

  async listening(channel: string): Promise<boolean> {
    return this.fanout.has(channel);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.fanout.clear();
  }
}
