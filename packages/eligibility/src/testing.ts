// Test helpers for adapter authors: `@onshikit/eligibility/testing`.
export { receconStoreConformanceCases, sampleCheckRecord, sampleResultInput } from './store/conformance.js';
export type { StoreConformanceCase, StoreFactory } from './store/conformance.js';
