import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EligibilityError,
  StoreError,
  eligibilityErrorMessages,
  isEligibilityError,
  type EligibilityErrorCode,
  type EligibilityErrorDetails,
} from '@onshikit/eligibility';

// Compile-time checks: `tsc --noEmit -p .` (the package's typecheck) fails when an expected error disappears.
function compileTimeChecks(): void {
  new EligibilityError('XML_INVALID_VALUE', { detail: { element: 'Birthdate', reason: 'not a date' } });
  new EligibilityError('SERVICE_ABORTED');
  new EligibilityError('SERVICE_TIMEOUT');
  new StoreError('STORE_NOT_FOUND', { detail: { checkId: 'c1' } });
  // @ts-expect-error misspelt key (`elemnt`)
  new EligibilityError('XML_INVALID_VALUE', { detail: { elemnt: 'Birthdate', reason: 'not a date' } });
  // @ts-expect-error missing required key (`element`)
  new EligibilityError('XML_MISSING_ELEMENT', { detail: {} });
  // @ts-expect-error missing options: the code's detail has required keys
  new EligibilityError('STORE_NOT_FOUND');
  // @ts-expect-error a code without values takes no detail keys
  new EligibilityError('CARD_PIN_BLOCKED', { detail: { triesLeft: 0 } });
  // @ts-expect-error detail values are strings, numbers or booleans (the message prints them)
  new EligibilityError('CHECK_FAILED', { detail: { reason: { nested: true } } });
  // @ts-expect-error wrong value type
  new EligibilityError('UNLOCK_RATE_LIMITED', { detail: { retryAfterMs: '5s' } });
  // @ts-expect-error a StoreError carries STORE_* codes only
  new StoreError('XML_MALFORMED', { detail: { reason: 'x' } });
  // @ts-expect-error misspelt StoreError key
  new StoreError('STORE_FAILED', { detail: { operaton: 'open' } });

  const e: unknown = undefined;
  if (e instanceof EligibilityError) {
    // @ts-expect-error `instanceof` narrows to the code union, not to `any`
    const wrong: 'NOT_A_CODE' = e.code;
    void wrong;
    // @ts-expect-error an unnarrowed detail has no key every code carries
    void e.detail.reason;
    if (e.hasCode('XML_INVALID_VALUE')) {
      const element: string | undefined = e.detail.element;
      const reason: string = e.detail.reason;
      void element;
      void reason;
      // @ts-expect-error misspelt key after narrowing
      void e.detail.elemnt;
    }
  }
  if (isEligibilityError(e, 'UNLOCK_RATE_LIMITED')) {
    const ms: number = e.detail.retryAfterMs;
    void ms;
    // @ts-expect-error misspelt key after narrowing by isEligibilityError
    void e.detail.retryAfter;
  }
  if (e instanceof StoreError && e.hasCode('STORE_NOT_FOUND')) {
    const checkId: string = e.detail.checkId;
    void checkId;
    // @ts-expect-error misspelt key on a narrowed StoreError
    void e.detail.checkID;
  }
}
void compileTimeChecks;

/** Strings that cannot fake the faults the run-time check looks for. */
const text = fc.string({ maxLength: 40 }).filter((s) => !s.includes('undefined') && !s.includes('[object'));
const num = fc.integer({ min: -1_000_000, max: 1_000_000 });
const none = fc.constant({});

