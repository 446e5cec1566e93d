// pnpm --filter @onshikit/mynumber bench: the driver's own cost over the in-process virtual card,
// a regression guard. For each operation the driver's APDUs are recorded, then the driver and the
// same APDUs sent raw to a card of their own are timed in alternating tinybench rounds. The
// driver's own time per operation (driver − raw, µs) must stay far below what one APDU costs at
// a real reader (milliseconds of air time: README, "What a patient waits for"); the code is
// written for clarity, not to shave microseconds. Signing is given a ready DigestInfo so both
// sides send identical bytes (hashing is reported separately).
import { existsSync } from 'node:fs';
import type { Transport } from '@onshikit/apdu';
import { cardProfiles, createInProcessTransport, TEST_PINS, VirtualMyNumberCard } from '@onshikit/simulator';
import { Bench } from 'tinybench';

// Measure the built package (what users run; `pnpm bench` builds first). From sources under
// tsx every closure is wrapped by esbuild's keepNames, which would be measured as driver time.
const dist = new URL('../dist/index.js', import.meta.url);
const driverModule = (
  existsSync(dist) ? await import(dist.href) : await import('@onshikit/mynumber')
) as typeof import('@onshikit/mynumber');
const { digestInfoOf, MyNumberCard } = driverModule;
type MyNumberCard = InstanceType<typeof MyNumberCard>;
console.log(
  `driver: ${existsSync(dist) ? 'dist/index.js (built)' : 'src (tsx; run pnpm build first for representative numbers)'}`,
);

/** Remembers the commands of one operation. */
class Recorder implements Transport {
  commands: Uint8Array[] = [];
  constructor(readonly inner: Transport & { supportsExtendedLength: boolean }) {}
  get supportsExtendedLength(): boolean {
    return this.inner.supportsExtendedLength;
  }
  transmit(command: Uint8Array): Promise<Uint8Array> {
    this.commands.push(command.slice());
    return this.inner.transmit(command);
  }
  close(): Promise<void> {
    return this.inner.close();
  }

  /** Closes it (the same as `close()`), for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

function hz(result: unknown): number {
  const r = result as { throughput?: { mean: number }; hz?: number };
  return r.throughput?.mean ?? r.hz ?? 0;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const totalMs = Number(process.env.BENCH_TIME_MS ?? 1000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
const data = new TextEncoder().encode('eligibility nonce');
const digestInfo = await digestInfoOf('SHA-256', data);
const rows: Record<string, string | number>[] = [];

for (const extended of [true, false]) {
  // The driver owns its card (it remembers what is selected), so the raw side gets a card of
  // its own: the same profile, the same commands recorded from a driver in the same state.
  const card = await VirtualMyNumberCard.create(cardProfiles.standard());
  const inner = createInProcessTransport(card, { supportsExtendedLength: extended });
  const rawCard = await VirtualMyNumberCard.create(cardProfiles.standard());
  const rawLink = createInProcessTransport(rawCard, { supportsExtendedLength: extended });
  const recorder = new Recorder(rawLink);
  const recording = new MyNumberCard(recorder);
  const driver = new MyNumberCard(inner);
  await driver.verifyAuthPin(TEST_PINS.auth);
  await recording.verifyAuthPin(TEST_PINS.auth);

  const operations: [string, (d: MyNumberCard) => Promise<unknown>][] = [
    ['readAuthCertificateDer', (d) => d.readAuthCertificateDer()],
    ['readAuthCertificate (parsed summary)', (d) => d.readAuthCertificate()],
    ['signWithAuthKey (DigestInfo)', (d) => d.signWithAuthKey(digestInfo)],
    ['signWithAuthKey ({ data, hash })', (d) => d.signWithAuthKey({ data, hash: 'SHA-256' })],
  ];
  for (const [name, op] of operations) {
    await op(recording); // the steady state: what a repeated call sends
    recorder.commands = [];
    await op(recording);
    const commands = recorder.commands;
    // What a minimal caller does: send the bytes, check each SW, and with short APDUs join the
    // READ BINARY chunks into one buffer of the file's length (an extended read is one response).
    const fileLength = card.authCertificateDer!.length;
    const chunked = !extended && commands.some((c) => c[1] === 0xb0);
    // The virtual card logs every APDU; both sides empty the log so it never grows.
    const raw = async (): Promise<void> => {
      rawCard.clearApduLog();
      const file = chunked ? new Uint8Array(fileLength) : undefined;
      for (const command of commands) {
        const response = await rawLink.transmit(command);
        const end = response.length - 2;
        if (response[end] !== 0x90 || response[end + 1] !== 0x00) throw new Error('unexpected status word');
        if (file !== undefined && command[1] === 0xb0)
          file.set(
            response.subarray(0, Math.min(end, fileLength - ((command[2]! << 8) | command[3]!))),
            (command[2]! << 8) | command[3]!,
          );
      }
    };
    const viaDriver = (): Promise<unknown> => {
      card.clearApduLog();
      return op(driver);
    };
    const ratios: number[] = [];
    let driverHz = 0;
    let rawHz = 0;
    for (let round = 0; round < rounds; round++) {
      const bench = new Bench({ time: totalMs / rounds, warmupTime: 200 });
      // Alternate the order so drift on a shared machine hits both sides alike.
      if (round % 2 === 0) bench.add('driver', viaDriver).add('raw', raw);
      else bench.add('raw', raw).add('driver', viaDriver);
      await bench.run();
      const d = hz(bench.tasks.find((t) => t.name === 'driver')!.result);
      const r = hz(bench.tasks.find((t) => t.name === 'raw')!.result);
      driverHz += d / rounds;
      rawHz += r / rounds;
      ratios.push(r / d);
    }
    rows.push({
      operation: name,
      APDUs: `${commands.length} (${extended ? 'extended Le' : 'short'})`,
      'driver ops/s': Math.round(driverHz).toLocaleString('en-US'),
      'raw ops/s': Math.round(rawHz).toLocaleString('en-US'),
      'overhead ×': median(ratios).toFixed(3),
      "driver's own µs": Math.max(0, 1e6 / driverHz - 1e6 / rawHz).toFixed(1),
    });
  }
  await inner.close();
  await rawLink.close();
}
console.table(rows);
console.log(
  "overhead × = driver time / time of the same APDUs sent raw (median of rounds). driver's own µs: the difference per operation; guard: < 100 µs (one APDU at a reader: ≥ 1 ms).",
);
console.log('"parsed summary": every field decoded by the read (eager). "{ data, hash }" includes WebCrypto SHA-256.');
