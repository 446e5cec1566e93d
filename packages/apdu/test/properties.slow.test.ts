import { describe, it } from 'vitest';
import {
  arbitraryCommandBytes,
  arbitraryTlvBytes,
  commandRoundTrip,
  hexRoundTrip,
  tlvBerRoundTrip,
  tlvDerRoundTrip,
} from './properties/properties.js';

// Issue 2 §3: 1e5 runs over arbitrary input (ONSHIKIT_SLOW=1 only).
const RUNS = 100_000;
describe('properties (1e5 runs)', { timeout: 900_000 }, () => {
  it('arbitrary command/response bytes', () => arbitraryCommandBytes(RUNS));
  it('arbitrary and mutated TLV bytes', () => arbitraryTlvBytes(RUNS));
  it('hex', () => hexRoundTrip(RUNS));
  it('CommandApdu round trip', () => commandRoundTrip(RUNS / 10));
  it('TLV DER round trip', () => tlvDerRoundTrip(RUNS / 10));
  it('TLV BER round trip', () => tlvBerRoundTrip(RUNS / 10));
});
