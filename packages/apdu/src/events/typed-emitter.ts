import { EventQueue } from './event-queue.js';

/**
 * A typed event emitter that is also a source of async iterators ({@link EventQueue}), for
 * reader objects: `reader.on('card-present', …)` and `for await (const e of reader.events())`.
 * A throwing listener never breaks the emitter or the other listeners.
 */
export class TypedEmitter<E extends { type: string }> {
  readonly #listeners = new Map<string, Set<(event: E) => void>>();
  readonly #queues = new Set<EventQueue<E>>();
  #ended = false;
  #failure: unknown;

  /** Adds a listener for one event type (or `'*'` for all); returns a function that removes it. */
  on<T extends E['type'] | '*'>(
    type: T,
    listener: (event: T extends '*' ? E : Extract<E, { type: T }>) => void,
  ): () => void {
    let set = this.#listeners.get(type);
    if (!set) this.#listeners.set(type, (set = new Set()));
    const fn = listener as (event: E) => void;
    set.add(fn);
    return () => set.delete(fn);
  }

  /** Emits an event to the listeners of its type, to `'*'` listeners and to open iterators. */
  emit(event: E): void {
    for (const key of [event.type, '*']) {
      for (const listener of this.#listeners.get(key) ?? []) {
        try {
          listener(event);
        } catch {
          // A listener's bug must not break the emitter.
        }
      }
    }
    for (const queue of this.#queues) queue.push(event);
  }

  /** Ends every open iterator after its queued events; later iterators end at once. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    for (const queue of [...this.#queues]) queue.end();
  }

  /** Ends every open iterator with `error` after its queued events; later iterators reject with it. */
  fail(error: unknown): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#failure = error;
    for (const queue of [...this.#queues]) queue.fail(error);
  }

  /**
   * Future events as an async iterator. It ends after {@link end}, rejects after {@link fail},
   * and rejects with `TransportError('ABORTED')` when `signal` aborts (at once if it already
   * has); `return()` (or `break`) detaches it.
   */
  iterate(signal?: AbortSignal): AsyncIterableIterator<E> {
    const queue: EventQueue<E> = new EventQueue(() => this.#queues.delete(queue), signal);
    if (queue.ended) return queue;
    if (this.#failure !== undefined) queue.fail(this.#failure);
    else if (this.#ended) queue.end();
    else this.#queues.add(queue);
    return queue;
  }
}
