// pnpm --filter @onshikit/simulator bench: how fast the virtual card answers, against a raw
// node:crypto RSA signature and a bare Map lookup measured in the same run (the peers).
import { constants, createHash, privateEncrypt } from 'node:crypto';
import { Bench } from 'tinybench';
import {
  cardProfiles,
  createInProcessTransport,
  SHA256_DIGEST_INFO_PREFIX,
  TEST_PINS,
  VirtualMyNumberCard,
} from '../src/card/index.js';

const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replaceAll(' ', ''), 'hex'));

const card = await VirtualMyNumberCard.create(cardProfiles.standard());
card.apduLogLimit = 100;
const transport = createInProcessTransport(card);
const selectJpki = hex('00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01');
const readChunk = hex('00 B0 8A 00 00');
const readWhole = hex('00 B0 8A 00 00 00 00');
const digestInfo = new Uint8Array([...SHA256_DIGEST_INFO_PREFIX, ...createHash('sha256').update('bench').digest()]);
const sign = new Uint8Array([0x80, 0x2a, 0x00, 0x97, digestInfo.length, ...digestInfo, 0x00]);
await transport.transmit(selectJpki);
await transport.transmit(new Uint8Array([0x00, 0x20, 0x00, 0x98, 0x04, ...new TextEncoder().encode(TEST_PINS.auth)]));
const map = new Map([[0x000a, card.authCertificateDer!]]);

const time = Number(process.env.BENCH_TIME_MS ?? 1000);
const bench = new Bench({ time, warmupTime: Math.min(300, time) });
bench
  .add('peer: Map lookup + slice(256)', () => void map.get(0x000a)!.slice(0, 256))
  .add('card: SELECT AP', async () => void (await transport.transmit(selectJpki)))
  .add('card: READ BINARY 256 by SFI', async () => void (await transport.transmit(readChunk)))
  .add('card: READ BINARY whole cert (extended Le)', async () => void (await transport.transmit(readWhole)))
  .add(
    'peer: node:crypto privateEncrypt (RSA-2048)',
    () =>
      void privateEncrypt({ key: card.material.authKey.privateKey, padding: constants.RSA_PKCS1_PADDING }, digestInfo),
  )
  .add('card: COMPUTE DIGITAL SIGNATURE', async () => void (await transport.transmit(sign)))
  .add(
    'card: new VirtualMyNumberCard(profile, material)',
    () => void new VirtualMyNumberCard(card.profile, card.material),
  );
await bench.run();

const hzOf = (name: string): number => {
  const r = bench.tasks.find((t) => t.name === name)!.result as unknown as {
    throughput?: { mean: number };
    hz?: number;
  };
  return r.throughput?.mean ?? r.hz ?? 0;
};
const rsa = hzOf('peer: node:crypto privateEncrypt (RSA-2048)');
const lookup = hzOf('peer: Map lookup + slice(256)');
console.table(
  bench.tasks.map((task) => {
    const hz = hzOf(task.name);
    const peer = task.name.includes('SIGNATURE') ? rsa : lookup;
    return {
      task: task.name,
      'ops/s': Math.round(hz).toLocaleString('en-US'),
      'peer ÷ task': task.name.startsWith('peer') || task.name.includes('new ') ? '—' : (peer / hz).toFixed(2),
    };
  }),
);
console.log(
  '"peer ÷ task" is how many times slower the card path is than its raw peer (RSA for the signature, a Map lookup otherwise).',
);
