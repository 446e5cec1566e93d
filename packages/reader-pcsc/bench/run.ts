/**
 * pnpm bench: (1) 1 000 small APDUs raw through nfc-pcsc's Reader vs through PcscTransport on
 * the same reader (overhead ratio, target ≤ 1.05); (2) reading the auth certificate with our
 * driver vs OpenSC's `pkcs15-tool --read-certificate` (APDU count and wall time). Runs on the
 * simulator's private pcscd + vpcd stack (root: quickack on loopback).
 */
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { Bench } from 'tinybench';
import { MyNumberCard } from '@onshikit/mynumber';
import { VirtualMyNumberCard, cardProfiles, runPcscTool, startPcscStack } from '@onshikit/simulator';
import { waitForCard } from '../src/index.js';

const require = createRequire(import.meta.url);
const APDU = Uint8Array.of(0x00, 0xa4, 0x04, 0x0c, 0x0a, 0xd3, 0x92, 0xf0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01);
const N = 1000;

const card = await VirtualMyNumberCard.create(cardProfiles.standard());
const stack = await startPcscStack({ card });
console.log(`stack: ${stack.readerName}, quickack on loopback: ${stack.quickAck}`);
try {
  // nfc-pcsc raw: its Reader with autoProcessing off, shared connection it makes on insert.
  const { NFC } = require('nfc-pcsc') as { NFC: new () => any };
  const nfc = new NFC();
  nfc.on('error', () => {}); // close() reports SCARD_E_CANCELLED
  const reader: any = await new Promise((resolve) => {
    nfc.on('reader', (r: any) => {
      r.on('error', () => {}); // status threads report pcscd stopping at the end
      if (r.name !== stack.readerName) return;
      r.autoProcessing = false;
      r.on('card', () => resolve(r));
    });
  });
  const buffer = Buffer.from(APDU);
  // Both hold a shared connection to the same card, so the two tasks alternate in one run.
  const transport = await waitForCard({ timeout: 15_000, shareMode: 'shared' });
  const bench = new Bench({ iterations: 5, warmupIterations: 1 });
  bench
    .add(`nfc-pcsc Reader.transmit x${N}`, async () => {
      for (let i = 0; i < N; i++) await reader.transmit(buffer, 258);
    })
    .add(`PcscTransport.transmit x${N}`, async () => {
      for (let i = 0; i < N; i++) await transport.transmit(APDU);
    });
  await bench.run();
  const raw = bench.tasks[0]!.result as { latency: { mean: number } };
  const ours = bench.tasks[1]!.result as { latency: { mean: number } };
  console.table(bench.table());
  console.log(`per APDU: nfc-pcsc ${(raw.latency.mean / N).toFixed(3)} ms, PcscTransport ${(ours.latency.mean / N).toFixed(3)} ms, overhead ratio ${(ours.latency.mean / raw.latency.mean).toFixed(3)} (target ≤ 1.05)`);
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
    { reader: `pkcs15-tool --read-certificate ${id} (process incl.)`, bytes: read.status === 0 ? 'ok' : `failed ${read.status}`, apdus: openscApdus, ms: openscMs.toFixed(1) },
  ]);
} finally {
  await stack.stop();
  process.exit(0);
}
