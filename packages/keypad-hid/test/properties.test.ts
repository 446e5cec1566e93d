import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BootReportDecoder, classifyUsage, KeypadError, keypadErrorMessages, PinCollector } from '@onshikit/keypad-hid';
import type { KeypadErrorCode } from '@onshikit/keypad-hid';
import { bootReport, keypadDigits, typeKeys } from '@onshikit/keypad-hid/testing';

describe('boot report decoder and PIN collector properties', () => {
  it('typing any digit string then Enter yields exactly those digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,16}$/), (digits) => {
        const decoder = new BootReportDecoder();
        const collector = new PinCollector({ digits: digits.length });
        let pin: Uint8Array | undefined;
        for (const report of typeKeys(...keypadDigits(digits), 0x58)) {
          for (const usage of decoder.keyDowns(report)) pin = collector.press(classifyUsage(usage)).pin ?? pin;
        }
        expect(pin && new TextDecoder().decode(pin)).toBe(digits);
      }),
      { numRuns: 300 },
    );
  });

  it('rollover: with keys overlapping (next down before previous up) the digits come in key-down order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        (digits, overlaps) => {
          const usages = keypadDigits(digits.join(''));
          const reports: Uint8Array[] = [];
          let held: number[] = [];
          usages.forEach((usage, i) => {
            // A key already held cannot go down again: release everything first in that case.
            if (held.includes(usage) || !overlaps[i]) {
              held = [];
              reports.push(bootReport());
            }
            held = [...held.slice(-4), usage];
            reports.push(bootReport(...held));
            if (overlaps[i] && held.length > 1) {
              held = held.slice(1); // the previous key goes up while this one is held
              reports.push(bootReport(...held));
            }
          });
          reports.push(bootReport(), bootReport(0x58), bootReport());
          const decoder = new BootReportDecoder();
          const collector = new PinCollector({ digits: digits.length });
          let pin: Uint8Array | undefined;
          for (const report of reports)
            for (const usage of decoder.keyDowns(report)) pin = collector.press(classifyUsage(usage)).pin ?? pin;
          expect(pin && new TextDecoder().decode(pin)).toBe(digits.join(''));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('arbitrary reports never throw, never yield more digits than asked, and events carry no digit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.uint8Array({ minLength: 0, maxLength: 12 }), { maxLength: 60 }),
        fc.option(fc.integer({ min: 0, max: 255 }), { nil: undefined }),
        (digits, reports, reportId) => {
          const decoder = new BootReportDecoder(reportId);
          const collector = new PinCollector({ digits, acceptNavigationKeys: true });
          for (const report of reports) {
            for (const usage of decoder.keyDowns(report)) {
              const step = collector.press(classifyUsage(usage));
              expect(collector.count).toBeLessThanOrEqual(digits);
              for (const event of step.events)
                expect(Object.keys(event).every((k) => ['type', 'count', 'digits'].includes(k))).toBe(true);
              if (step.pin !== undefined) {
                expect(step.pin.length).toBe(digits);
                expect([...step.pin].every((b) => b >= 0x30 && b <= 0x39)).toBe(true);
              }
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('every usage 0x00-0xFF classifies without throwing; digits map to 0-9', () => {
    for (let usage = 0; usage < 256; usage++) {
      const key = classifyUsage(usage);
      if (key.kind === 'digit' || key.kind === 'navigation') expect(key.digit).toBeGreaterThanOrEqual(0);
    }
    expect(classifyUsage(0x62)).toEqual({ kind: 'digit', digit: 0 });
    expect(classifyUsage(0x27)).toEqual({ kind: 'digit', digit: 0 });
    expect(classifyUsage(0x59)).toEqual({ kind: 'digit', digit: 1 });
  });

  it('every error code has a Japanese and an English message', () => {
    for (const code of Object.keys(keypadErrorMessages) as KeypadErrorCode[]) {
      const error = new KeypadError(code, { detail: { seconds: 60, reason: 'x', selector: 'y' } });
      expect(error.messages.ja.length).toBeGreaterThan(0);
      expect(error.messages.en.length).toBeGreaterThan(0);
      expect(error.code).toBe(code);
    }
  });
});
