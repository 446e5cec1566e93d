import { encodeTlv, toHex } from '@onshikit/apdu';
import { CountingTransport } from '@onshikit/apdu/testing';
import { CardError, MyNumberCard } from '@onshikit/mynumber';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeFakeCard } from './support/fake-fixture.js';

/** A "certificate" EF: one DER SEQUENCE of `length` content bytes, padded with FF like the card. */
function certificateEf(contentLength: number, padding: number): { element: Uint8Array; ef: Uint8Array } {
  const content = new Uint8Array(contentLength).map((_, i) => (i * 7) & 0xff);
  const element = encodeTlv(0x30, content);
  const ef = new Uint8Array(element.length + padding).fill(0xff);
  ef.set(element);
  return { element, ef };
}

describe('reading a file in the fewest READ BINARY the transport allows (docs/reference/card-protocol.md#apdu-length, docs/reference/card-protocol.md#certificate-read)', () => {
  it('returns exactly the element, in 1 + ⌈N/256⌉ (short) or ≤ 3 (extended) APDUs from a cold driver, for any size and reader limit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6000 }),
        fc.integer({ min: 0, max: 600 }),
        fc.boolean(),
        fc.option(fc.integer({ min: 18, max: 258 }), { nil: undefined }),
        async (contentLength, padding, extended, maxResponseLength) => {
          const { card } = makeFakeCard({ extended });
          const { element, ef } = certificateEf(contentLength, padding);
          card.apps.get('D392F000260100000001')!.files.set(0x000a, ef);
          const transport = Object.assign(
            card,
            maxResponseLength === undefined || extended ? {} : { maxResponseLength },
          );
          const counter = new CountingTransport(transport);
          const progress: number[] = [];
          const der = await new MyNumberCard(counter)
            .readAuthCertificateDer({
              onProgress: (read, total) => {
                expect(total).toBe(element.length);
                progress.push(read);
              },
            })
            .catch((e: unknown) => e);
          expect(der).toBeInstanceOf(Uint8Array);
          expect(toHex(der as Uint8Array)).toBe(toHex(element));
          const chunk = extended ? 65536 : Math.min(256, (maxResponseLength ?? 258) - 2);
          const first = Math.min(chunk, 256);
          const reads = element.length <= first ? 1 : extended ? 2 : 1 + Math.ceil((element.length - first) / chunk);
          // SELECT AP; the first READ addresses EF 000A by short EF id (no SELECT EF).
          expect(counter.summary()).toEqual({ SELECT: 1, READ_BINARY: reads });
          expect(progress.at(-1)).toBe(element.length);
          expect(progress).toEqual([...progress].sort((a, b) => a - b));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a file shorter than its header says is CARD_CERT_INVALID, never a hang', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 300, max: 3000 }),
        fc.integer({ min: 1, max: 200 }),
        fc.boolean(),
        async (contentLength, cut, extended) => {
          const { card } = makeFakeCard({ extended });
          const { ef } = certificateEf(contentLength, 0);
          card.apps.get('D392F000260100000001')!.files.set(0x000a, ef.subarray(0, ef.length - cut));
          const error = await new MyNumberCard(card).readAuthCertificateDer().catch((e: unknown) => e);
          expect(error).toBeInstanceOf(CardError);
          expect((error as CardError).code).toBe('CARD_CERT_INVALID');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('arbitrary EF contents give the DER or a typed error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 700 }), async (bytes) => {
        const { card } = makeFakeCard();
        card.apps.get('D392F000260100000001')!.files.set(0x000a, bytes);
        const result = await new MyNumberCard(card).readAuthCertificate().catch((e: unknown) => e);
        if (result instanceof Error) {
          expect(result).toBeInstanceOf(CardError);
          expect(['CARD_CERT_INVALID', 'CARD_CERT_MISSING']).toContain((result as CardError).code);
        }
      }),
      { numRuns: 300 },
    );
  });
});
