/**
 * The PC/SC binding choice, measured (README "Which PC/SC binding, and why"):
 * `@pokusew/pcsclite` (NAN, what this package drives) vs `smartcard` (tomkp, N-API), both raw,
 * both on the same virtual card through the simulator's private pcscd + vpcd (root: quickack),
 * the card in a child process (bench/stack-process.ts).
 *
 *   cd packages/reader-pcsc && pnpm exec tsx bench/bindings.ts
 *
 * (1) per-APDU transmit latency in alternating rounds of 50 APDUs a side (AB, BA, …;
 *     BENCH_ROUNDS, default 100): median per-round ratio smartcard / pcsclite and its
 *     interquartile range; (1b) the same APDU in BENCH_PAIRS (5000) alternating single pairs, median
 *     latency per side (robust against whole rounds a busy machine stalls); (2) connect exclusive + SELECT + disconnect(UNPOWER), as the
 *     transport opens and closes a session; (3) card removal / insertion to the monitor event.
 * `smartcard` is installed on demand into a cache folder (bench/smartcard-peer.ts); when it
 * cannot be installed or loaded this says why and measures pcsclite alone.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { PcscLiteFactory, PcscLiteReader } from '../src/pcsclite-types.js';
import { startStackProcess } from './stack-process.js';
import { SMARTCARD_VERSION, loadSmartcard, type SmartcardCard, type SmartcardMonitorEvent } from './smartcard-peer.js';

const require = createRequire(import.meta.url);
/** SELECT JPKI AP (no response data): the smallest round trip the card does real work for. */
const APDU = Buffer.from([0x00, 0xa4, 0x04, 0x0c, 0x0a, 0xd3, 0x92, 0xf0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01]);
const N = 50;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 100);
const PAIRS = Number(process.env.BENCH_PAIRS ?? 5000);
const CYCLES = 20;
const MONITOR_CYCLES = 10;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const sortedCopy = (values: readonly number[]): number[] => [...values].sort((x, y) => x - y);

