import { describe, it } from 'vitest';
import {
  arbitraryCommandBytes,
  arbitraryTlvBytes,
  commandRoundTrip,
  hexRoundTrip,
  tlvBerRoundTrip,
  tlvDerRoundTrip,
} from './properties/properties.js';

// Modest run counts here; test/properties.slow.test.ts runs the same properties 1e5 times.
describe('properties', () => {
  it('CommandApdu: encode/decode round trip for any valid APDU', () => commandRoundTrip(300));
  it('CommandApdu/ResponseApdu: arbitrary bytes decode or throw ApduError, views share the buffer', () =>
    arbitraryCommandBytes(1000));
  it('TLV: DER trees round trip through the writer and reader', () => tlvDerRoundTrip(300));
  it('TLV: BER trees with indefinite and non-minimal lengths round trip', () => tlvBerRoundTrip(300));
  it('TLV: arbitrary and mutated bytes decode or throw ApduError, views share the buffer', () =>
    arbitraryTlvBytes(1000));
  it('hex: round trip and arbitrary strings', () => hexRoundTrip(500));
});
