import type { PcscLiteReader } from './pcsclite-types.js';

/**
 * The binding's `close()` on a reader takes the same mutex its connect/transmit/disconnect
 * workers hold while pcscd answers, and it runs on the main thread: closing a reader with a
 * call in flight would freeze the event loop. Every native call is tracked here so closing
 * waits for the reader to be idle (and skips the native close if it never becomes idle).
 */
const inFlight = new WeakMap<PcscLiteReader, Set<Promise<unknown>>>();

/** Registers a native call on `reader`; returns the same promise. */
export function trackNativeCall<T>(reader: PcscLiteReader, call: Promise<T>): Promise<T> {
  let calls = inFlight.get(reader);
  if (!calls) inFlight.set(reader, (calls = new Set()));
  const settled = call.then(
    () => undefined,
    () => undefined,
  );
  calls.add(settled);
  void settled.then(() => calls.delete(settled));
  return call;
}

/** Resolves true once no native call runs on `reader`, false if still busy after `timeoutMs`. */
export async function whenReaderIdle(reader: PcscLiteReader, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const calls = inFlight.get(reader);
    if (!calls || calls.size === 0) return true;
    const remaining = deadline - Date.now();
    if (remaining <= 0) return false;
    await Promise.race([Promise.all(calls), new Promise((resolve) => setTimeout(resolve, remaining).unref?.())]);
  }
}
