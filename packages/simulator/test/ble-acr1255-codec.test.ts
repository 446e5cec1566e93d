import { toHex } from '@onshikit/apdu';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Message,
  VECTOR,
  key,
  message,
  referenceFrame,
  referenceMessage,
  split,
} from '../../../test-support/acr1255/reference-codec.js';
import { FrameCollector, aes128Cbc, messageBytes, readMessage, wrapFrame } from '../src/ble/acr1255-wire.js';

// The simulated reader's own codec (node:crypto AES, written from the sources) held byte for byte
// to the reference codec from the manual, as reader-ble's `acr1255-codec-reference.test.ts` holds
// the host profile's codec (see test-support/acr1255/reference-codec.ts).

const fields = (m: Message): unknown[] => [m.type, m.seq, m.param, toHex(m.data)];

describe('simulator codec × reference codec from the manual', () => {
  it('the known-answer vector: the reference and the simulator frame it to the same bytes', () => {
    expect(toHex(referenceFrame(referenceMessage(VECTOR.message, VECTOR.key)))).toBe(VECTOR.frame);
    expect(toHex(wrapFrame(aes128Cbc('encrypt', VECTOR.key, messageBytes(VECTOR.message, true))))).toBe(VECTOR.frame);
  });

  it('property: what the simulated reader sends (encrypted, padded, framed) is the reference bytes; in clear too', () => {
    fc.assert(
      fc.property(key, message, (k, m) => {
        expect(toHex(wrapFrame(aes128Cbc('encrypt', k, messageBytes(m, true))))).toBe(
          toHex(referenceFrame(referenceMessage(m, k))),
        );
        expect(toHex(wrapFrame(messageBytes(m, false)))).toBe(toHex(referenceFrame(referenceMessage(m))));
      }),
      { numRuns: 200 },
    );
  });

  it('property: the reference bytes (what the host sends), split anywhere, the simulated reader collects and reads to the same message', () => {
    fc.assert(
      fc.property(
        key,
        fc.array(message, { minLength: 1, maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 600 }), { minLength: 1, maxLength: 20 }),
        (k, messages, sizes) => {
          const stream = Uint8Array.from(messages.flatMap((m) => [...referenceFrame(referenceMessage(m, k))]));
          const collector = new FrameCollector();
          const datablocks = split(stream, sizes).flatMap((chunk) => {
            const r = collector.add(chunk);
            expect(r).not.toBe('bad-frame');
            return r === 'bad-frame' ? [] : r;
          });
          expect(datablocks).toHaveLength(messages.length);
          const read = datablocks.map((d) => readMessage(aes128Cbc('decrypt', k, d)));
          expect(read.map((m) => m && fields(m))).toEqual(messages.map(fields));
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
