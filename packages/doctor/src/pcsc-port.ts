import type { DoctorPcscPort, DoctorReader, DoctorCardSession } from './diagnose.js';

type ReaderPcsc = typeof import('@onshikit/reader-pcsc');
type Monitor = Awaited<ReturnType<ReaderPcsc['PcscReaderMonitor']['open']>>;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The real PC/SC port over @onshikit/reader-pcsc, imported lazily so `onshikit --help` and the
 * other commands work where the native binding is missing. One reader monitor serves the
 * listing and the card wait; `close()` releases it.
 */
export function createPcscPort(options: { settleMs?: number } = {}): DoctorPcscPort {
  let pcsc: ReaderPcsc | undefined;
  let monitor: Monitor | undefined;
  const load = async (): Promise<ReaderPcsc> => (pcsc ??= await import('@onshikit/reader-pcsc'));
  const openMonitor = async (): Promise<Monitor> => {
    if (monitor) return monitor;
    const lib = await load();
    monitor = await lib.PcscReaderMonitor.open();
    // Readers and card states arrive as events right after the context opens.
    const settleMs = options.settleMs ?? 1500;
    for (let waited = 0; monitor.readers.length === 0 && waited < settleMs; waited += 100) await sleep(100);
    await sleep(Math.min(300, settleMs));
    return monitor;
  };
  return {
    async checkBinding() {
      const status = await (await load()).checkPcscBinding();
      return status.loaded ? { loaded: true } : { loaded: false, reason: status.reason };
    },
    async checkService() {
      const status = await (await load()).checkPcscService();
      return status.available
        ? { available: true }
        : { available: false, ...(status.reason ? { reason: status.reason } : {}) };
    },
    async listReaders() {
      const lib = await load();
      const m = await openMonitor();
      return m.readers.map((r): DoctorReader => {
        const known = lib.describeReader(r.name);
        return {
          name: r.name,
          ...(known ? { model: known.model, ...(known.notes ? { notes: known.notes } : {}) } : {}),
          ignored: lib.isIgnoredReaderName(r.name),
          cardPresent: r.cardPresent,
        };
      });
    },
    async waitForCard({ timeoutMs, signal }): Promise<DoctorCardSession> {
      const lib = await load();
      const m = await openMonitor();
      // Take any card (no APDU here): the driver identifies it, so a non-JPKI card is reported, not skipped.
      const transport = await lib.waitForCard({
        monitor: m,
        timeout: timeoutMs,
        ...(signal ? { signal } : {}),
      });
      return {
        transport,
        readerName: transport.readerName,
        // Known once the driver's first extended READ went through this reader (or was refused).
        get extendedLength() {
          return transport.supportsExtendedLength;
        },
        close: () => transport.close(),
      };
    },
    async close() {
      await monitor?.close();
      monitor = undefined;
    },
  };
}
