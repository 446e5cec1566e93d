/**
 * The transport's own cost per APDU, free of pcscd and machine noise: PcscTransport over a
 * binding double that answers on the next event-loop turn, against the bare binding call
 * wrapped in a promise (which is all nfc-pcsc's `Reader.transmit` adds).
 */
import { performance } from 'node:perf_hooks';
import { PcscTransport } from '../src/pcsc-transport.js';
import { MonitorDouble, ReaderDouble } from '../test/support/binding-double.js';

/** Measures µs per APDU for the bare call and for PcscTransport. */
export async function measureTransportCost(apdus = 200_000): Promise<{ bare: number; transport: number }> {
  const reader = new ReaderDouble(() => Uint8Array.of(0x90, 0x00));
  const monitor = new MonitorDouble(reader);
  const transport = await PcscTransport.connect(monitor.asMonitor(), reader.name, { shareMode: 'shared' });
  const command = Uint8Array.of(0x00, 0xa4, 0x04, 0x0c, 0x02, 0x3f, 0x00);
  const buffer = Buffer.from(command);
  const bare = (): Promise<unknown> =>
    new Promise((resolve, reject) =>
      reader.transmit(buffer, 258, 2, (error, response) => (error ? reject(error) : resolve(response))),
    );
  let bareMs = 0;
  let transportMs = 0;
  for (let round = 0; round < 4; round++) {
    let t0 = performance.now();
    for (let i = 0; i < apdus; i++) await bare();
    const a = performance.now() - t0;
    t0 = performance.now();
    for (let i = 0; i < apdus; i++) await transport.transmit(command);
    const b = performance.now() - t0;
    if (round > 0) {
      bareMs += a;
      transportMs += b;
    }
  }
  await transport.close();
  return { bare: (bareMs / 3 / apdus) * 1000, transport: (transportMs / 3 / apdus) * 1000 };
}
