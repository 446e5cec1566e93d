// Issue 14: createCallbackPinSource must refuse anything that is not exactly N ASCII digits
// before a VERIFY is built. The attack: `'ĸĲĶĴ'` (U+0138 U+0132 U+0136 U+0134) used to be mapped
// with `& 0xffff` into a Uint8Array, which keeps the low byte: `8264`, sent as a VERIFY that
// spent one of the card's 3 tries.
import { fromHex, toHex, type TransmitOptions, type Transport } from '@onshikit/apdu';
import {
  createCallbackPinSource,
  EligibilityError,
  MemoryRececonStore,
  ReceptionWorkflow,
  transportCardSource,
} from '@onshikit/eligibility';
import { VirtualMyNumberCard, cardProfiles, createInProcessTransport } from '@onshikit/simulator';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScriptedService } from './support/fakes.js';

const SELECT_JPKI = fromHex('00A4040C0AD392F000260100000001');
const PIN_STATUS = fromHex('00200098'); // empty VERIFY of the user-auth PIN: tries left, no try used

async function triesLeft(card: VirtualMyNumberCard): Promise<string> {
  const link = createInProcessTransport(card, { supportsExtendedLength: true });
  await link.transmit(SELECT_JPKI);
  const answer = await link.transmit(PIN_STATUS);
  await link.close();
  return toHex(answer.subarray(answer.length - 2));
}

/** Wide characters whose low byte is an ASCII digit, and other non-digits. */
const SMUGGLED = [
  'ĸĲĶĴ',
  '\u0130\u0131\u0132\u0133',
  '\uff11\uff12\uff13\uff14',
  '\u0661\u0662\u0663\u0664',
  '12\u00003',
  '123\u0130',
];

describe('security: createCallbackPinSource refuses smuggled digits', () => {
  it.each(SMUGGLED)('%j gives INVALID_MANUAL_ENTRY, no VERIFY is sent and the card keeps its tries', async (answer) => {
    const card = await VirtualMyNumberCard.create(cardProfiles.standard());
    const before = await triesLeft(card);
    const verifies: string[] = [];
    const workflow = new ReceptionWorkflow({
      service: new ScriptedService(),
      store: new MemoryRececonStore(),
      cards: transportCardSource(async ({ accept }) => {
        const inner = createInProcessTransport(card, { supportsExtendedLength: true });
        const link: Transport = {
          get supportsExtendedLength() {
            return inner.supportsExtendedLength;
          },
          get maxResponseLength() {
            return inner.maxResponseLength;
          },
          transmit(command: Uint8Array, options?: TransmitOptions) {
            if (command[1] === 0x20 && command.length > 5) verifies.push(toHex(command.subarray(0, 4)));
            return inner.transmit(command, options);
          },
          async [Symbol.asyncDispose]() {
            await this.close();
          },
          close: () => inner.close(),
        };
        if (!(await accept(link))) throw new Error('not a JPKI card');
        return link;
      }),
      pinSource: createCallbackPinSource(() => answer),
      settings: { institutionCode: '1312345678', identityMode: 'pin' },
    });
    const summary = await workflow.startCheck().done;
    expect(summary.state).not.toBe('done');
    expect(verifies).toEqual([]);
    expect(await triesLeft(card)).toBe(before);
  });

  it('every string answer is accepted only when it is exactly N code units 0-9, and the bytes equal them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 8 }),
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 10 }),
          fc
            .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 10 })
            .map((units) => String.fromCharCode(...units)),
        ),
        async (digits, answer) => {
          const ok = answer.length === digits && /^[0-9]+$/.test(answer);
          const result = await createCallbackPinSource(() => answer)
            .requestPin({ digits })
            .then(
              (pin) => ({ pin }),
              (error: unknown) => ({ error }),
            );
          if (ok) expect('pin' in result && new TextDecoder().decode(result.pin)).toBe(answer);
          else {
            expect('error' in result && result.error).toBeInstanceOf(EligibilityError);
            expect(('error' in result && (result.error as EligibilityError).code) || '').toBe('INVALID_MANUAL_ENTRY');
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('zeroes the bytes of a refused byte answer', async () => {
    const answer = new Uint8Array([0x31, 0x32, 0x33, 0x100 - 1]);
    await expect(createCallbackPinSource(() => answer).requestPin({ digits: 4 })).rejects.toMatchObject({
      code: 'INVALID_MANUAL_ENTRY',
    });
    expect([...answer]).toEqual([0, 0, 0, 0]);
  });
});
