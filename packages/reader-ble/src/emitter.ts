/**
 * A small typed event emitter that is also an async iterable: `for await (const e of reader.events())`.
 * Listener errors are isolated (a throwing listener never breaks the reader).
 */
export class TypedEmitter<E extends { type: string }> {
  readonly #listeners = new Map<string, Set<(event: E) => void>>();
  readonly #iterators = new Set<(event: E | undefined) => void>();

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
          // A listener's bug must not break the reader.
        }
      }
    }
    for (const push of this.#iterators) push(event);
  }

  /** Ends every open iterator (after the reader closed). */
  end(): void {
    for (const push of this.#iterators) push(undefined);
    this.#iterators.clear();
  }

  /** An async iterator over future events; `return()` (or `break`) detaches it. */
  iterate(signal?: AbortSignal): AsyncIterableIterator<E> {
    const queue: E[] = [];
    let wake: (() => void) | undefined;
    let done = false;
    const push = (event: E | undefined): void => {
      if (event === undefined) done = true;
      else queue.push(event);
      wake?.();
    };
    this.#iterators.add(push);
    const finish = (): void => {
      done = true;
      this.#iterators.delete(push);
      wake?.();
    };
    signal?.addEventListener('abort', finish, { once: true });
    const iterator: AsyncIterableIterator<E> = {
      next: async (): Promise<IteratorResult<E>> => {
        for (;;) {
          const event = queue.shift();
          if (event) return { value: event, done: false };
          if (done) {
            finish();
            return { value: undefined, done: true };
          }
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
        }
      },
      return: async (): Promise<IteratorResult<E>> => {
        finish();
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }
}
