/**
 * `@onshikit/eligibility/testing`: test helpers for the authors of `RececonStore` adapters: the
 * conformance cases every store must pass, the model driver that compares a store with the
 * reference `MemoryRececonStore` on random operations, and sample and deterministic records.
 *
 * The rule for this entry: a name is here when only a test or a benchmark uses it. What an
 * adapter's own source needs at run time is in `/store-kit`.
 * @module
 */
export { receconStoreConformanceCases, sampleCheckRecord, sampleResultInput } from './store/conformance.js';
export type { FixtureOverrides, StoreConformanceCase, StoreFactory } from './store/conformance.js';
export { deterministicCheckRecord } from './store/test-records.js';
export { agreesWithReference, onlyStoreErrors } from './store/model-driver.js';
export type { StoreOperation } from './store/model-driver.js';
