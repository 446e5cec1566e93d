import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EligibilityError } from '@onshikit/eligibility';
import {
  decodeEligibilityRequest,
  decodeEligibilityResponse,
  encodeEligibilityResponse,
} from '@onshikit/eligibility/xml';
import { jpText, responseArbitrary } from './support/arbitraries.js';

describe('XmlMsg codec (slow)', () => {
  it('arbitrary bytes never throw anything untyped (1e5 runs)', { timeout: 300_000 }, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        for (const decode of [decodeEligibilityResponse, decodeEligibilityRequest]) {
          try {
            decode(bytes);
          } catch (error) {
            if (!(error instanceof EligibilityError)) throw error;
          }
        }
      }),
      { numRuns: 100_000 },
    );
  });
  it('round trip (5000 runs)', { timeout: 300_000 }, () => {
    fc.assert(
      fc.property(responseArbitrary(jpText), (response) => {
        expect(decodeEligibilityResponse(encodeEligibilityResponse(response))).toEqual(response);
      }),
      { numRuns: 5000 },
    );
  });
});
