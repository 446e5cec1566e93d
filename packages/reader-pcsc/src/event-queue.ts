import { TransportError } from '@onshikit/apdu';

/**
 * An unbounded push queue read as an async iterator; ends on `end()`, on `fail(error)`
 * (the iterator rejects) or when `signal` aborts (rejects with `ABORTED`).
 */
export class EventQueue<T> implements AsyncIterableIterator<T> {
  readonly #items: T[] = [];
  #waiter: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | undefined;
  #done = false;
  #error: unknown;
  readonly #onEnd: () => void;
  readonly #signal: AbortSignal | undefined;
  readonly #onAbort = (): void => this.fail(new TransportError('ABORTED', { cause: this.#signal?.reason }));

  constructor(onEnd: () => void, signal?: AbortSignal) {
    this.#onEnd = onEnd;
    this.#signal = signal;
    if (signal?.aborted) this.#onAbort();
    else signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  /** Adds an item (ignored after the end). */
  push(item: T): void {
    if (this.#done) return;
    if (this.#waiter) {
      const w = this.#waiter;
      this.#waiter = undefined;
      w.resolve({ value: item, done: false });
    } else this.#items.push(item);
  }

  /** Ends the iteration after the queued items. */
  end(): void {
    this.#finish(undefined);
  }

  /** Ends the iteration with an error after the queued items. */
  fail(error: unknown): void {
    this.#finish(error ?? new Error('failed'));
  }

  #finish(error: unknown): void {
    if (this.#done) return;
    this.#done = true;
    this.#error = error;
    this.#signal?.removeEventListener('abort', this.#onAbort);
    this.#onEnd();
    if (this.#waiter && this.#items.length === 0) {
      const w = this.#waiter;
      this.#waiter = undefined;
      if (error) {
        this.#error = undefined;
        w.reject(error);
      } else w.resolve({ value: undefined, done: true });
    }
  }

  next(): Promise<IteratorResult<T>> {
    const item = this.#items.shift();
    if (item !== undefined) return Promise.resolve({ value: item, done: false });
    if (this.#done) {
      if (this.#error) {
        const error = this.#error;
        this.#error = undefined;
        return Promise.reject(error);
      }
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => {
      this.#waiter = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.#items.length = 0;
    this.#error = undefined;
    this.#finish(undefined);
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
