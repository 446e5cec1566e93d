import { toHex } from '@onshikit/apdu';
import { FrameAssembler, SecureChannel, encodeFrame } from '@onshikit/reader-ble';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameCollector, aes128Cbc, messageBytes, readMessage, wrapFrame } from '../src/ble/acr1255-wire.js';

// The simulated reader's own codec (node:crypto AES, written from the sources) against the host
// profile's codec (@noble/ciphers, written separately): they must agree on every message.

const message = fc.record({
  type: fc.integer({ min: 0, max: 255 }),
  seq: fc.integer({ min: 0, max: 255 }),
  param: fc.integer({ min: 0, max: 255 }),
  data: fc.uint8Array({ maxLength: 600 }),
});
const key = fc.uint8Array({ minLength: 16, maxLength: 16 });

function split(bytes: Uint8Array, sizes: number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = 1 + ((sizes[i % sizes.length] ?? 19) % 512);
    out.push(bytes.subarray(at, at + size));
    at += size;
  }
  return out;
}

describe('simulator codec × host codec', () => {
  it('property: what the simulated reader sends (encrypted, padded, framed, split anywhere) the host opens to the same message', () => {
    fc.assert(
      fc.property(
        key,
        fc.array(message, { minLength: 1, maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 600 }), { minLength: 1, maxLength: 20 }),
        (k, messages, sizes) => {
          const host = new SecureChannel();
          host.setSessionKey(k);
          const stream = Uint8Array.from(
            messages.flatMap((m) => [...wrapFrame(aes128Cbc('encrypt', k, messageBytes(m, true)))]),
          );
          const assembler = new FrameAssembler();
          const got = split(stream, sizes).flatMap((chunk) => assembler.push(chunk).map((d) => host.open(d)));
          expect(got.map((m) => [m.type, m.seq, m.param, toHex(m.data)])).toEqual(
            messages.map((m) => [m.type, m.seq, m.param, toHex(m.data)]),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('property: what the host sends the simulated reader collects and reads to the same message', () => {
    fc.assert(
      fc.property(
        key,
        message,
        fc.array(fc.integer({ min: 0, max: 600 }), { minLength: 1, maxLength: 20 }),
        (k, m, sizes) => {
          const host = new SecureChannel();
          host.setSessionKey(k);
          const frame = encodeFrame(host.seal({ ...m, slot: 0 }));
          const collector = new FrameCollector();
          const datablocks = split(frame, sizes).flatMap((chunk) => {
            const r = collector.add(chunk);
            expect(r).not.toBe('bad-frame');
            return r === 'bad-frame' ? [] : r;
          });
          expect(datablocks).toHaveLength(1);
          const read = readMessage(aes128Cbc('decrypt', k, datablocks[0]!));
          expect(read && [read.type, read.seq, read.param, toHex(read.data)]).toEqual([
            m.type,
            m.seq,
            m.param,
            toHex(m.data),
          ]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('property: the simulator never reads a corrupted clear message, and a broken frame resets its collector', () => {
    fc.assert(
      fc.property(message, fc.nat(), fc.integer({ min: 1, max: 255 }), (m, at, flip) => {
        const bytes = messageBytes(m, false);
        const i = at % bytes.length;
        const broken = bytes.slice();
        broken[i] = broken[i]! ^ flip;
        const read = readMessage(broken);
        // Flipping a Length byte may still leave a message whose Check holds only by chance when the
        // declared length shrinks; otherwise nothing is read.
        if (i !== 1 && i !== 2) expect(read).toBeUndefined();
        const collector = new FrameCollector();
        const frame = wrapFrame(bytes);
        frame[frame.length - 1] = 0x0b;
        expect(collector.add(frame)).toBe('bad-frame');
        expect(collector.add(wrapFrame(bytes))).toHaveLength(1);
      }),
    );
  });
});
