/**
 * What each PC/SC binding does in the situations the transport must turn into typed errors
 * (README "Which PC/SC binding, and why"): a card pulled mid-command and between commands, a
 * mute card (is there a timeout or an abort?), disconnecting while a command is pending, no
 * PC/SC service, pcscd stopping. `@pokusew/pcsclite` vs `smartcard`, raw, on pcscd + vpcd with
 * the virtual card in a child process (bench/stack-process.ts).
 *
 *   cd packages/reader-pcsc && pnpm exec tsx bench/bindings-behaviour.ts
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { PcscLiteFactory, PcscLiteReader } from '../src/pcsclite-types.js';
import { loadSmartcard, type SmartcardCard, type SmartcardMonitorEvent } from './smartcard-peer.js';
import { startStackProcess } from './stack-process.js';

const require = createRequire(import.meta.url);
const APDU = Buffer.from([0x00, 0xa4, 0x04, 0x0c, 0x0a, 0xd3, 0x92, 0xf0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01]);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const peer = loadSmartcard();
if (!peer.ok) {
  console.log(`smartcard skipped: ${peer.reason}; nothing to compare`);
  process.exit(0);
}
const sc = peer.module;
/** The error classes smartcard exports and documents for `instanceof` checks. */
const SmartcardErrors = peer.module as unknown as { CardRemovedError: new () => Error; PCSCError: new () => Error };
const smartcardPath = path.join(peer.dir, 'node_modules', 'smartcard');
const pcsclitePath = path.dirname(require.resolve('@pokusew/pcsclite/package.json'));

/** An error as the caller sees it: class, message, `code`, and whether smartcard's own error classes match. */
function shape(error: unknown): string {
  if (!(error instanceof Error)) return `non-Error ${String(error)}`;
  const code = (error as { code?: unknown }).code;
  return (
    `${error.constructor.name} "${error.message}" code=${code === undefined ? 'none' : String(code)}` +
    (error instanceof SmartcardErrors.PCSCError ? ' (PCSCError)' : '') +
    (error instanceof SmartcardErrors.CardRemovedError ? ' (CardRemovedError)' : '')
  );
}

/** How `promise` ended within `ms`: resolved (with the response bytes), rejected, or still pending. */
function outcome(promise: Promise<unknown>, ms: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.then(
      (value) =>
        Buffer.isBuffer(value)
          ? `resolved with ${value.length} bytes${value.length ? ` (${value.toString('hex')})` : ''}`
          : 'resolved',
      (error: unknown) => `rejected: ${shape(error)}`,
    ),
    new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`still pending after ${ms} ms`), ms))),
  ]).finally(() => clearTimeout(timer));
}

/** Runs a synchronous call and reports how long the JavaScript thread was held. */
function held(fn: () => void): { ms: number; error: string | undefined } {
  const t0 = performance.now();
  try {
    fn();
    return { ms: performance.now() - t0, error: undefined };
  } catch (error) {
    return { ms: performance.now() - t0, error: shape(error) };
  }
}

/** A new process loading the binding with no PC/SC service (pcsc-lite's socket pointed nowhere; Linux). */
function withoutService(code: string): string {
  if (process.platform !== 'linux') return 'not tried (pcsc-lite only)';
  const t0 = performance.now();
  const run = spawnSync(process.execPath, ['-e', code], {
    env: { ...process.env, PCSCLITE_CSOCK_NAME: '/nonexistent/pcscd.comm' },
    encoding: 'utf8',
    timeout: 5000,
  });
  const ms = (performance.now() - t0).toFixed(0);
  return run.error
    ? `no answer, killed after ${ms} ms (the call never returned)`
    : `${run.stdout.trim()} (${ms} ms incl. process start)`;
}

const results: Array<[string, string]> = [];
const note = (what: string, result: string): void => {
  results.push([what, result]);
  console.log(`${what}: ${result}`);
};

