import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StoreError } from '@onshikit/eligibility';
import type { CheckRecord } from '@onshikit/eligibility';
import { SqliteRececonStore } from '@onshikit/store-sqlite';
import { agreesWithReference, operations } from './support/model-check.js';

describe('SQLite store properties', () => {
  it('any sequence of operations answers like the reference memory store', async () => {
    await fc.assert(
      fc.asyncProperty(operations, (ops) => agreesWithReference(() => SqliteRececonStore.open({ filename: ':memory:' }), ops)),
      { numRuns: 200 },
    );
  });

  it('arbitrary input to every method is a StoreError or a valid answer, never an untyped throw', async () => {
    const store = SqliteRececonStore.open({ filename: ':memory:' });
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
      { numRuns: 300 },
    );
    await store.close();
  });
});
