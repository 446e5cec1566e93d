import { TransportError } from '../transport-error.js';

/**
 * An unbounded push queue read as an async iterator: the one event iterator of the SDK (the
 * PC/SC monitor and the BLE reader both hand these out). It ends on `end()` after the queued
 * items, rejects after them on `fail(error)`, and rejects with `TransportError('ABORTED')` when
 * `signal` aborts; a signal that is already aborted makes the first `next()` reject at once.
 * `return()` (a `break` out of `for await`) ends it and drops what is queued.
 */
export class EventQueue<T> implements AsyncIterableIterator<T> {
  readonly #items: T[] = [];
  #waiter: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | undefined;
  #done = false;
  #error: unknown;
  readonly #onEnd: () => void;
  readonly #signal: AbortSignal | undefined;
  readonly #onAbort = (): void => this.fail(new TransportError('ABORTED', { cause: this.#signal?.reason }));

  /**
   * `onEnd` runs once when the queue ends for any reason (the owner forgets it there); it does not
   * run for a queue born aborted, which is {@link ended} from the start and never needs forgetting.
   */
  constructor(onEnd: () => void, signal?: AbortSignal) {
    this.#onEnd = onEnd;
    this.#signal = signal;
    if (signal?.aborted) {
      this.#done = true;
      this.#error = new TransportError('ABORTED', { cause: signal.reason });
    } else signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  /** True once the queue takes no more items (ended, failed, aborted or returned). */
  get ended(): boolean {
    return this.#done;
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
    if (this.#items.length > 0) return Promise.resolve({ value: this.#items.shift() as T, done: false });
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
