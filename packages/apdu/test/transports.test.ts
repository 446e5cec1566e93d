import { describe, expect, it } from 'vitest';
import {
  ApduError,
  CommandApdu,
  TransportError,
  fromHex,
  commandHasData,
  isSecretCommand,
  toHex,
  transmitApdu,
  type Transport,
} from '@onshikit/apdu';
import {
  CountingTransport,
  RecordingTransport,
  ReplayTransport,
  parseTrace,
  type ApduTrace,
} from '@onshikit/apdu/testing';
import { ScriptedTransport } from './helpers/scripted-transport.js';

const SELECT_JPKI = '00A4040C0AD392F000260100000001';
const VERIFY_PIN = '002000800431323334';

function clock(): () => number {
  let t = 1000;
  return () => (t += 2.5);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('isSecretCommand', () => {
  it('flags VERIFY, CHANGE REFERENCE DATA, RESET RETRY COUNTER and the proprietary CHANGE KEY', () => {
    for (const hex of [
      VERIFY_PIN,
      '0024018004313233',
      '002C00800431323334',
      '00210080023132',
      '80320080023132',
      '0020008004313233',
      '00200080FFFF',
    ]) {
      expect(isSecretCommand(fromHex(hex)), hex).toBe(true);
    }
    // No data, nothing secret: the retries query, case 2, other INS, non-APDUs up to 5 bytes.
    for (const hex of ['00200080', '0020008000', '00200080000100', SELECT_JPKI, '00B0000000', '00320000023132', '00']) {
      expect(isSecretCommand(fromHex(hex)), hex).toBe(false);
    }
    expect(commandHasData(fromHex('00B0000002AABB'))).toBe(true);
    expect(commandHasData(fromHex('00B00000'))).toBe(false);
  });
});

describe('RecordingTransport', () => {
  it('records hex and timings and redacts PIN commands to the header', async () => {
    const card = new ScriptedTransport(
      [
        [SELECT_JPKI, '9000'],
        ['00200080', '63C3'],
        [VERIFY_PIN, '9000'],
        ['0024018006313233343536', '9000'],
        ['00B0000004', '30820410 9000'],
      ],
      { maxCommandLength: 261, supportsExtendedLength: false },
    );
    const recorder = new RecordingTransport(card, { label: 'test', now: clock() });
    expect(recorder.maxCommandLength).toBe(261);
    expect(recorder.supportsExtendedLength).toBe(false);
    for (const hex of [SELECT_JPKI, '00200080', VERIFY_PIN, '0024018006313233343536', '00B0000004'])
      await recorder.transmit(fromHex(hex));
    const trace = recorder.toJSON();
    expect(trace.label).toBe('test');
    expect(trace.transport).toEqual({ maxCommandLength: 261, supportsExtendedLength: false });
    expect(trace.entries).toEqual([
      { command: SELECT_JPKI, response: '9000', atMs: 2.5, durationMs: 2.5 },
      { command: '00200080', response: '63C3', atMs: 7.5, durationMs: 2.5 },
      { command: '00200080', redacted: true, response: '9000', atMs: 12.5, durationMs: 2.5 },
      { command: '00240180', redacted: true, response: '9000', atMs: 17.5, durationMs: 2.5 },
      { command: '00B0000004', response: '308204109000', atMs: 22.5, durationMs: 2.5 },
    ]);
    const json = recorder.toJSONString();
    expect(json).not.toContain('31323334');
    expect(json).not.toContain('313233343536');
    expect(parseTrace(json)).toEqual(trace);
    expect(recorder.size).toBe(5);
    await recorder.close();
    expect(card.closed).toBe(true);
  });

  it('applies an extra redaction predicate on top of the default', async () => {
    const card = new ScriptedTransport([['80A0000002AABB', '9000']]);
    const recorder = new RecordingTransport(card, { redact: (c) => c[1] === 0xa0 });
    await recorder.transmit(fromHex('80A0000002AABB'));
    expect(recorder.toJSON().entries[0]).toMatchObject({ command: '80A00000', redacted: true });
    const empty = new RecordingTransport(new ScriptedTransport([['80A00000', '9000']]), { redact: () => true });
    await empty.transmit(fromHex('80A00000'));
    expect(empty.toJSON().entries[0]).not.toHaveProperty('redacted');
  });

  it('records link failures with their code and rethrows them', async () => {
    const removed = new TransportError('CARD_REMOVED');
    const card = new ScriptedTransport([
      ['00B0000000', removed],
      ['00B0000000', new Error('boom')],
    ]);
    const recorder = new RecordingTransport(card);
    expect(await rejection(recorder.transmit(fromHex('00B0000000')))).toBe(removed);
    expect(await rejection(recorder.transmit(fromHex('00B0000000')))).toBeInstanceOf(Error);
    expect(recorder.toJSON().entries.map((e) => ('error' in e ? e.error : undefined))).toEqual([
      'CARD_REMOVED',
      'TRANSPORT_FAILED',
    ]);
  });

  it('records resets when the wrapped transport supports them', async () => {
    let resets = 0;
    const inner: Transport = {
      transmit: async () => fromHex('9000'),
      async [Symbol.asyncDispose]() {
        await this.close();
      },
      close: async () => {},
      reset: async () => {
        resets++;
        if (resets === 2) throw new TransportError('CARD_REMOVED');
      },
    };
    const recorder = new RecordingTransport(inner, { now: clock() });
    await recorder.reset!();
    await expect(recorder.reset!()).rejects.toBeInstanceOf(TransportError);
    expect(recorder.toJSON().entries).toEqual([
      { reset: true, atMs: 2.5, durationMs: 2.5 },
      { reset: true, atMs: 7.5, durationMs: 2.5, error: 'CARD_REMOVED' },
    ]);
    expect(new RecordingTransport(new ScriptedTransport([])).reset).toBeUndefined();
  });
});

describe('ReplayTransport', () => {
  async function recordSession(): Promise<ApduTrace> {
    const card = new ScriptedTransport(
      [
        [SELECT_JPKI, '9000'],
        [VERIFY_PIN, '9000'],
        ['00B0000004', '61 02'],
        ['00C0000002', 'AABB 9000'],
        ['00B0000000', new TransportError('CARD_REMOVED')],
      ],
      { maxCommandLength: 261 },
    );
    const recorder = new RecordingTransport(card, { now: clock() });
    await transmitApdu(recorder, fromHex(SELECT_JPKI));
    await transmitApdu(recorder, fromHex(VERIFY_PIN));
    expect(toHex((await transmitApdu(recorder, fromHex('00B0000004'))).data)).toBe('AABB');
    await expect(transmitApdu(recorder, fromHex('00B0000000'))).rejects.toMatchObject({ code: 'CARD_REMOVED' });
    await recorder.reset?.();
    return recorder.toJSON();
  }

  it('answers a recorded session exactly, through transmitApdu, including a different PIN', async () => {
    const trace = await recordSession();
    const replay = new ReplayTransport(JSON.stringify(trace));
    expect(replay.maxCommandLength).toBe(261);
    expect(replay.remaining).toBe(5);
    expect((await transmitApdu(replay, fromHex(SELECT_JPKI))).ok).toBe(true);
    // Redacted: matches on the header and on carrying data, whatever the PIN.
    expect((await transmitApdu(replay, fromHex('002000800439393939'))).ok).toBe(true);
    const read = await transmitApdu(replay, fromHex('00B0000004'));
    expect(toHex(read.data)).toBe('AABB');
    expect(await rejection(transmitApdu(replay, fromHex('00B0000000')))).toMatchObject({
      name: 'TransportError',
      code: 'CARD_REMOVED',
    });
    expect(replay.remaining).toBe(0);
    const after = await rejection(replay.transmit(fromHex('00B0000000')));
    expect(after).toBeInstanceOf(ApduError);
    expect((after as ApduError).code).toBe('REPLAY_EXHAUSTED');
  });

  it('fails loudly on a different command, through transmitApdu too, and keeps failing', async () => {
    const replay = new ReplayTransport(await recordSession());
    const error = await rejection(transmitApdu(replay, fromHex('00A4040C02AAAA')));
    expect(error).toBeInstanceOf(ApduError);
    expect((error as ApduError).code).toBe('REPLAY_MISMATCH');
    expect((error as ApduError).detail).toMatchObject({ index: 0, expected: SELECT_JPKI, actual: '00A4040C02AAAA' });
    expect(await rejection(replay.transmit(fromHex(SELECT_JPKI)))).toBe(error);
  });

  it('does not let a redacted VERIFY match a retries query, and never shows the PIN', async () => {
    const replay = new ReplayTransport(await recordSession());
    await replay.transmit(fromHex(SELECT_JPKI));
    const query = (await rejection(replay.transmit(fromHex('00200080')))) as ApduError;
    expect(query.code).toBe('REPLAY_MISMATCH');
    const other = new ReplayTransport(await recordSession());
    await other.transmit(fromHex(SELECT_JPKI));
    const wrong = (await rejection(other.transmit(fromHex('00B0000004')))) as ApduError;
    expect(wrong.detail).toMatchObject({ expected: '00200080+data' });
    const third = new ReplayTransport(await recordSession());
    const pin = (await rejection(third.transmit(fromHex(VERIFY_PIN)))) as ApduError;
    expect(JSON.stringify(pin.detail)).not.toContain('31323334');
    expect(pin.message).not.toContain('31323334');
  });

  it('replays resets and treats a reset in the wrong place as a mismatch', async () => {
    const trace: ApduTrace = {
      format: 'onshikit-apdu-trace',
      version: 1,
      recordedAt: '2026-01-01T00:00:00.000Z',
      transport: {},
      entries: [
        { reset: true, atMs: 0, durationMs: 1 },
        { command: '00B0000000', response: '9000', atMs: 1, durationMs: 1 },
        { reset: true, atMs: 2, durationMs: 1, error: 'READER_GONE' },
      ],
    };
    const replay = new ReplayTransport(trace);
    await expect(replay.transmit(fromHex('00B0000000'))).rejects.toMatchObject({ code: 'REPLAY_MISMATCH' });
    const ok = new ReplayTransport(trace);
    await ok.reset();
    await expect(ok.reset()).rejects.toMatchObject({ code: 'REPLAY_MISMATCH' });
    const third = new ReplayTransport(trace);
    await third.reset();
    await third.transmit(fromHex('00B0000000'));
    await expect(third.reset()).rejects.toMatchObject({ name: 'TransportError', code: 'READER_GONE' });
    await expect(third.reset()).rejects.toMatchObject({ code: 'REPLAY_EXHAUSTED' });
  });

  it('honours abort and close', async () => {
    const replay = new ReplayTransport(await recordSession());
    const controller = new AbortController();
    controller.abort();
    await expect(replay.transmit(fromHex(SELECT_JPKI), { signal: controller.signal })).rejects.toMatchObject({
      code: 'ABORTED',
    });
    await replay.close();
    await expect(replay.transmit(fromHex(SELECT_JPKI))).rejects.toMatchObject({ code: 'TRANSPORT_CLOSED' });
  });

  it('rejects malformed traces with TRACE_INVALID', () => {
    const good = { format: 'onshikit-apdu-trace', version: 1, recordedAt: 'x', transport: {}, entries: [] };
    const bad: unknown[] = [
      '{',
      'null',
      { ...good, format: 'other' },
      { ...good, version: 2 },
      { ...good, recordedAt: 1 },
      { ...good, label: 3 },
      { ...good, transport: null },
      { ...good, transport: { maxCommandLength: -1 } },
      { ...good, transport: { supportsExtendedLength: 'yes' } },
      { ...good, entries: {} },
      { ...good, entries: [null] },
      { ...good, entries: [{ command: '00B00000', response: '9000', atMs: -1, durationMs: 0 }] },
      { ...good, entries: [{ command: '00B0', response: '9000', atMs: 0, durationMs: 0 }] },
      { ...good, entries: [{ command: '00B0000', response: '9000', atMs: 0, durationMs: 0 }] },
      { ...good, entries: [{ command: '00B00000', response: '90', atMs: 0, durationMs: 0 }] },
      { ...good, entries: [{ command: '00B00000', atMs: 0, durationMs: 0 }] },
      { ...good, entries: [{ command: '00B00000', response: '9000', error: 'TIMEOUT', atMs: 0, durationMs: 0 }] },
      { ...good, entries: [{ command: '00B00000', error: 'NOPE', atMs: 0, durationMs: 0 }] },
      { ...good, entries: [{ command: '0020008004', redacted: true, response: '9000', atMs: 0, durationMs: 0 }] },
      { ...good, entries: [{ command: '00200080', redacted: 'yes', response: '9000', atMs: 0, durationMs: 0 }] },
    ];
    for (const input of bad) {
      let caught: unknown;
      try {
        new ReplayTransport(input as ApduTrace);
      } catch (error) {
        caught = error;
      }
      expect(caught, JSON.stringify(input)).toBeInstanceOf(ApduError);
      expect((caught as ApduError).code).toBe('TRACE_INVALID');
    }
    expect(new ReplayTransport(good as ApduTrace).remaining).toBe(0);
  });
});

describe('CountingTransport', () => {
  it('counts commands by INS and keeps headers and status words only', async () => {
    const card = new ScriptedTransport(
      [
        [SELECT_JPKI, '9000'],
        ['00B0000004', '61 02'],
        ['00C0000002', 'AABB 9000'],
        [VERIFY_PIN, '63C2'],
        ['00B0000000', new TransportError('TIMEOUT')],
      ],
      { supportsExtendedLength: true, maxCommandLength: 1000 },
    );
    const counter = new CountingTransport(card);
    expect(counter.supportsExtendedLength).toBe(true);
    expect(counter.maxCommandLength).toBe(1000);
    expect(counter.maxResponseLength).toBeUndefined();
    expect(counter.reset).toBeUndefined();
    await transmitApdu(
      counter,
      new CommandApdu({ cla: 0, ins: 0xa4, p1: 4, p2: 0x0c, data: fromHex('D392F000260100000001') }),
    );
    await transmitApdu(counter, fromHex('00B0000004'));
    await transmitApdu(counter, fromHex(VERIFY_PIN));
    await expect(transmitApdu(counter, fromHex('00B0000000'))).rejects.toBeInstanceOf(TransportError);
    expect(counter.count(0xb0)).toBe(2);
    expect(counter.count(0xc0)).toBe(1);
    expect(counter.count(0x88)).toBe(0);
    expect(counter.count()).toBe(5);
    expect(counter.total).toBe(5);
    expect(counter.summary()).toEqual({ VERIFY: 1, SELECT: 1, READ_BINARY: 2, GET_RESPONSE: 1 });
    expect(counter.history.map((h) => h.sw)).toEqual([0x9000, 0x6102, 0x9000, 0x63c2, undefined]);
    expect(Object.keys(counter.history[3]!)).toEqual(['cla', 'ins', 'p1', 'p2', 'sw']);
    counter.clearCounts();
    expect(counter.total).toBe(0);
    expect(counter.history).toEqual([]);
    await counter.close();
    expect(card.closed).toBe(true);
  });

  it('names unknown INS codes and forwards reset', async () => {
    let resets = 0;
    const counter = new CountingTransport({
      transmit: async () => fromHex('9000'),
      async [Symbol.asyncDispose]() {
        await this.close();
      },
      close: async () => {},
      reset: async () => void resets++,
    });
    await counter.transmit(fromHex('00E2000000'));
    expect(counter.summary()).toEqual({ INS_E2: 1 });
    await counter.reset!();
    expect(resets).toBe(1);
  });
});
