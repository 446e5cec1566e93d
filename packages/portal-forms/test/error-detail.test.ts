import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  addFormIssue,
  formMessage,
  PortalFormsError,
  portalFormsMessages,
  toFormErrors,
  validateInsurerNumber,
  type FormMessageFactory,
  type PortalFormsErrorCode,
  type PortalFormsErrorDetails,
} from '@onshikit/portal-forms';
import { fail } from '../src/errors.js';

// Compile-time checks: the package's `tsc --noEmit -p .` fails when an expected error disappears.
function compileTimeChecks(): void {
  new PortalFormsError('FORM_TOO_LONG', { detail: { maximum: 20 } });
  new PortalFormsError('FORM_DIGITS_ONLY', { position: 3 });
  new PortalFormsError('FORM_REQUIRED');
  fail('FORM_CHECK_DIGIT', { position: 7, detail: { expected: 2, actual: 3 } });
  formMessage('FORM_REQUIRED');
  // @ts-expect-error misspelt key (`maximun`)
  new PortalFormsError('FORM_TOO_LONG', { detail: { maximun: 20 } });
  // @ts-expect-error missing required key (`actual`)
  fail('FORM_CHECK_DIGIT', { position: 7, detail: { expected: 2 } });
  // @ts-expect-error missing options: the message needs values
  new PortalFormsError('FORM_DATE_FUTURE');
  // @ts-expect-error wrong value type
  fail('FORM_DATE_FUTURE', { detail: { today: new Date() } });
  // @ts-expect-error a code whose message has no position takes none
  fail('FORM_REQUIRED', { position: 1 });
  // @ts-expect-error a code without values takes no detail keys
  fail('FORM_FILE_EMPTY', { detail: { size: 0 } });
  // @ts-expect-error formMessage checks the detail too
  formMessage('FORM_FILE_TOO_LARGE', { size: 1 });
  const ctx = { addIssue: (): void => undefined };
  addFormIssue(ctx, 'FORM_DEVICE_COUNT', { detail: { minimum: 1, maximum: 10 } });
  // @ts-expect-error addFormIssue checks the detail of the code
  addFormIssue(ctx, 'FORM_DEVICE_COUNT', { detail: { min: 1, maximum: 10 } });

  // A catalogue factory reads only its code's keys.
  const catalogue: { readonly [C in PortalFormsErrorCode]: FormMessageFactory<PortalFormsErrorDetails[C]> } =
    portalFormsMessages;
  const tooLong: (typeof catalogue)['FORM_TOO_LONG'] = (d) => ({
    // @ts-expect-error FORM_TOO_LONG has no `maximun`
    ja: String(d.maximun),
    en: String(d.maximum),
  });
  void tooLong;

  const e: unknown = undefined;
  if (e instanceof PortalFormsError) {
    // @ts-expect-error `instanceof` narrows to the code union, not to `any`
    const wrong: 'NOT_A_CODE' = e.code;
    void wrong;
    // @ts-expect-error an unnarrowed detail has no key every code carries
    void e.detail.expected;
    if (e.hasCode('FORM_CHECK_DIGIT')) {
      const expected: number = e.detail.expected;
      void expected;
      // @ts-expect-error misspelt key after narrowing
      void e.detail.expectd;
    }
  }
  const r = validateInsurerNumber('x');
  if (!r.ok && r.error.hasCode('FORM_LENGTH')) {
    const actual: number = r.error.detail.actual;
    void actual;
  }
}
void compileTimeChecks;

