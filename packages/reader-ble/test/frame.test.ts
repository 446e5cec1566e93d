import { TransportError, fromHex, toHex } from '@onshikit/apdu';
import {
  FrameAssembler,
  MAX_MESSAGE_DATA,
  SecureChannel,
  decodeMessage,
  encodeFrame,
  encodeMessage,
  type AcrMessage,
} from '@onshikit/reader-ble/acr1255';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** Splits bytes into notifications of random sizes between 1 and `mtu` (what a BLE stack may deliver). */
function randomSplit(bytes: Uint8Array, cuts: number[], mtu: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  let i = 0;
  while (at < bytes.length) {
    const size = 1 + ((cuts[i++ % Math.max(1, cuts.length)] ?? mtu) % mtu);
    out.push(bytes.subarray(at, at + size));
    at += size;
  }
  return out;
}

function roundTrip(
  sender: SecureChannel,
  receiver: SecureChannel,
  messages: AcrMessage[],
  cuts: number[],
  mtu: number,
): AcrMessage[] {
  const stream = messages.map((m) => encodeFrame(sender.seal(m)));
  const joined = new Uint8Array(stream.reduce((n, f) => n + f.length, 0));
  let at = 0;
  for (const f of stream) {
    joined.set(f, at);
    at += f.length;
  }
  const assembler = new FrameAssembler();
  const received: AcrMessage[] = [];
  for (const chunk of randomSplit(joined, cuts, mtu)) {
    for (const datablock of assembler.push(chunk)) {
      const m = receiver.open(datablock);
      received.push({ ...m, data: m.data.slice() });
    }
  }
  expect(assembler.pending).toBe(0);
  return received;
}

const sessionKey = fc.uint8Array({ minLength: 16, maxLength: 16 });
const message = (maxLength: number) =>
  fc.record({
    type: fc.integer({ min: 0, max: 255 }),
    slot: fc.constant(0),
    seq: fc.integer({ min: 0, max: 255 }),
    param: fc.integer({ min: 0, max: 255 }),
    data: fc.uint8Array({ maxLength }),
  });

