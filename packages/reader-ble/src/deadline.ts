import { TransportError } from '@onshikit/apdu';

/** Options shared by every wait in this package. */
export interface WaitOptions {
  /** Abort the wait: rejects with `TransportError('ABORTED')`. */
  signal?: AbortSignal | undefined;
  /** Give up after this many milliseconds: rejects with `TransportError('TIMEOUT')`. */
  timeoutMs?: number | undefined;
}

/**
 * Races `promise` against `options.signal` and `options.timeoutMs`. `onGiveUp` runs once when
 * the wait is abandoned (so the caller can drop its pending state). Never leaves a timer behind.
 */
export function withDeadline<T>(
  promise: Promise<T>,
  options: WaitOptions = {},
  onGiveUp?: (error: TransportError) => void,
): Promise<T> {
  const { signal, timeoutMs } = options;
  if (signal?.aborted) {
    const error = new TransportError('ABORTED', { cause: signal.reason });
    onGiveUp?.(error);
    // biome-ignore lint/plugin/no-swallowed-rejection: the caller already gets ABORTED; the abandoned operation must not surface as an unhandled rejection
    promise.catch(() => undefined);
    return Promise.reject(error);
  }
  if (!signal && timeoutMs === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const cleanup = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const giveUp = (error: TransportError): void => {
      cleanup();
      onGiveUp?.(error);
      reject(error);
    };
    const onAbort = (): void => giveUp(new TransportError('ABORTED', { cause: signal?.reason }));
    signal?.addEventListener('abort', onAbort, { once: true });
    if (timeoutMs !== undefined)
      timer = setTimeout(
        () => giveUp(new TransportError('TIMEOUT', { detail: { timeoutMs } })),
        Math.max(0, timeoutMs),
      );
    promise.then(
      (value) => {
        cleanup();
        resolve(value);
      },
      (error: unknown) => {
        cleanup();
        reject(error);
      },
    );
  });
}

/** Merges the caller's options with a default timeout. */
export function waitOptions(options: WaitOptions | undefined, defaultTimeoutMs: number | undefined): WaitOptions {
  const merged: WaitOptions = {};
  if (options?.signal) merged.signal = options.signal;
  const timeoutMs = options?.timeoutMs ?? defaultTimeoutMs;
  if (timeoutMs !== undefined) merged.timeoutMs = timeoutMs;
  return merged;
}
