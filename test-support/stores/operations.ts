/**
 * The fast-check arbitrary of port-operation sequences for the model property, shared by the
 * store packages' tests; the driver that runs them against the reference store is
 * `agreesWithReference` from `@onshikit/eligibility/testing` (which has no fast-check dependency).
 */
import fc from 'fast-check';
import type { StoreOperation } from '@onshikit/eligibility/testing';

const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'bad id!'];

const operation: fc.Arbitrary<StoreOperation> = fc.oneof(
  fc.record({
    op: fc.constant('save' as const),
    id: fc.constantFrom(...ids),
    minute: fc.integer({ min: 0, max: 5 }),
    patient: fc.option(fc.constantFrom('P-1', 'P-2'), { nil: undefined }),
    outcome: fc.constantFrom('valid' as const, 'not-found' as const),
    operator: fc.constantFrom('op-1', 'op-2', '', '123456789012'),
  }),
  fc.record({
    op: fc.constant('link' as const),
    id: fc.constantFrom(...ids),
    patient: fc.constantFrom('P-1', 'P-3', ''),
  }),
  fc.record({
    op: fc.constant('list' as const),
    limit: fc.integer({ min: 0, max: 4 }),
    from: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
    to: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
    patient: fc.option(fc.constantFrom('P-1', 'P-2', 'P-3'), { nil: undefined }),
    outcome: fc.option(fc.constantFrom('valid' as const, 'not-found' as const), { nil: undefined }),
  }),
  fc.record({ op: fc.constant('get' as const), id: fc.constantFrom(...ids) }),
  fc.record({ op: fc.constant('purge' as const), minute: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ op: fc.constant('audit' as const), checkId: fc.option(fc.constantFrom(...ids), { nil: undefined }) }),
);

/** The operations of one model run (1-25 port calls). */
export const operations = fc.array(operation, { minLength: 1, maxLength: 25 });
