import { TransportError } from '@onshikit/apdu';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardProfiles, VirtualMyNumberCard } from '@onshikit/simulator';

const INS = [0xa4, 0xb0, 0xb2, 0x20, 0x24, 0x2a, 0x32, 0x84, 0x88, 0xca, 0xfc, 0xa2];

/** Bytes that look like APDUs often enough to reach deep paths. */
const apduLike = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc
    .record({
      cla: fc.constantFrom(0x00, 0x80, 0x01, 0x08, 0x0c),
      ins: fc.constantFrom(...INS),
      p1: fc.constantFrom(0x00, 0x01, 0x02, 0x04, 0x80, 0x8a, 0x81, 0x98),
      p2: fc.constantFrom(0x00, 0x0c, 0x80, 0x97, 0x98, 0x9a, 0x9b, 0x0c),
      body: fc.uint8Array({ maxLength: 20 }),
    })
    .map(({ cla, ins, p1, p2, body }) => Uint8Array.of(cla, ins, p1, p2, ...body)),
);

describe('process() never throws for arbitrary bytes', async () => {
  const card = await VirtualMyNumberCard.create(cardProfiles.standard());

  it('always answers data + a status word', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(apduLike, { minLength: 1, maxLength: 8 }), async (commands) => {
        for (const command of commands) {
          const response = await card.process(command);
          expect(response.length).toBeGreaterThanOrEqual(2);
          const sw1 = response[response.length - 2]!;
          expect([0x90, 0x62, 0x63, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6d, 0x6e, 0x6f]).toContain(sw1);
        }
        card.powerOff();
        card.powerOn();
      }),
      { numRuns: 300 },
    );
  });

  it('with a removal fault: either a status word or the CARD_REMOVED rejection, nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(apduLike, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 6 }),
        async (commands, removeAt) => {
          card.insert();
          card.faults.removeAtApdu = removeAt;
          for (const [i, command] of commands.entries()) {
            try {
              const response = await card.process(command);
              expect(response.length).toBeGreaterThanOrEqual(2);
              expect(i + 1).toBeLessThan(removeAt);
            } catch (error) {
              expect(error).toBeInstanceOf(TransportError);
              expect((error as TransportError).code).toBe('CARD_REMOVED');
              expect(i + 1).toBeGreaterThanOrEqual(removeAt);
            }
          }
          delete card.faults.removeAtApdu;
        },
      ),
      { numRuns: 200 },
    );
    card.insert();
  });
});
