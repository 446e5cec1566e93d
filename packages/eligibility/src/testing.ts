// Test helpers for adapter authors: `@onshikit/eligibility/testing`.
export { receconStoreConformanceCases, sampleCheckRecord, sampleResultInput } from './store/conformance.js';
export type { FixtureOverrides, StoreConformanceCase, StoreFactory } from './store/conformance.js';
export { deterministicCheckRecord } from './store/test-records.js';
export { agreesWithReference, onlyStoreErrors } from './store/model-driver.js';
export type { StoreOperation } from './store/model-driver.js';
