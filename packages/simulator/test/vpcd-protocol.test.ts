import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VpcdFrameDecoder, encodeVpcdFrame, VPCD_MAX_PAYLOAD } from '@onshikit/simulator';

describe('vpcd framing', () => {
  it('round-trips any sequence of payloads however the stream is split', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 1, maxLength: 300 }), { maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 10 }),
        (payloads, cuts) => {
          const stream = payloads.map(encodeVpcdFrame);
          const all = new Uint8Array(stream.reduce((n, f) => n + f.length, 0));
          let o = 0;
          for (const f of stream) {
            all.set(f, o);
            o += f.length;
          }
          const decoder = new VpcdFrameDecoder();
          const out: Uint8Array[] = [];
          let at = 0;
          let i = 0;
          while (at < all.length) {
            const size = cuts[i++ % cuts.length]!;
            for (const m of decoder.push(all.subarray(at, at + size))) {
              out.push(m.kind === 'control' ? Uint8Array.of(m.control) : m.apdu);
            }
            at += size;
          }
          expect(out.map((b) => [...b])).toEqual(payloads.map((b) => [...b]));
          expect(decoder.bufferedBytes).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('tells control bytes from APDUs and never throws on arbitrary input', () => {
    expect(new VpcdFrameDecoder().push(Uint8Array.of(0, 1, 4))).toEqual([{ kind: 'control', control: 4 }]);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        expect(() => new VpcdFrameDecoder().push(bytes)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('refuses payloads the 2-byte length cannot carry', () => {
    expect(() => encodeVpcdFrame(new Uint8Array(VPCD_MAX_PAYLOAD + 1))).toThrow(RangeError);
  });
});
