/**
 * SimulatorError and PcscStackError carry a `detail` typed per code: a misspelt or missing key
 * does not compile, `hasCode` narrows, and every PcscStackError message built from any detail of
 * its code's type reads only keys that exist (no "undefined", no "[object Object]").
 */
import { isOnshikitError, type OnshikitError } from '@onshikit/apdu';
import {
  PcscStackError,
  type PcscStackErrorCode,
  type PcscStackErrorDetails,
  pcscStackErrorMessages,
  SimulatorError,
  type SimulatorErrorCode,
  type SimulatorErrorDetails,
  simulatorErrorMessages,
} from '@onshikit/simulator';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** Text a detail may carry; never the words the test looks for. */
const text = fc.string({ maxLength: 12 }).filter((s) => !s.includes('undefined') && !s.includes('[object'));
const pid = fc.option(fc.integer({ min: 1, max: 4_194_304 }), { nil: undefined });
const ms = fc.nat({ max: 600_000 });

/** One arbitrary per code, typed by the code's detail: a wrong key here does not compile. */
const stackDetails: { readonly [C in PcscStackErrorCode]: fc.Arbitrary<PcscStackErrorDetails[C]> } = {
  PCSC_STACK_MISSING: fc.constant({}),
  PCSC_STACK_RUNNING: fc.constant({}),
  PCSC_STACK_LOCKED: fc.record({ pid, lockPath: text, timeoutMs: ms }),
  PCSC_STACK_FOREIGN_PCSCD: fc.record({ pid, socket: text }),
  PCSC_STACK_NO_PORT: fc.record({ firstPort: fc.integer({ min: 1, max: 65_535 }) }),
  PCSC_STACK_PCSCD_FAILED: fc.record({
    exitCode: fc.option(fc.integer({ min: -1, max: 255 }), { nil: undefined }),
    output: text,
  }),
  PCSC_STACK_CARD_NOT_SEEN: fc.record({ timeoutMs: ms }),
};

const simulatorDetails: { readonly [C in SimulatorErrorCode]: fc.Arbitrary<SimulatorErrorDetails[C]> } = {
  CARD_PROFILE_INVALID: fc.record({ field: text, reason: text }),
};

const anyStack = fc.oneof(
  ...(Object.keys(stackDetails) as PcscStackErrorCode[]).map((code) =>
    (stackDetails[code] as fc.Arbitrary<PcscStackErrorDetails[PcscStackErrorCode]>).map((detail) => ({ code, detail })),
  ),
);

describe('PcscStackError detail typed per code', () => {
  it('every code has a detail arbitrary and both languages', () => {
    expect(Object.keys(stackDetails).sort()).toEqual(Object.keys(pcscStackErrorMessages).sort());
  });

  it('no message shows "undefined" or "[object Object]" for any detail of its code', () => {
    fc.assert(
      fc.property(anyStack, ({ code, detail }) => {
        const error = new PcscStackError(code, { detail });
        for (const message of [error.messages.ja, error.messages.en, error.message]) {
          expect(message, code).not.toContain('undefined');
          expect(message, code).not.toContain('[object Object]');
          expect(message.trim(), code).not.toBe('');
        }
        expect(/[\u3040-\u30ff\u4e00-\u9fff]/.test(error.messages.ja), code).toBe(true);
        expect(error.detail).toEqual(detail);
      }),
      { numRuns: 300 },
    );
  });

  it('a lock held by an unknown pid says so without "pid undefined"', () => {
    const error = new PcscStackError('PCSC_STACK_LOCKED', {
      detail: { pid: undefined, lockPath: '/tmp/onshikit-pcsc.lock', timeoutMs: 300_000 },
    });
    expect(error.message).toContain('Another PC/SC test stack holds /tmp/onshikit-pcsc.lock');
    expect(error.message).not.toContain('pid');
  });

  it('hasCode narrows, instanceof and the brand hold', () => {
    const error: unknown = new PcscStackError('PCSC_STACK_CARD_NOT_SEEN', { detail: { timeoutMs: 15_000 } });
    expect(isOnshikitError(error)).toBe(true);
    if (!(error instanceof PcscStackError) || !error.hasCode('PCSC_STACK_CARD_NOT_SEEN'))
      throw new Error('not narrowed');
    const timeout: number = error.detail.timeoutMs;
    expect(timeout).toBe(15_000);
    expect(error.hasCode('PCSC_STACK_MISSING')).toBe(false);
    // @ts-expect-error a misspelt key of a narrowed detail does not compile
    expect(error.detail.timeout).toBeUndefined();
  });

  it('a misspelt, missing or foreign key does not compile', () => {
    const build = [
      // @ts-expect-error a misspelt key
      () => new PcscStackError('PCSC_STACK_CARD_NOT_SEEN', { detail: { timeoutMS: 1 } }),
      // @ts-expect-error the detail is required for a code whose message reads values
      () => new PcscStackError('PCSC_STACK_NO_PORT'),
      // @ts-expect-error a code without values takes no keys
      () => new PcscStackError('PCSC_STACK_MISSING', { detail: { pid: 1 } }),
    ];
    for (const make of build) expect(make()).toBeInstanceOf(PcscStackError);
  });
});

describe('SimulatorError detail typed per code', () => {
  it('keeps its detail and its fixed messages for any field and reason', () => {
    expect(Object.keys(simulatorDetails)).toEqual(Object.keys(simulatorErrorMessages));
    fc.assert(
      fc.property(simulatorDetails.CARD_PROFILE_INVALID, (detail) => {
        const error = new SimulatorError('CARD_PROFILE_INVALID', detail);
        expect(error.detail).toEqual(detail);
        expect(`${error.messages.ja} ${error.messages.en}`).not.toMatch(/undefined|\[object Object\]/);
      }),
    );
  });

  it('hasCode narrows; a missing or misspelt key does not compile', () => {
    const error: unknown = new SimulatorError('CARD_PROFILE_INVALID', {
      field: 'pins.auth.value',
      reason: 'not 4 digits',
    });
    if (!(error instanceof SimulatorError) || !error.hasCode('CARD_PROFILE_INVALID')) throw new Error('not narrowed');
    const field: string = error.detail.field;
    expect(field).toBe('pins.auth.value');
    const typed: OnshikitError = error;
    expect(typed.code).toBe('CARD_PROFILE_INVALID');
    // @ts-expect-error the detail is required
    expect(new SimulatorError('CARD_PROFILE_INVALID').detail).toEqual({});
    // @ts-expect-error a misspelt key
    expect(new SimulatorError('CARD_PROFILE_INVALID', { feild: 'x', reason: 'y' }).code).toBe('CARD_PROFILE_INVALID');
  });
});
