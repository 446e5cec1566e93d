import { describe, expect, it } from 'vitest';
import { checkDigitOf, hasValidCheckDigit } from '@onshikit/portal-forms';

describe('check digit, exhaustive', () => {
  it('generator and validator agree for all 10^7 seven-digit bodies', () => {
    let failures = 0;
    for (let n = 0; n < 10_000_000; n++) {
      const body = String(n).padStart(7, '0');
      const digit = checkDigitOf(body);
      if (!hasValidCheckDigit(body + String(digit))) failures++;
      if (hasValidCheckDigit(body + String((digit + 1) % 10))) failures++;
    }
    expect(failures).toBe(0);
  }, 600_000);
});