describe('ACR1255U-J1 framing (manual §5.4, §5.5.1)', () => {
  it('matches the checksum examples printed in the manual', () => {
    // §5.7.2 SPH_to_RDR_ReqAuth and V1.07 §5.6.7.1 "Open automatic polling".
    expect(toHex(encodeMessage({ type: 0x6b, slot: 0, seq: 0, param: 0, data: fromHex('E000004500') }))).toBe(
      '6b00050000 00cb e000004500'.replace(/ /g, '').toUpperCase(),
    );
    expect(toHex(encodeMessage({ type: 0x6b, slot: 0, seq: 0, param: 0, data: fromHex('E000004001') }))).toBe(
      '6b000500000 0cfe000004001'.replace(/ /g, '').toUpperCase(),
    );
    // §5.4: Check = XOR of Len and Datablock, start 05, stop 0A.
    expect(toHex(encodeFrame(fromHex('0102')))).toBe('05000201020' + '10A');
  });

  it('any APDU-sized message survives seal → frame → random split at any MTU 20..512 → reassemble → open, both directions, encrypted', () => {
    fc.assert(
      fc.property(
        sessionKey,
        fc.array(message(1024), { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 600 }), { minLength: 1, maxLength: 64 }),
        fc.integer({ min: 20, max: 512 }),
        (key, messages, cuts, mtu) => {
          const host = new SecureChannel();
          const reader = new SecureChannel();
          host.setSessionKey(key);
          reader.setSessionKey(key);
          const up = roundTrip(host, reader, messages, cuts, mtu);
          const down = roundTrip(reader, host, messages, cuts, mtu);
          for (const got of [up, down]) {
            expect(got.length).toBe(messages.length);
            got.forEach((m, i) => {
              const want = messages[i]!;
              expect([m.type, m.seq, m.param]).toEqual([want.type, want.seq, want.param]);
              expect(toHex(m.data)).toBe(toHex(want.data));
            });
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('extended-length APDUs up to the frame limit survive, in clear and encrypted', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_MESSAGE_DATA }),
        fc.boolean(),
        fc.integer({ min: 20, max: 512 }),
        fc.integer(),
        (length, encrypted, mtu, seed) => {
          const data = Uint8Array.from({ length }, (_, i) => (i * 131 + seed) & 0xff);
          const a = new SecureChannel();
          const b = new SecureChannel();
          if (encrypted) {
            const key = Uint8Array.from({ length: 16 }, (_, i) => (seed >> (i % 4)) & 0xff);
            a.setSessionKey(key);
            b.setSessionKey(key);
          }
          const msg = { type: 0x6f, slot: 0, seq: 1, param: 0, data };
          if (!encrypted && length + 7 > 0xffff) return; // a clear message is limited by the 2-byte Len only
          const [got] = roundTrip(a, b, [msg], [mtu], mtu);
          expect(got!.data.length).toBe(length);
          expect(toHex(got!.data.subarray(-32))).toBe(toHex(data.subarray(-32)));
          expect(got!.data.every((v, i) => v === data[i])).toBe(true);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('a message longer than one frame can carry is refused with a typed error', () => {
    const error = (() => {
      try {
        encodeMessage({ type: 0x6f, slot: 0, seq: 0, param: 0, data: new Uint8Array(MAX_MESSAGE_DATA + 1) });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).code).toBe('BLE_FRAME_INVALID');
  });

  it('any single corrupted byte of an encrypted frame gives BLE_FRAME_INVALID and never a message', () => {
    fc.assert(
      fc.property(sessionKey, message(300), fc.nat(), fc.integer({ min: 1, max: 255 }), (key, msg, position, flip) => {
        const tx = new SecureChannel();
        const rx = new SecureChannel();
        tx.setSessionKey(key);
        rx.setSessionKey(key);
        const frame = encodeFrame(tx.seal(msg));
        frame[position % frame.length]! ^= flip;
        const assembler = new FrameAssembler();
        const errors: unknown[] = [];
        const delivered: AcrMessage[] = [];
        // The corrupted frame, then filler as a stuck length field would wait for.
        for (const chunk of [frame, new Uint8Array(70_000)]) {
          try {
            for (const d of assembler.push(chunk)) delivered.push(rx.open(d));
          } catch (e) {
            errors.push(e);
            break;
          }
        }
        expect(delivered).toEqual([]);
        expect(errors.length).toBe(1);
        expect(errors[0]).toBeInstanceOf(TransportError);
        expect((errors[0] as TransportError).code).toBe('BLE_FRAME_INVALID');
      }),
      { numRuns: 500 },
    );
  });

  it('arbitrary bytes never throw anything but a TransportError', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 16 }),
        fc.option(sessionKey, { nil: undefined }),
        (chunks, key) => {
          const assembler = new FrameAssembler();
          const rx = new SecureChannel();
          if (key) rx.setSessionKey(key);
          for (const chunk of chunks) {
            try {
              for (const d of assembler.push(chunk)) rx.open(d);
            } catch (e) {
              expect(e).toBeInstanceOf(TransportError);
            }
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('decodeMessage reports the offending offset', () => {
    const bytes = encodeMessage({ type: 0x80, slot: 0, seq: 3, param: 0, data: fromHex('9000') });
    bytes[6]! ^= 1;
    try {
      decodeMessage(bytes);
      expect.unreachable();
    } catch (e) {
      expect((e as TransportError).detail).toMatchObject({ reason: 'message-checksum', offset: 6 });
    }
    expect(() => decodeMessage(new Uint8Array(3))).toThrow(TransportError);
    expect(() => decodeMessage(fromHex('80000500000000'))).toThrow(TransportError);
  });

  it('merged frames in one notification all come out', () => {
    const a = encodeFrame(encodeMessage({ type: 0x50, slot: 0, seq: 0, param: 2, data: new Uint8Array(0) }));
    const b = encodeFrame(encodeMessage({ type: 0x80, slot: 0, seq: 9, param: 0, data: fromHex('9000') }));
    const merged = new Uint8Array([...a, ...b.subarray(0, 4)]);
    const assembler = new FrameAssembler();
    expect(assembler.push(merged).map((d) => decodeMessage(d).type)).toEqual([0x50]);
    expect(assembler.push(b.subarray(4)).map((d) => decodeMessage(d).seq)).toEqual([9]);
  });
});

describe('FrameAssembler limits', () => {
  it('a declared length above what the receiver can expect fails at once (no wait for bytes that never come)', () => {
    const assembler = new FrameAssembler(272);
    expect(() => assembler.push(fromHex('051000'))).toThrow(TransportError);
    expect(assembler.pending).toBe(0);
    // After the error the next frame is read cleanly.
    const ok = encodeFrame(fromHex('AABB'));
    expect(assembler.push(ok).map((d) => toHex(d))).toEqual(['AABB']);
  });
});
