/**
 * Subpath entry `@onshikit/mynumber/conformance`: the transport conformance suite. It runs this
 * driver's real flows (detect, read a certificate, PIN status, VERIFY, sign, close) over any
 * `Transport` and checks them against the card behind it, so a transport package (PC/SC, BLE, a
 * relay) proves it carries the driver. Framework-agnostic and browser-safe: each case's `run`
 * throws a {@link ConformanceFailure} when the transport fails it.
 *
 * @example
 * ```ts
 * import { transportConformanceCases } from '@onshikit/mynumber/conformance';
 * for (const c of transportConformanceCases({ makeTransport })) it(c.name, c.run);
 * ```
 * @module
 */
export { transportConformanceCases, expectedCertificateReadCount } from './conformance/cases.js';
export { ConformanceFailure } from './conformance/check.js';
export type {
  ConformanceCard,
  ConformanceCase,
  ConformanceFixture,
  TransportConformanceOptions,
} from './conformance/types.js';
