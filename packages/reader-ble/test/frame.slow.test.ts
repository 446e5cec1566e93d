import { TransportError, toHex } from '@onshikit/apdu';
import { FrameAssembler, SecureChannel, encodeFrame, type AcrMessage } from '@onshikit/reader-ble/acr1255';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// Heavy runs of the framing properties (ONSHIKIT_SLOW=1).
describe('ACR1255U-J1 framing, heavy property runs', () => {
  it('encrypted round trip through random splits: 20 000 runs', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.record({
          type: fc.nat(255),
          slot: fc.constant(0),
          seq: fc.nat(255),
          param: fc.nat(255),
          data: fc.uint8Array({ maxLength: 600 }),
        }),
        fc.array(fc.integer({ min: 1, max: 512 }), { minLength: 1, maxLength: 40 }),
        (key, message: AcrMessage, cuts) => {
          const tx = new SecureChannel();
          const rx = new SecureChannel();
          tx.setSessionKey(key);
          rx.setSessionKey(key);
          const frame = encodeFrame(tx.seal(message));
          const assembler = new FrameAssembler();
          const out: AcrMessage[] = [];
          let at = 0;
          for (let i = 0; at < frame.length; i++) {
            const size = cuts[i % cuts.length]!;
            for (const d of assembler.push(frame.subarray(at, at + size))) out.push(rx.open(d));
            at += size;
          }
          expect(out.length).toBe(1);
          expect(toHex(out[0]!.data)).toBe(toHex(message.data));
        },
      ),
      { numRuns: 20_000 },
    );
  }, 600_000);

  it('arbitrary byte streams only ever raise TransportError: 100 000 runs', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 8 }), (chunks) => {
        const assembler = new FrameAssembler(4096);
        const rx = new SecureChannel();
        rx.setSessionKey(new Uint8Array(16));
        for (const chunk of chunks) {
          try {
            for (const d of assembler.push(chunk)) rx.open(d);
          } catch (e) {
            expect(e).toBeInstanceOf(TransportError);
          }
        }
      }),
      { numRuns: 100_000 },
    );
  }, 600_000);
});