function describeMachine(): string {
  const cpus = os.cpus();
  const pcscd = spawnSync('pcscd', ['--version'], {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${process.env.PATH ?? ''}:/usr/sbin` },
  });
  const pcscdVersion = /version (\d+(?:\.\d+)*)/.exec(pcscd.stdout ?? '')?.[1] ?? 'unknown';
  return `${cpus.length} x ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${os.platform()} ${os.release()}, Node ${process.version}, pcsc-lite ${pcscdVersion}, load ${os.loadavg()[0]!.toFixed(2)}`;
}

console.log(`machine: ${describeMachine()}`);
const smartcard = loadSmartcard();
if (!smartcard.ok) console.log(`smartcard@${SMARTCARD_VERSION} skipped: ${smartcard.reason}`);
const pcscliteVersion = (require('@pokusew/pcsclite/package.json') as { version: string }).version;
const pcsclite = require('@pokusew/pcsclite') as PcscLiteFactory;

// The card runs in a child process, as a real card is outside the app: smartcard's
// synchronous disconnect() would otherwise block the very thread the virtual card answers on.
const stack = await startStackProcess();
console.log(`stack: ${stack.readerName}, quickack on loopback: ${stack.quickAck}`);
try {
  // --- @pokusew/pcsclite side: its reader object, raw callback calls wrapped in promises.
  const context = pcsclite();
  context.on('error', () => {}); // close() reports SCARD_E_CANCELLED
  const presence: Array<{ t: number; present: boolean }> = [];
  const reader = await new Promise<PcscLiteReader>((resolve) => {
    context.on('reader', (r) => {
      r.on('error', () => {}); // status threads report pcscd stopping at the end
      if (r.name !== stack.readerName) return;
      r.on('status', (s) => presence.push({ t: performance.now(), present: (s.state & r.SCARD_STATE_PRESENT) !== 0 }));
      resolve(r);
    });
  });
  await sleep(200);
  const pConnect = (shareMode: number): Promise<number> =>
    new Promise((resolve, reject) =>
      reader.connect({ share_mode: shareMode }, (e, protocol) => (e ? reject(e) : resolve(protocol))),
    );
  const pDisconnect = (disposition: number): Promise<void> =>
    new Promise((resolve, reject) => reader.disconnect(disposition, (e) => (e ? reject(e) : resolve())));
  const pTransmit = (protocol: number): Promise<Buffer> =>
    new Promise((resolve, reject) =>
      reader.transmit(APDU, 258, protocol, (e, response) => (e ? reject(e) : resolve(response))),
    );

  // --- smartcard side: its own context on the same reader (low-level API, not `Devices`,
  // which connects every card shared on its own, as nfc-pcsc's Reader does).
  const sc = smartcard.ok ? smartcard.module : undefined;
  const scContext = sc ? new sc.Context() : undefined;
  const scReader = (): ReturnType<NonNullable<typeof scContext>['listReaders']>[number] => {
    const found = scContext!.listReaders().find((r) => r.name === stack.readerName);
    if (!found) throw new Error(`smartcard does not list ${stack.readerName}`);
    return found;
  };
  const scEvents: Array<SmartcardMonitorEvent & { t: number }> = [];
  const scMonitor = sc ? new sc.ReaderMonitor() : undefined;
  scMonitor?.start((event) => scEvents.push({ ...event, t: performance.now() }));

  // (1) transmit latency: both hold a shared connection to the card.
  const pProtocol = await pConnect(reader.SCARD_SHARE_SHARED);
  let scCard: SmartcardCard | undefined;
  if (sc) scCard = await scReader().connect(sc.SCARD_SHARE_SHARED, sc.SCARD_PROTOCOL_T0 | sc.SCARD_PROTOCOL_T1);
  const pRound = async (): Promise<number> => {
    const t0 = performance.now();
    for (let i = 0; i < N; i++) await pTransmit(pProtocol);
    return performance.now() - t0;
  };
  const sRound = async (): Promise<number> => {
    const t0 = performance.now();
    for (let i = 0; i < N; i++) await scCard!.transmit(APDU);
    return performance.now() - t0;
  };
  for (let w = 0; w < 10; w++) {
    await pRound();
    if (scCard) await sRound(); // warm-up, not counted
  }
  const rounds: Array<{ p: number; s: number }> = [];
  for (let r = 0; r < ROUNDS; r++) {
    if (!scCard) {
      rounds.push({ p: await pRound(), s: Number.NaN });
    } else if (r % 2 === 0) {
      const p = await pRound();
      rounds.push({ p, s: await sRound() });
    } else {
      const s = await sRound();
      rounds.push({ p: await pRound(), s });
    }
  }
  const perApdu = (ms: number): string => ((ms / N) * 1000).toFixed(1);
  const pSorted = sortedCopy(rounds.map((r) => r.p));
  const rows = [
    {
      binding: `@pokusew/pcsclite ${pcscliteVersion} (NAN)`,
      'median µs/APDU': perApdu(quantile(pSorted, 0.5)),
      'IQR µs/APDU': `${perApdu(quantile(pSorted, 0.25))}-${perApdu(quantile(pSorted, 0.75))}`,
      'mean µs/APDU': perApdu(pSorted.reduce((a, b) => a + b, 0) / ROUNDS),
    },
  ];
  if (scCard) {
    const sSorted = sortedCopy(rounds.map((r) => r.s));
    rows.push({
      binding: `smartcard ${smartcard.ok ? smartcard.version : ''} (N-API)`,
      'median µs/APDU': perApdu(quantile(sSorted, 0.5)),
      'IQR µs/APDU': `${perApdu(quantile(sSorted, 0.25))}-${perApdu(quantile(sSorted, 0.75))}`,
      'mean µs/APDU': perApdu(sSorted.reduce((a, b) => a + b, 0) / ROUNDS),
    });
  }
  console.log(`(1) transmit, ${ROUNDS} alternating rounds x ${N} APDUs a side, shared connections, same card:`);
  console.table(rows);
  if (scCard) {
    const ratios = sortedCopy(rounds.map((r) => r.s / r.p));
    const total = rounds.reduce((a, r) => a + r.s, 0) / rounds.reduce((a, r) => a + r.p, 0);
    console.log(
      `    ratio smartcard / pcsclite: median of ${ROUNDS} per-round ratios ${quantile(ratios, 0.5).toFixed(3)}, ` +
        `interquartile range ${quantile(ratios, 0.25).toFixed(3)}-${quantile(ratios, 0.75).toFixed(3)}, total over total ${total.toFixed(3)}`,
    );
    // (1b) the same APDU in pairs (pcsclite then smartcard, smartcard then pcsclite, …): the
    // median single-APDU latency of each side shrugs off the stalls a busy machine puts into
    // whole rounds.
    const pSingle: number[] = [];
    const sSingle: number[] = [];
    const card = scCard;
    const timeOne = async (side: 'p' | 's'): Promise<void> => {
      const t0 = performance.now();
      if (side === 'p') await pTransmit(pProtocol);
      else await card.transmit(APDU);
      (side === 'p' ? pSingle : sSingle).push(performance.now() - t0);
    };
    for (let i = 0; i < PAIRS; i++) {
      if (i % 2 === 0) {
        await timeOne('p');
        await timeOne('s');
      } else {
        await timeOne('s');
        await timeOne('p');
      }
    }
    const pMed = quantile(sortedCopy(pSingle), 0.5) * 1000;
    const sMed = quantile(sortedCopy(sSingle), 0.5) * 1000;
    console.log(
      `(1b) ${PAIRS} alternating single-APDU pairs: median µs per APDU pcsclite ${pMed.toFixed(1)}, smartcard ${sMed.toFixed(1)}, ratio of medians ${(sMed / pMed).toFixed(3)}`,
    );
    scCard.disconnect(sc!.SCARD_LEAVE_CARD);
  }
  await pDisconnect(reader.SCARD_LEAVE_CARD);

  // (2) a session as the transport opens and closes one: exclusive connect, SELECT, power down.
  const pCycle: number[] = [];
  const sCycle: number[] = [];
  for (let i = 0; i < CYCLES; i++) {
    let t0 = performance.now();
    const protocol = await pConnect(reader.SCARD_SHARE_EXCLUSIVE);
    await pTransmit(protocol);
    await pDisconnect(reader.SCARD_UNPOWER_CARD);
    pCycle.push(performance.now() - t0);
    if (sc) {
      t0 = performance.now();
      const c = await scReader().connect(sc.SCARD_SHARE_EXCLUSIVE, sc.SCARD_PROTOCOL_T0 | sc.SCARD_PROTOCOL_T1);
      await c.transmit(APDU);
      c.disconnect(sc.SCARD_UNPOWER_CARD);
      sCycle.push(performance.now() - t0);
    }
  }
  const ms = (values: number[]): string => {
    if (values.length === 0) return 'n/a';
    const s = sortedCopy(values);
    return `${quantile(s, 0.5).toFixed(2)} ms (IQR ${quantile(s, 0.25).toFixed(2)}-${quantile(s, 0.75).toFixed(2)})`;
  };
  console.log(
    `(2) connect exclusive + SELECT + disconnect(UNPOWER), ${CYCLES} alternating cycles: pcsclite ${ms(pCycle)}, smartcard ${ms(sCycle)}`,
  );

  // (3) the card leaves / enters the reader: time to the binding's event.
  const pGone: number[] = [];
  const pBack: number[] = [];
  const sGone: number[] = [];
  const sBack: number[] = [];
  for (let i = 0; i < MONITOR_CYCLES; i++) {
    for (const present of [false, true]) {
      const p0 = presence.length;
      const s0 = scEvents.length;
      const t0 = performance.now();
      if (present) await stack.insertCard();
      else await stack.removeCard();
      await sleep(500);
      const p = presence.slice(p0).find((e) => e.present === present);
      const s = scEvents
        .slice(s0)
        .find((e) => e.reader === stack.readerName && e.type === (present ? 'card-inserted' : 'card-removed'));
      if (p) (present ? pBack : pGone).push(p.t - t0);
      if (s) (present ? sBack : sGone).push(s.t - t0);
    }
  }
  const seen = (values: number[]): string => `${ms(values)}, ${values.length}/${MONITOR_CYCLES} seen`;
  console.log(`(3) removal -> event: pcsclite ${seen(pGone)}; smartcard ${sc ? seen(sGone) : 'n/a'}`);
  console.log(`    insertion -> event: pcsclite ${seen(pBack)}; smartcard ${sc ? seen(sBack) : 'n/a'}`);
  console.log("    (both wait on the same pcscd, which polls the vpcd driver; the figures are its, not the bindings')");

  scMonitor?.stop();
  scContext?.close();
  context.close();
} finally {
  await stack.stop();
  process.exit(0);
}
