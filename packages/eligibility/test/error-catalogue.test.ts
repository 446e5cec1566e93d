import { describe, expect, it } from 'vitest';
import { EligibilityError, StoreError, eligibilityErrorMessages } from '@onshikit/eligibility';
import type { EligibilityErrorCode } from '@onshikit/eligibility';

describe('error catalogue', () => {
  it('has a non-empty ja and en message for every code', () => {
    const codes = Object.keys(eligibilityErrorMessages) as EligibilityErrorCode[];
    expect(codes.length).toBeGreaterThan(30);
    for (const code of codes) {
      const m = eligibilityErrorMessages[code];
      expect(m.ja.trim(), code).not.toBe('');
      expect(m.en.trim(), code).not.toBe('');
      expect(m.ja, code).not.toBe(m.en);
      const error = new EligibilityError(code);
      expect(error.code).toBe(code);
      expect(error.messages).toBe(m);
    }
  });
  it('StoreError is an EligibilityError with detail in the message', () => {
    const error = new StoreError('STORE_INVALID_RECORD', { detail: { field: 'checkId' } });
    expect(error).toBeInstanceOf(EligibilityError);
    expect(error.name).toBe('StoreError');
    expect(error.message).toContain('field=checkId');
  });
});
