import type { PcscLiteReader } from './pcsclite-types.js';

/**
 * The binding's `close()` on a reader takes the same mutex its connect/transmit/disconnect
 * workers hold while pcscd answers, and it runs on the main thread: closing a reader with a
 * call in flight would freeze the event loop. Every native call is counted here so closing
 * waits for the reader to be idle (and skips the native close if it never becomes idle).
 * Counting (not a promise per call) keeps the per-APDU cost near zero.
 */
interface ReaderCalls {
  running: number;
  idleWaiters: Array<() => void>;
}

const calls = new WeakMap<PcscLiteReader, ReaderCalls>();

function entry(reader: PcscLiteReader): ReaderCalls {
  let e = calls.get(reader);
  if (!e) calls.set(reader, (e = { running: 0, idleWaiters: [] }));
  return e;
}

/** Marks the start of a native call on `reader`; call {@link endNativeCall} from its callback. */
export function beginNativeCall(reader: PcscLiteReader): void {
  entry(reader).running++;
}

/** Marks the end of a native call on `reader`. */
export function endNativeCall(reader: PcscLiteReader): void {
  const e = entry(reader);
  e.running = Math.max(0, e.running - 1);
  if (e.running === 0 && e.idleWaiters.length > 0) {
    const waiters = e.idleWaiters;
    e.idleWaiters = [];
    for (const w of waiters) w();
  }
}

/** True while a native call runs on `reader`. */
export function readerBusy(reader: PcscLiteReader): boolean {
  return (calls.get(reader)?.running ?? 0) > 0;
}

/** Registers a native call made through a promise; returns the same promise. */
export function trackNativeCall<T>(reader: PcscLiteReader, call: Promise<T>): Promise<T> {
  beginNativeCall(reader);
  const end = (): void => endNativeCall(reader);
  call.then(end, end);
  return call;
}

/**
 * Resolves true once no native call runs on `reader`, false when still busy after
 * `timeoutMs` or when `signal` aborts.
 */
export function whenReaderIdle(reader: PcscLiteReader, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  const e = entry(reader);
  if (e.running === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (idle: boolean): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      e.idleWaiters = e.idleWaiters.filter((w) => w !== onIdle);
      resolve(idle);
    };
    const onIdle = (): void => done(true);
    const onAbort = (): void => done(false);
    const timer = setTimeout(() => done(false), timeoutMs);
    timer.unref?.();
    signal?.addEventListener('abort', onAbort, { once: true });
    e.idleWaiters.push(onIdle);
  });
}
