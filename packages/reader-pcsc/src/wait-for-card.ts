import { TransportError, throwIfAborted } from '@onshikit/apdu';
import { PcscTransport, type ShareMode } from './pcsc-transport.js';
import { defaultReaderFilter } from './reader-filter.js';
import { PcscReaderMonitor } from './reader-monitor.js';

/** Why a card or reader was passed over while waiting (reported with a TIMEOUT). */
export interface SkippedCard {
  readonly reader: string;
  readonly reason: 'filtered-reader' | 'not-jpki' | 'busy' | 'mute' | 'link-error';
}

/** Options for {@link waitForCard}. */
export interface WaitForCardOptions {
  /** Give up after this many ms with `TIMEOUT` (or `NO_READER` if no usable reader appeared). Default: wait for ever. */
  timeout?: number;
  /** Stop waiting with `ABORTED`. */
  signal?: AbortSignal;
  /** Which readers to consider; default skips virtual smart cards and FIDO keys (docs/reference/card-protocol.md#pitfalls item 2). */
  readerFilter?: (readerName: string) => boolean;
  /** Share mode of the returned transport (default `exclusive`, docs/reference/card-protocol.md#pitfalls item 3). */
  shareMode?: ShareMode;
  /** Per-command timeout of the returned transport in ms (default 15 000). */
  commandTimeoutMs?: number;
  /**
   * Decides whether the presented card is the one wanted; other cards are passed over
   * (`not-jpki`). This package knows nothing about cards: inject the card driver's probe, e.g.
   * `accept: async (t) => (await probeCard(t)) !== undefined` with `probeCard` from
   * `@onshikit/mynumber` (or the `accept` a `transportCardSource` connector is given).
   * Default: every card is taken (no APDU is sent).
   */
  accept?: (transport: PcscTransport) => Promise<boolean>;
  /**
   * Use this monitor instead of opening one (it is then not closed with the transport). A
   * monitor kept open across cards also keeps what drivers learned about each reader
   * (extended-length support, see {@link PcscTransport.learnExtendedLength}).
   */
  monitor?: PcscReaderMonitor;
  /** Called for each card passed over (diagnostics, the doctor). */
  onSkip?: (skipped: SkippedCard) => void;
}

/**
 * Waits until a card that `accept` takes (any card by default) is presented on any reader and
 * returns a {@link PcscTransport} for it, connected exclusively. Cards already in a reader
 * count. Cards `accept` turns down, virtual/FIDO readers and cards another application holds
 * are passed over. The transport owns its PC/SC context: close it (or `await using`) when done; closing
 * powers the card down so a verified PIN does not outlive the workflow.
 *
 * ```ts
 * await using card = await waitForCard({ timeout: 30_000 });
 * const response = await card.transmit(selectJpki);
 * ```
 */
export async function waitForCard(options: WaitForCardOptions = {}): Promise<PcscTransport> {
  throwIfAborted(options.signal);
  const monitor = options.monitor ?? (await PcscReaderMonitor.open(options.signal ? { signal: options.signal } : {}));
  const ownsMonitor = options.monitor === undefined;
  const filter = options.readerFilter ?? defaultReaderFilter;
  const accept = options.accept ?? (async (): Promise<boolean> => true);
  const skipped: SkippedCard[] = [];
  const tried = new Map<string, number>(); // reader → insertion already looked at
  let sawUsableReader = false;
  const controller = new AbortController();
  const timer =
    options.timeout === undefined ? undefined : setTimeout(() => controller.abort('timeout'), options.timeout);
  const onOuterAbort = (): void => controller.abort('aborted');
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });

  const skip = (entry: SkippedCard): void => {
    skipped.push(entry);
    options.onSkip?.(entry);
  };

  const tryReader = async (reader: string): Promise<PcscTransport | undefined> => {
    const info = monitor.reader(reader);
    if (!info?.cardPresent || tried.get(reader) === info.insertion) return undefined;
    tried.set(reader, info.insertion);
    if (info.mute) {
      skip({ reader, reason: 'mute' });
      return undefined;
    }
    let transport: PcscTransport;
    try {
      transport = await PcscTransport.connect(monitor, reader, {
        ...(options.shareMode ? { shareMode: options.shareMode } : {}),
        ...(options.commandTimeoutMs ? { commandTimeoutMs: options.commandTimeoutMs } : {}),
        ownsMonitor,
      });
    } catch (error) {
      skip({ reader, reason: (error as TransportError).code === 'TRANSPORT_BUSY' ? 'busy' : 'link-error' });
      return undefined;
    }
    try {
      if (!(await accept(transport))) {
        skip({ reader, reason: 'not-jpki' });
        await releaseWithoutClosingMonitor(transport);
        return undefined;
      }
      return transport;
    } catch {
      skip({ reader, reason: 'link-error' });
      await releaseWithoutClosingMonitor(transport);
      return undefined;
    }
  };

  const events = monitor.events({ signal: controller.signal, replay: true });
  try {
    for await (const event of events) {
      if (event.type === 'card-removed') tried.delete(event.reader);
      if (event.type !== 'card-present' && event.type !== 'reader-attached') continue;
      if (!filter(event.reader)) {
        if (event.type === 'reader-attached') skip({ reader: event.reader, reason: 'filtered-reader' });
        continue;
      }
      sawUsableReader = true;
      const transport = await tryReader(event.reader);
      if (transport) return transport;
    }
    throw new TransportError('READER_GONE');
  } catch (error) {
    if (ownsMonitor) await monitor.close();
    if (error instanceof TransportError && error.code === 'ABORTED') {
      if (controller.signal.reason === 'timeout') {
        throw new TransportError(sawUsableReader ? 'TIMEOUT' : 'NO_READER', {
          detail: { timeoutMs: options.timeout, readers: monitor.readers.map((r) => r.name), skipped },
        });
      }
      throw new TransportError('ABORTED', { cause: options.signal?.reason });
    }
    throw error;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onOuterAbort);
    await events.return?.();
  }
}

/** Disconnects a rejected candidate, leaving the card powered for other applications. */
async function releaseWithoutClosingMonitor(transport: PcscTransport): Promise<void> {
  await transport.release();
}
