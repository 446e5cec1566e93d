import fc from 'fast-check';
import { describe, inject, it } from 'vitest';
import { agreesWithReference, onlyStoreErrors } from '@onshikit/eligibility/testing';
import { PostgresRececonStore } from '@onshikit/store-postgres';
// The operation arbitrary is shared with the SQLite package's tests (same port, same reference).
import { operations } from '../../../test-support/stores/operations.js';
import { freshSchema } from './support/schemas.js';

const connectionString = inject('pgConnectionString');

describe('PostgreSQL store properties', () => {
  it('any sequence of operations answers like the reference memory store', async () => {
    await fc.assert(
      fc.asyncProperty(operations, (ops) =>
        agreesWithReference(
          () => PostgresRececonStore.open({ connectionString, schema: freshSchema('model'), maxConnections: 1 }),
          ops,
        ),
      ),
      { numRuns: process.env.ONSHIKIT_SLOW === '1' ? 80 : 30 },
    );
  }, 300_000);

  it('arbitrary input to every method is a StoreError or a valid answer, never an untyped throw', async () => {
    const store = await PostgresRececonStore.open({ connectionString, schema: freshSchema('any'), maxConnections: 1 });
    await fc.assert(
      fc.asyncProperty(fc.anything(), fc.anything(), (a, b) => onlyStoreErrors(store, a, b)),
      { numRuns: 200 },
    );
    await store.close();
  }, 120_000);
});
