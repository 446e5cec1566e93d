/**
 * `--reader pcsc`: cards come from a real PC/SC reader (or the simulator's vpcd stack). Loaded
 * only when asked for, so the default demo never needs pcscd.
 */
import { transportCardSource, type CardSource } from '@onshikit/eligibility';
import { waitForCard } from '@onshikit/reader-pcsc';

export async function openPcscCardSource(
  options: { readonly readerName?: string; readonly timeoutMs?: number },
  _closers: (() => Promise<void>)[],
): Promise<CardSource> {
  return transportCardSource((wait) =>
    waitForCard({
      signal: wait.signal,
      accept: wait.accept, // the driver's card probe: other cards are passed over, nothing is asked twice
      ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
      ...(options.readerName === undefined
        ? {}
        : { readerFilter: (name: string) => name.includes(options.readerName!) }),
    }),
  );
}
