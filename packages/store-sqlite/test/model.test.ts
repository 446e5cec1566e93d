import fc from 'fast-check';
import { describe, it } from 'vitest';
import { agreesWithReference, onlyStoreErrors } from '@onshikit/eligibility/testing';
import { SqliteRececonStore } from '@onshikit/store-sqlite';
import { operations } from '../../../test-support/stores/operations.js';

describe('SQLite store properties', () => {
  it('any sequence of operations answers like the reference memory store', async () => {
    await fc.assert(
      fc.asyncProperty(operations, (ops) =>
        agreesWithReference(() => SqliteRececonStore.open({ filename: ':memory:' }), ops),
      ),
      { numRuns: 200 },
    );
  });

  it('arbitrary input to every method is a StoreError or a valid answer, never an untyped throw', async () => {
    const store = SqliteRececonStore.open({ filename: ':memory:' });
    await fc.assert(
      fc.asyncProperty(fc.anything(), fc.anything(), (a, b) => onlyStoreErrors(store, a, b)),
      { numRuns: 300 },
    );
    await store.close();
  });
});
