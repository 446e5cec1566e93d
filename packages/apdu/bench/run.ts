// pnpm --filter @onshikit/apdu bench: walk every TLV of three inputs with onshi-kit and its peers, in one run.
import { Bench } from 'tinybench';
import { makeBasicFourRecord, makeCertificate, makeDeepTree } from './inputs.js';
import { consumed, walkAsn1js, walkBerTlv, walkNodeTlv, walkOnshikit, walkOnshikitBer } from './peers.js';

const inputs: [string, Uint8Array][] = [
  ['RSA-2048 certificate', await makeCertificate()],
  ['基本4情報 record', makeBasicFourRecord()],
  ['deep tree (24 levels)', makeDeepTree()],
];

const walkers: [string, (bytes: Uint8Array) => number][] = [
  ['onshikit', walkOnshikit],
  ['asn1js', walkAsn1js],
  ['ber-tlv', walkBerTlv],
  ['node-tlv', walkNodeTlv],
];

const time = Number(process.env.BENCH_TIME_MS ?? 1000);
for (const [label, bytes] of inputs) {
  const counts = walkers.map(([name, walk]) => `${name} ${walk(bytes)}`).join(', ');
  console.log(`\n${label}: ${bytes.length} bytes; elements seen: ${counts}`);
  const bench = new Bench({ time, warmupTime: Math.min(300, time) });
  for (const [name, walk] of walkers) bench.add(name, () => walk(bytes));
  if (label.startsWith('基本')) bench.add('onshikit (BER mode)', () => walkOnshikitBer(bytes));
  await bench.run();
  const ours = bench.tasks.find((t) => t.name === 'onshikit')!.result!;
  const oursHz =
    'throughput' in ours
      ? (ours as { throughput: { mean: number } }).throughput.mean
      : (ours as unknown as { hz: number }).hz;
  const rows = bench.tasks.map((task) => {
    const r = task.result as unknown as { throughput?: { mean: number }; hz?: number };
    const hz = r.throughput?.mean ?? r.hz ?? 0;
    return {
      walker: task.name,
      'ops/s': Math.round(hz).toLocaleString('en-US'),
      'onshikit ×': task.name === 'onshikit' ? '1.0' : (oursHz / hz).toFixed(1),
    };
  });
  console.table(rows);
}
console.log(`(checksum ${consumed()})`);
