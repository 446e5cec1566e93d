import { describe, expect, it } from 'vitest';
import { brandError, isOnshikitError } from '@onshikit/apdu';
import { EligibilityError, StoreError, isEligibilityError } from '@onshikit/eligibility';

describe('eligibility errors across copies of the package', () => {
  it('an error from the other build passes instanceof and isEligibilityError', () => {
    const foreign = Object.assign(new Error('[STORE_CLOSED]'), {
      code: 'STORE_CLOSED',
      messages: { ja: 'ja', en: 'en' },
      detail: {},
    });
    brandError(foreign, 'EligibilityError');
    brandError(foreign, 'StoreError');
    expect(foreign).toBeInstanceOf(EligibilityError);
    expect(foreign).toBeInstanceOf(StoreError);
    expect(isEligibilityError(foreign, 'STORE_CLOSED')).toBe(true);
  });

  it('a StoreError is an EligibilityError; a plain EligibilityError is no StoreError', () => {
    expect(new StoreError('STORE_CLOSED')).toBeInstanceOf(EligibilityError);
    expect(new EligibilityError('CARD_PIN_WRONG')).not.toBeInstanceOf(StoreError);
    expect(isOnshikitError(new StoreError('STORE_CLOSED'))).toBe(true);
    expect(isEligibilityError(new Error('x'))).toBe(false);
  });
});
