/**
 * pnpm bench, on the simulator's private pcscd + vpcd stack (root: quickack on loopback):
 * (0) the transport's own cost per APDU over an instant binding double (instant-reader.ts),
 *     free of pcscd and machine noise;
 * (1) small APDUs raw through nfc-pcsc's Reader vs through PcscTransport on the same reader,
 *     in alternating rounds of 50 (overhead ratio, target ≤ 1.05);
 * (2) reading the auth certificate with our driver vs OpenSC's `pkcs15-tool
 *     --read-certificate` (APDU count and wall time).
 */
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { MyNumberCard } from '@onshikit/mynumber';
import { VirtualMyNumberCard, cardProfiles, runPcscTool, startPcscStack } from '@onshikit/simulator';
import { waitForCard } from '../src/index.js';
import { measureTransportCost } from './instant-reader.js';

const require = createRequire(import.meta.url);
const APDU = Uint8Array.of(0x00, 0xa4, 0x04, 0x0c, 0x0a, 0xd3, 0x92, 0xf0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01);
/** APDUs per round and side; the rounds alternate finely so machine drift hits both sides alike. */
const N = 50;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);

const cost = await measureTransportCost();
console.log(
  `transport cost over an instant reader: bare binding call ${cost.bare.toFixed(2)} µs, PcscTransport ${cost.transport.toFixed(2)} µs per APDU ` +
    `(+${(cost.transport - cost.bare).toFixed(2)} µs; a vpcd APDU takes ≈150-200 µs, a USB reader's milliseconds)`,
);

const card = await VirtualMyNumberCard.create(cardProfiles.standard());
const stack = await startPcscStack({ card });
console.log(`stack: ${stack.readerName}, quickack on loopback: ${stack.quickAck}`);
try {
  // nfc-pcsc raw: its Reader with autoProcessing off, shared connection it makes on insert.
  // nfc-pcsc ships no types: the little of its API the bench uses.
  interface NfcReader {
    name: string;
    autoProcessing: boolean;
    on(event: string, listener: (...args: unknown[]) => void): void;
    transmit(data: Buffer, responseMaxLength: number): Promise<Buffer>;
  }
  interface Nfc {
    on(event: 'reader', listener: (reader: NfcReader) => void): void;
    on(event: 'error', listener: (error: unknown) => void): void;
    close(): void;
  }
  const { NFC } = require('nfc-pcsc') as { NFC: new () => Nfc };
  const nfc = new NFC();
  nfc.on('error', () => {}); // close() reports SCARD_E_CANCELLED
  const reader = await new Promise<NfcReader>((resolve) => {
    nfc.on('reader', (r) => {
      r.on('error', () => {}); // status threads report pcscd stopping at the end
      if (r.name !== stack.readerName) return;
      r.autoProcessing = false;
      r.on('card', () => resolve(r));
    });
  });
  const buffer = Buffer.from(APDU);
  // Both hold a shared connection to the same card. The two sides alternate in rounds of
  // N APDUs (AB, BA, AB, …) so drift on this shared machine hits both equally; 200 rounds of
  // 50 are 10 000 APDUs a side. The ratio is total time over total time; the spread of the
  // per-round ratios shows the noise.
  const transport = await waitForCard({ timeout: 15_000, shareMode: 'shared' });
  const raw = async (): Promise<number> => {
    const t0 = performance.now();
    for (let i = 0; i < N; i++) await reader.transmit(buffer, 258);
    return performance.now() - t0;
  };
  const ours = async (): Promise<number> => {
    const t0 = performance.now();
    for (let i = 0; i < N; i++) await transport.transmit(APDU);
    return performance.now() - t0;
  };
  for (let w = 0; w < 10; w++) {
    await raw();
    await ours(); // warm-up rounds, not counted
  }
  const rounds: Array<{ raw: number; ours: number }> = [];
  for (let r = 0; r < ROUNDS; r++) {
    if (r % 2 === 0) {
      const a = await raw();
      rounds.push({ raw: a, ours: await ours() });
    } else {
      const b = await ours();
      rounds.push({ raw: await raw(), ours: b });
    }
  }
  const ratios = rounds.map((r) => r.ours / r.raw).sort((x, y) => x - y);
  const median = ratios[Math.floor(ratios.length / 2)]!;
  const perApdu = (total: number): string => ((total / ROUNDS / N) * 1000).toFixed(1);
  const rawTotal = rounds.reduce((sum, r) => sum + r.raw, 0);
  const oursTotal = rounds.reduce((sum, r) => sum + r.ours, 0);
  console.table([
    { side: `nfc-pcsc Reader.transmit (raw binding), ${ROUNDS} x ${N} APDUs`, 'µs per APDU': perApdu(rawTotal) },
    { side: `PcscTransport.transmit, ${ROUNDS} x ${N} APDUs`, 'µs per APDU': perApdu(oursTotal) },
  ]);
  // The median of the per-round ratios is the figure: a round that a busy neighbour on this
  // shared machine stalls (either side, 2-5x a normal round) moves the total ratio by several
  // per cent but the median by little.
  console.log(
    `overhead ratio PcscTransport / nfc-pcsc: median of ${ROUNDS} alternating rounds ${median.toFixed(3)} (target ≤ 1.05; ` +
      `middle half of the rounds ${ratios[Math.floor(ROUNDS / 4)]!.toFixed(3)}-${ratios[Math.floor((3 * ROUNDS) / 4)]!.toFixed(3)}, ` +
      `total time over total time ${(oursTotal / rawTotal).toFixed(3)})`,
  );
  nfc.close();

  const before = stack.bridge.stats.apdus;
  let t = performance.now();
  const der = await new MyNumberCard(transport).readAuthCertificateDer();
  const oursMs = performance.now() - t;
  const oursApdus = stack.bridge.stats.apdus - before;
  await transport.close();

  const list = await runPcscTool('pkcs15-tool', ['--reader', stack.readerName, '--list-certificates']);
  const id = /ID\s*:\s*([0-9a-fA-F]+)/.exec(list.stdout)?.[1] ?? '01';
  const before2 = stack.bridge.stats.apdus;
  t = performance.now();
  const read = await runPcscTool('pkcs15-tool', ['--reader', stack.readerName, '--read-certificate', id]);
  const openscMs = performance.now() - t;
  const openscApdus = stack.bridge.stats.apdus - before2;
  console.table([
    { reader: 'MyNumberCard over PcscTransport', bytes: der.length, apdus: oursApdus, ms: oursMs.toFixed(1) },
    {
      reader: `pkcs15-tool --read-certificate ${id} (process incl.)`,
      bytes: read.status === 0 ? 'ok' : `failed ${read.status}`,
      apdus: openscApdus,
      ms: openscMs.toFixed(1),
    },
  ]);
} finally {
  await stack.stop();
  process.exit(0);
}
