export { transportConformanceCases, expectedCertificateReadCount } from './cases.js';
export { ConformanceFailure } from './check.js';
export type { ConformanceCard, ConformanceCase, ConformanceFixture, TransportConformanceOptions } from './types.js';