note(
  'no PC/SC service, smartcard new Context()',
  withoutService(
    `try { new (require(${JSON.stringify(smartcardPath)}).Context)(); console.log('returned'); } catch (e) { console.log('threw "' + e.message + '"'); }`,
  ),
);
note(
  'no PC/SC service, @pokusew/pcsclite()',
  withoutService(
    `const c = require(${JSON.stringify(pcsclitePath)})(); c.on('error', (e) => { console.log('error event "' + e.message + '"'); process.exit(0); }); setTimeout(() => { console.log('returned, no error in 1 s'); process.exit(0); }, 1000);`,
  ),
);

const stack = await startStackProcess();
console.log(`stack: ${stack.readerName}, quickack on loopback: ${stack.quickAck}`);
try {
  const context = (require('@pokusew/pcsclite') as PcscLiteFactory)();
  context.on('error', () => {});
  const reader = await new Promise<PcscLiteReader>((resolve) =>
    context.on('reader', (r) => {
      r.on('error', () => {});
      if (r.name === stack.readerName) resolve(r);
    }),
  );
  await sleep(200);
  const pConnect = (): Promise<number> =>
    new Promise((resolve, reject) =>
      reader.connect({ share_mode: reader.SCARD_SHARE_EXCLUSIVE }, (e, protocol) =>
        e ? reject(e) : resolve(protocol),
      ),
    );
  const pTransmit = (protocol: number): Promise<Buffer> =>
    new Promise((resolve, reject) =>
      reader.transmit(APDU, 258, protocol, (e, response) => (e ? reject(e) : resolve(response))),
    );
  const pDisconnect = (disposition: number): Promise<void> =>
    new Promise((resolve) => reader.disconnect(disposition, () => resolve()));

  let scContext = new sc.Context();
  const scConnect = (): Promise<SmartcardCard> => {
    const r = scContext.listReaders().find((x) => x.name === stack.readerName);
    if (!r) throw new Error(`smartcard does not list ${stack.readerName}`);
    return r.connect(sc.SCARD_SHARE_EXCLUSIVE, sc.SCARD_PROTOCOL_T0 | sc.SCARD_PROTOCOL_T1);
  };
  const fresh = async (): Promise<void> => {
    await stack.control('unmute');
    await stack.insertCard();
    await sleep(300);
  };

  // 1. The card leaves the field during a command, then the next command.
  {
    let p = await pConnect();
    await stack.control('pullAtNextApdu');
    note('pulled mid-command, pcsclite transmit', await outcome(pTransmit(p), 5000));
    note('  next transmit', await outcome(pTransmit(p), 5000));
    await pDisconnect(reader.SCARD_LEAVE_CARD);
    await fresh();
    let c = await scConnect();
    await stack.control('pullAtNextApdu');
    note('pulled mid-command, smartcard transmit', await outcome(c.transmit(APDU), 5000));
    note('  next transmit', await outcome(c.transmit(APDU), 5000));
    held(() => c.disconnect(sc.SCARD_LEAVE_CARD));
    await fresh();
    // 2. The card leaves between commands.
    p = await pConnect();
    await stack.removeCard();
    await sleep(500);
    note('pulled between commands, pcsclite transmit', await outcome(pTransmit(p), 5000));
    await pDisconnect(reader.SCARD_LEAVE_CARD);
    await fresh();
    c = await scConnect();
    await stack.removeCard();
    await sleep(500);
    note('pulled between commands, smartcard transmit', await outcome(c.transmit(APDU), 5000));
    held(() => c.disconnect(sc.SCARD_LEAVE_CARD));
    await fresh();
  }

  // 3. A mute card: does either binding end the command by itself, or on request?
  {
    const p = await pConnect();
    await stack.control('mute');
    const pending = pTransmit(p);
    note('mute card, pcsclite transmit', await outcome(pending, 5000));
    let ticks = 0;
    const interval = setInterval(() => ticks++, 10);
    const disconnected = pDisconnect(reader.SCARD_UNPOWER_CARD);
    await sleep(1000);
    clearInterval(interval);
    note(
      '  disconnect(UNPOWER) while it is pending',
      `queued to the thread pool; the event loop ran ${ticks} 10-ms timers in the next second`,
    );
    const t0 = performance.now();
    await stack.removeCard();
    note(
      '  card pulled',
      `transmit ${await outcome(pending, 5000)} after ${(performance.now() - t0).toFixed(1)} ms; disconnect ${await outcome(disconnected, 5000)}`,
    );
    await fresh();
  }
  {
    let c = await scConnect();
    await stack.control('mute');
    let pending = c.transmit(APDU);
    note('mute card, smartcard transmit', await outcome(pending, 5000));
    scContext.cancel();
    note('  Context.cancel()', await outcome(pending, 1000));
    const t0 = performance.now();
    await stack.removeCard();
    note('  card pulled', `transmit ${await outcome(pending, 5000)} after ${(performance.now() - t0).toFixed(1)} ms`);
    held(() => c.disconnect(sc.SCARD_LEAVE_CARD));
    await fresh();
    c = await scConnect();
    await stack.control('mute');
    pending = c.transmit(APDU);
    await sleep(500);
    await stack.control('removeIn2s'); // the stack process pulls the card 2 s from now
    const h = held(() => c.disconnect(sc.SCARD_UNPOWER_CARD));
    note(
      '  disconnect(UNPOWER) while it is pending',
      `synchronous: held the JavaScript thread ${h.ms.toFixed(0)} ms, until the card was pulled (${h.error ?? 'no error'}); transmit ${await outcome(pending, 3000)}`,
    );
    await fresh();
  }

  // 4. disconnect(UNPOWER) of an idle session: how long smartcard holds the JavaScript thread.
  {
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const c = await scConnect();
      await c.transmit(APDU);
      times.push(held(() => c.disconnect(sc.SCARD_UNPOWER_CARD)).ms);
    }
    times.sort((a, b) => a - b);
    note(
      'idle smartcard disconnect(UNPOWER)',
      `holds the JavaScript thread ${times[10]!.toFixed(2)} ms median, ${times[19]!.toFixed(2)} ms max (20 sessions)`,
    );
  }

  // 5. pcscd stops and starts again.
  {
    const events: SmartcardMonitorEvent[] = [];
    const monitor = new sc.ReaderMonitor();
    monitor.start((event) => events.push(event));
    let pcscliteEnded = false;
    reader.on('end', () => (pcscliteEnded = true));
    await sleep(500);
    const c = await scConnect();
    events.length = 0;
    await stack.control('stopPcscd');
    await sleep(2500);
    const seen = (list: SmartcardMonitorEvent[]): string =>
      [...new Set(list.map((e) => `${e.type} ${e.reader}`))].join('; ') || 'none';
    note('pcscd stopped, smartcard ReaderMonitor events (2.5 s)', `${seen(events)} (${events.length} events)`);
    note('  smartcard transmit on the open session', await outcome(c.transmit(APDU), 3000));
    note('  pcsclite reader', pcscliteEnded ? "emitted 'end'" : "no 'end' yet");
    events.length = 0;
    await stack.control('startPcscd');
    await sleep(2500);
    note('pcscd started again, smartcard ReaderMonitor events (2.5 s)', seen(events));
    let listed: string;
    try {
      listed = `${scContext.listReaders().length} readers`;
    } catch (error) {
      listed = `throws ${shape(error)}`;
    }
    note('  the old smartcard Context', listed);
    monitor.stop();
    try {
      scContext.close();
    } catch {
      /* already invalid */
    }
    scContext = new sc.Context();
    note('  a new smartcard Context', `${scContext.listReaders().length} readers`);
    scContext.close();
  }
  try {
    context.close();
  } catch {
    /* pcscd restarted under it */
  }
} finally {
  await stack.stop();
  process.exit(0);
}
