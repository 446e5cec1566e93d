import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCallbackPinSource, EligibilityError } from '@onshikit/eligibility';
import type { PinRequest } from '@onshikit/eligibility';

const ascii = (pin: Uint8Array): string => new TextDecoder().decode(pin);

describe('createCallbackPinSource', () => {
  it('passes the request to the UI and returns a copy of its bytes, zeroing the original', async () => {
    const answer = new TextEncoder().encode('0426');
    let seen: PinRequest | undefined;
    const pins = createCallbackPinSource((request) => {
      seen = request;
      return answer;
    });
    const pin = await pins.requestPin({ digits: 4, triesLeft: 2 });
    expect(ascii(pin)).toBe('0426');
    expect(pin).not.toBe(answer);
    expect([...answer]).toEqual([0, 0, 0, 0]);
    expect(seen).toMatchObject({ digits: 4, triesLeft: 2 });
  });

  it('accepts a digit string from the UI', async () => {
    expect(ascii(await createCallbackPinSource(async () => '9999').requestPin({ digits: 4 }))).toBe('9999');
  });

  it('rejects wrong lengths and non-digits with INVALID_MANUAL_ENTRY that does not contain the answer', async () => {
    for (const answer of ['123', '12345', '12a4', '１２３４', new Uint8Array([0x31, 0x32, 0x33, 0x00])]) {
      const error = await createCallbackPinSource(() => answer)
        .requestPin({ digits: 4 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EligibilityError);
      expect((error as EligibilityError).code).toBe('INVALID_MANUAL_ENTRY');
      if (typeof answer === 'string')
        expect(JSON.stringify({ m: (error as Error).message, d: (error as EligibilityError).detail })).not.toContain(
          answer,
        );
    }
  });

  it('is cancelled by the signal even if the UI ignores it, and zeroes a late answer', async () => {
    const controller = new AbortController();
    const late = new TextEncoder().encode('1234');
    let answer: (value: Uint8Array) => void = () => undefined;
    const pins = createCallbackPinSource(() => new Promise<Uint8Array>((resolve) => (answer = resolve)));
    const pending = pins.requestPin({ digits: 4, signal: controller.signal });
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect((error as EligibilityError).code).toBe('CHECK_CANCELLED');
    answer(late);
    await new Promise((resolve) => setImmediate(resolve));
    expect([...late]).toEqual([0, 0, 0, 0]);
    expect(
      ((await pins.requestPin({ digits: 4, signal: AbortSignal.abort() }).catch((e: unknown) => e)) as EligibilityError)
        .code,
    ).toBe('CHECK_CANCELLED');
  });

  it('passes the UI error through and rejects a bad digit count', async () => {
    const failure = new Error('dialog closed');
    expect(
      await createCallbackPinSource(() => Promise.reject(failure))
        .requestPin({ digits: 4 })
        .catch((e: unknown) => e),
    ).toBe(failure);
    expect(
      (
        (await createCallbackPinSource(() => '1')
          .requestPin({ digits: 0 })
          .catch((e: unknown) => e)) as EligibilityError
      ).code,
    ).toBe('INVALID_MANUAL_ENTRY');
  });

  it('any answer either yields exactly the digits or a typed error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 16 }),
        fc.oneof(fc.string({ maxLength: 20 }), fc.uint8Array({ maxLength: 20 })),
        async (digits, answer) => {
          const copy = typeof answer === 'string' ? answer : answer.slice();
          try {
            const pin = await createCallbackPinSource(() => answer).requestPin({ digits });
            expect(pin.length).toBe(digits);
            expect(typeof copy === 'string' ? ascii(pin) : [...pin]).toEqual(
              typeof copy === 'string' ? copy : [...copy],
            );
          } catch (error) {
            expect((error as EligibilityError).code).toBe('INVALID_MANUAL_ENTRY');
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
