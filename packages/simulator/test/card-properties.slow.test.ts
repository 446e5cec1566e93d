import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardProfiles, VirtualMyNumberCard } from '@onshikit/simulator';

/** Heavy run of "process() answers every byte string with a status word" (ONSHIKIT_SLOW=1 only). */
describe('process() on arbitrary bytes (slow)', async () => {
  const card = await VirtualMyNumberCard.create(cardProfiles.standard());
  const header = fc.tuple(
    fc.constantFrom(0x00, 0x80),
    fc.constantFrom(0xa4, 0xb0, 0xb2, 0x20, 0x24, 0x2a, 0x32, 0x84, 0x88, 0xca),
    fc.integer({ min: 0, max: 255 }),
    fc.integer({ min: 0, max: 255 }),
  );
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 600 }),
    fc
      .tuple(header, fc.uint8Array({ maxLength: 40 }))
      .map(([[cla, ins, p1, p2], body]) => Uint8Array.of(cla, ins, p1, p2, ...body)),
  );

  it('100 000 commands, interleaved with SELECTs of every AP', async () => {
    const selects = [
      'D392F000260100000001',
      'D3921000310001010408',
      'D3921000310001010402',
      'D3921000310001010100',
    ].map((aid) => Uint8Array.of(0x00, 0xa4, 0x04, 0x0c, 0x0a, ...Buffer.from(aid, 'hex')));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(bytes, async (command) => {
        if (n++ % 50 === 0) await card.process(selects[((n / 50) % selects.length) | 0]!);
        const response = await card.process(command);
        expect(response.length).toBeGreaterThanOrEqual(2);
      }),
      { numRuns: 100_000 },
    );
    card.clearApduLog();
  }, 600_000);
});
