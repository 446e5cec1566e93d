import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import { StoreError } from '@onshikit/eligibility';
import type { CheckRecord } from '@onshikit/eligibility';
import { PostgresRececonStore } from '@onshikit/store-postgres';
// The operation model is shared with the SQLite package's tests (same port, same reference).
import { agreesWithReference, operations } from '../../store-sqlite/test/support/model-check.js';
import { freshSchema } from './support/schemas.js';

const connectionString = inject('pgConnectionString');

describe('PostgreSQL store properties', () => {
  it('any sequence of operations answers like the reference memory store', async () => {
    await fc.assert(
      fc.asyncProperty(operations, (ops) => agreesWithReference(() => PostgresRececonStore.open({ connectionString, schema: freshSchema('model'), maxConnections: 1 }), ops)),
      { numRuns: process.env.ONSHIKIT_SLOW === '1' ? 80 : 30 },
    );
  }, 300_000);

  it('arbitrary input to every method is a StoreError or a valid answer, never an untyped throw', async () => {
    const store = await PostgresRececonStore.open({ connectionString, schema: freshSchema('any'), maxConnections: 1 });
    await fc.assert(
      fc.asyncProperty(fc.anything(), fc.anything(), async (a, b) => {
        for (const call of [
          () => store.saveCheck(a as CheckRecord),
          () => store.getCheck(a as string),
          () => store.listChecks(a as object),
          () => store.linkPatient(a as string, b as string, 'op'),
          () => store.appendAudit(a as never),
          () => store.listAudit(a as object),
          () => store.purgeOlderThan(a as string, b as string),
        ]) {
          try {
            await call();
          } catch (error) {
            expect(error).toBeInstanceOf(StoreError);
          }
        }
      }),
      { numRuns: 200 },
    );
    await store.close();
  }, 120_000);
});