/** Every code's detail as an arbitrary; typed per code, so a key the type lacks (or misses) fails to compile. */
const details: { readonly [C in EligibilityErrorCode]: fc.Arbitrary<EligibilityErrorDetails[C]> } = {
  CARD_PIN_BLOCKED: none,
  CARD_PIN_WRONG: none,
  CARD_NOT_MYNUMBER: fc.record({ kind: text }),
  CERTIFICATE_EXPIRED: none,
  CERTIFICATE_MISSING: fc.record({ reason: text }, { requiredKeys: [] }),
  PIN_MODE_UNAVAILABLE: none,
  LAST_TRY_DECLINED: none,
  VISUAL_REJECTED: none,
  SESSION_LOCKED: none,
  CHECK_CANCELLED: fc.record({ step: text }, { requiredKeys: [] }),
  CHECK_FAILED: fc.record({ reason: text }),
  INVALID_MANUAL_ENTRY: fc.record({ field: text, reason: text }),
  INVALID_EVENT: fc.record(
    { action: text, state: text, reason: text, index: text, from: text, to: text },
    { requiredKeys: [] },
  ),
  REGISTRATION_CONSENT_REQUIRED: none,
  REGISTRATION_INPUT_INVALID: fc.record({ field: text }),
  REGISTRATION_PIN_UNUSABLE: none,
  REGISTRATION_NOT_AVAILABLE: none,
  REGISTRATION_FAILED: fc.record({ reason: text }, { requiredKeys: [] }),
  RESULT_INVALID: fc.record({ field: text, reason: text }),
  XML_MALFORMED: fc.record({ reason: text, line: num, column: num, length: num }, { requiredKeys: ['reason'] }),
  XML_MISSING_ELEMENT: fc.record({ element: text }),
  XML_INVALID_VALUE: fc.record({ element: text, reason: text, position: num }, { requiredKeys: ['reason'] }),
  XML_UNSUPPORTED_ENCODING: fc.record({ encoding: text }),
  TEXT_IMPORT_INVALID: fc.record({ field: text, reason: text }, { requiredKeys: ['reason'] }),
  SERVICE_TIMEOUT: fc.record({ timeoutMs: num, status: num }, { requiredKeys: [] }),
  SERVICE_UNAVAILABLE: fc.record({ reason: text, status: num }, { requiredKeys: [] }),
  SERVICE_REJECTED: fc.record({ reason: text, file: text, status: num }, { requiredKeys: [] }),
  SERVICE_UNAUTHORIZED: fc.record({ status: num }, { requiredKeys: [] }),
  SERVICE_BAD_RESPONSE: fc.record({ reason: text, status: num, limit: num, field: text }, { requiredKeys: [] }),
  SERVICE_PROCESSING_ERROR: fc.record({ code: text, message: text }, { requiredKeys: [] }),
  SERVICE_ABORTED: none,
  FILE_LINK_IO: fc.record({ operation: text, reason: text, code: text, pid: num }, { requiredKeys: ['operation'] }),
  STORE_INVALID_RECORD: fc.record({ field: text, reason: text }),
  STORE_INVALID_QUERY: fc.record({ field: text, reason: text }),
  STORE_NOT_FOUND: fc.record({ checkId: text }),
  STORE_CLOSED: none,
  STORE_FAILED: fc.record({ operation: text, reason: text }, { requiredKeys: ['operation'] }),
  SETTINGS_INVALID: fc.record({ field: text, reason: text }, { requiredKeys: ['field'] }),
  SETTINGS_DECRYPT_FAILED: none,
  UNLOCK_FAILED: fc.record({ reason: text, method: text, failures: num }, { requiredKeys: [] }),
  UNLOCK_RATE_LIMITED: fc.record({ retryAfterMs: num }),
  OPERATOR_PASSWORD_WEAK: fc.record({ reason: text }),
};

const codes = Object.keys(eligibilityErrorMessages) as EligibilityErrorCode[];

/** Builds the error of `code` with `detail`: the run-time view of what the typed constructor accepts. */
function build(code: EligibilityErrorCode, detail: Readonly<Record<string, unknown>>): EligibilityError {
  const make = (code.startsWith('STORE_') ? StoreError : EligibilityError) as unknown as new (
    code: EligibilityErrorCode,
    options: { detail: Readonly<Record<string, unknown>> },
  ) => EligibilityError;
  return new make(code, { detail });
}

describe('typed detail per eligibility code', () => {
  it('the arbitraries cover exactly the catalogue', () => {
    expect(Object.keys(details).sort()).toEqual([...codes].sort());
  });

  for (const code of codes) {
    it(`${code}: messages and the error text never show undefined or [object Object]`, () => {
      fc.assert(
        fc.property(details[code] as fc.Arbitrary<Readonly<Record<string, unknown>>>, (detail) => {
          const error = build(code, detail);
          expect(error.code).toBe(code);
          expect(error.detail).toEqual(detail);
          for (const shown of [error.message, error.messages.ja, error.messages.en]) {
            expect(shown).not.toContain('undefined');
            expect(shown).not.toContain('[object Object]');
          }
          for (const [key, value] of Object.entries(detail)) expect(error.message).toContain(`${key}=${String(value)}`);
        }),
        { numRuns: 25 },
      );
    });
  }

  it('hasCode narrows only to the error’s own code; isEligibilityError checks the code', () => {
    const error: unknown = new EligibilityError('XML_INVALID_VALUE', { detail: { element: 'A/B', reason: 'not 0/1' } });
    expect(error instanceof EligibilityError && error.hasCode('XML_INVALID_VALUE')).toBe(true);
    expect(error instanceof EligibilityError && error.hasCode('XML_MALFORMED')).toBe(false);
    if (error instanceof EligibilityError && error.hasCode('XML_INVALID_VALUE'))
      expect(error.detail.element).toBe('A/B');
    expect(isEligibilityError(error, 'XML_INVALID_VALUE')).toBe(true);
    expect(isEligibilityError(error, 'XML_MALFORMED')).toBe(false);
    const store = new StoreError('STORE_NOT_FOUND', { detail: { checkId: 'c1' } });
    expect(store.hasCode('STORE_NOT_FOUND') && store.detail.checkId).toBe('c1');
    expect(store.hasCode('STORE_CLOSED')).toBe(false);
  });

  it('a code without detail has an empty detail', () => {
    expect(new EligibilityError('SERVICE_ABORTED').detail).toEqual({});
    expect(new StoreError('STORE_CLOSED').message).toBe(`[STORE_CLOSED] ${eligibilityErrorMessages.STORE_CLOSED.en}`);
  });
});
