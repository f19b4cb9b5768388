/**
 * A bounded push-to-pull queue: a listener pushes, one consumer pulls with `for await`. Unlike an
 * async generator, `return()` ends it at once even while the consumer waits for the next item
 * (graphql-ws awaits `return()` when a socket closes: a generator parked on an await would hang it).
 * A consumer that stops reading loses the oldest items beyond `capacity`, counted by `onDrop`.
 */
export class EventStream<T> implements AsyncIterableIterator<T> {
  private readonly buffer: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | null = null;
  private done = false;

  constructor(
    private readonly capacity: number,
    private readonly onEnd: () => void,
    private readonly onDrop: () => void = () => undefined,
  ) {}

  /** Hands `item` to the consumer (or buffers it); ignored once ended. */
  push(item: T): void {
    if (this.done) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: item, done: false });
      return;
    }
    this.buffer.push(item);
    if (this.buffer.length > this.capacity) {
      this.buffer.shift();
      this.onDrop();
    }
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffer.length) return Promise.resolve({ value: this.buffer.shift() as T, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  /** Ends the stream: a waiting `next()` resolves done, the listener is removed. Idempotent. */
  return(): Promise<IteratorResult<T>> {
    if (!this.done) {
      this.done = true;
      this.buffer.length = 0;
      this.onEnd();
      const resolve = this.waiting;
      this.waiting = null;
      resolve?.({ value: undefined, done: true });
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(): Promise<IteratorResult<T>> {
    return this.return();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