const text = fc.string({ maxLength: 30 }).filter((s) => !/undefined|NaN|\[object/.test(s));
const int = fc.integer({ min: 0, max: 1_000_000_000 });
const position = fc.integer({ min: 0, max: 200 });
const none = fc.constant({});

/** Every code's detail as an arbitrary; typed per code, so a key the type lacks (or misses) fails to compile. */
const details: { readonly [C in PortalFormsErrorCode]: fc.Arbitrary<PortalFormsErrorDetails[C]> } = {
  FORM_REQUIRED: none,
  FORM_CHOICE_REQUIRED: none,
  FORM_INTEGER: none,
  FORM_TOO_LONG: fc.record({ maximum: int }),
  FORM_CONTROL_CHARACTER: fc.record({ position }, { requiredKeys: [] }),
  FORM_CHARACTERS: fc.record({ position, allowedJa: text, allowedEn: text }, { requiredKeys: [] }),
  FORM_DIGITS_ONLY: fc.record({ position }, { requiredKeys: [] }),
  FORM_LENGTH: fc.record({ expected: fc.oneof(int, fc.array(int, { minLength: 1, maxLength: 3 })), actual: int }),
  FORM_CHECK_DIGIT: fc.record(
    {
      position,
      expected: fc.integer({ min: 0, max: 9 }),
      actual: fc.integer({ min: 0, max: 9 }),
      labelJa: text,
      labelEn: text,
    },
    { requiredKeys: ['expected', 'actual'] },
  ),
  FORM_PREFECTURE_CODE: fc.record({ value: text, position }, { requiredKeys: ['value'] }),
  FORM_HOUBETSU_UNKNOWN: fc.record({ value: text, position }, { requiredKeys: ['value'] }),
  FORM_PHONE_PREFIX: fc.record({ prefix: text, position }, { requiredKeys: ['prefix'] }),
  FORM_PHONE_LENGTH: fc.record({ prefix: text, expected: int, actual: int }),
  FORM_PASSWORD_LENGTH: fc.record({ minimum: int, maximum: int, actual: int }),
  FORM_PASSWORD_UPPERCASE: none,
  FORM_PASSWORD_LOWERCASE: none,
  FORM_PASSWORD_DIGIT: none,
  FORM_PASSWORD_CHARACTERS: fc.record({ position }, { requiredKeys: [] }),
  FORM_PASSWORD_MISMATCH: none,
  FORM_AGREEMENT_REQUIRED: none,
  FORM_REGISTRATION_FORMAT: none,
  FORM_REGISTRATION_PREFIX_MISMATCH: fc.record({ actual: text, expected: text }),
  FORM_PRACTITIONER_NUMBER_REQUIRED: none,
  FORM_DATE_FORMAT: none,
  FORM_DATE_IMPOSSIBLE: fc.record({ year: int, month: int, day: int }),
  FORM_DATE_ERA_RANGE: fc.record({
    eraJa: text,
    eraEn: text,
    eraYear: fc.oneof(int, fc.constant('元')),
    month: int,
    day: int,
    start: text,
    end: text,
  }),
  FORM_DATE_OUT_OF_RANGE: fc.record({ minimum: text, maximum: text }),
  FORM_DATE_FUTURE: fc.record({ today: text }),
  FORM_STAFF_COUNT: none,
  FORM_DEVICE_COUNT: fc.record({ minimum: int, maximum: int }),
  FORM_FILE_REQUIRED: none,
  FORM_FILE_EMPTY: none,
  FORM_FILE_TOO_LARGE: fc.record({ size: int, maximum: int }),
  FORM_FILE_TYPE: none,
  FORM_FILE_UNREADABLE: none,
  FORM_ASYNC_REQUIRED: none,
};

const codes = Object.keys(portalFormsMessages) as PortalFormsErrorCode[];
const FAULT = /undefined|NaN|\[object Object\]/;

/** The run-time view of the typed constructor: any code with a detail of its own type. */
const build = PortalFormsError as unknown as new (
  code: PortalFormsErrorCode,
  options: { detail: Readonly<Record<string, unknown>> },
) => PortalFormsError;

describe('typed detail per portal-forms code', () => {
  it('the arbitraries cover exactly the catalogue', () => {
    expect(Object.keys(details).sort()).toEqual([...codes].sort());
  });

  for (const code of codes) {
    it(`${code}: the error and the zod issue show no undefined, NaN or [object Object] in either language`, () => {
      fc.assert(
        fc.property(details[code] as fc.Arbitrary<Readonly<Record<string, unknown>>>, (detail) => {
          const error = new build(code, { detail });
          expect(error.detail).toEqual(detail);
          for (const shown of [error.message, error.messages.ja, error.messages.en]) expect(shown).not.toMatch(FAULT);
          // The same values as a zod issue: the flat error list gives the same two messages.
          const schema = z.string().superRefine((_, ctx) => {
            addFormIssue(ctx, code as 'FORM_REQUIRED', { detail } as never);
          });
          const result = schema.safeParse('x');
          expect(result.success).toBe(false);
          if (!result.success) {
            const [first] = toFormErrors(result.error.issues);
            expect(first?.code).toBe(code);
            expect(first?.message).toEqual(error.messages);
          }
        }),
        { numRuns: 20 },
      );
    });
  }

  it('hasCode narrows only to the error’s own code; a failure carries the typed detail', () => {
    const r = validateInsurerNumber('01130013');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.hasCode('FORM_CHECK_DIGIT')).toBe(true);
    expect(r.error.hasCode('FORM_LENGTH')).toBe(false);
    if (r.error.hasCode('FORM_CHECK_DIGIT')) {
      expect(r.error.detail.expected).toBe(2);
      expect(r.error.detail.position).toBe(7);
    }
    expect(r.detail).toEqual(r.error.detail);
  });
});
