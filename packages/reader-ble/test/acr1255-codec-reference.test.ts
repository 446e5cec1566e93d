import { toHex } from '@onshikit/apdu';
import { FrameAssembler, SecureChannel, encodeFrame } from '@onshikit/reader-ble/acr1255';
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

// The host profile's codec (@noble/ciphers) held byte for byte to the reference codec written
// from the manual; the simulator's `ble-acr1255-codec.test.ts` holds the simulated reader's codec to
// the same reference (why that makes the two sides agree: test-support/acr1255/reference-codec.ts).

const fields = (m: Message): unknown[] => [m.type, m.seq, m.param, toHex(m.data)];

function channel(k: Uint8Array): SecureChannel {
  const host = new SecureChannel();
  host.setSessionKey(k);
  return host;
}

describe('host codec × reference codec from the manual (the bytes the simulated reader speaks)', () => {
  it('the known-answer vector: the reference and the host frame it to the same bytes', () => {
    expect(toHex(referenceFrame(referenceMessage(VECTOR.message, VECTOR.key)))).toBe(VECTOR.frame);
    expect(toHex(encodeFrame(channel(VECTOR.key).seal({ ...VECTOR.message, slot: 0 })))).toBe(VECTOR.frame);
  });

  it('property: the reference bytes (what the simulated reader sends), split anywhere, the host opens to the same message', () => {
    fc.assert(
      fc.property(
        key,
        fc.array(message, { minLength: 1, maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 600 }), { minLength: 1, maxLength: 20 }),
        (k, messages, sizes) => {
          const host = channel(k);
          const stream = Uint8Array.from(messages.flatMap((m) => [...referenceFrame(referenceMessage(m, k))]));
          const assembler = new FrameAssembler();
          const got = split(stream, sizes).flatMap((chunk) => assembler.push(chunk).map((d) => host.open(d)));
          expect(got.map(fields)).toEqual(messages.map(fields));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('property: what the host sends (encrypted, padded, framed) is the reference bytes; in clear too', () => {
    fc.assert(
      fc.property(key, message, (k, m) => {
        expect(toHex(encodeFrame(channel(k).seal({ ...m, slot: 0 })))).toBe(
          toHex(referenceFrame(referenceMessage(m, k))),
        );
        expect(toHex(encodeFrame(new SecureChannel().seal({ ...m, slot: 0 })))).toBe(
          toHex(referenceFrame(referenceMessage(m))),
        );
      }),
      { numRuns: 200 },
    );
  });
});
