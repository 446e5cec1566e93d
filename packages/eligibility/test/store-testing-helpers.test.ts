import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryRececonStore } from '@onshikit/eligibility';
import type { CheckPage, CheckQuery, CheckRecord } from '@onshikit/eligibility';
import { agreesWithReference, deterministicCheckRecord, onlyStoreErrors } from '@onshikit/eligibility/testing';
import type { StoreOperation } from '@onshikit/eligibility/testing';

const everyOperation: StoreOperation[] = [
  { op: 'save', id: 'a', minute: 1, patient: 'P-1', outcome: 'valid', operator: 'op-1' },
  { op: 'save', id: 'b', minute: 2, outcome: 'not-found', operator: 'op-2' },
  { op: 'save', id: 'bad id!', minute: 2, outcome: 'valid', operator: 'op-1' },
  { op: 'link', id: 'b', patient: 'P-3' },
  { op: 'list', limit: 1 },
  { op: 'list', limit: 3, from: 0, to: 6, patient: 'P-1', outcome: 'valid' },
  { op: 'get', id: 'a' },
  { op: 'audit' },
  { op: 'audit', checkId: 'b' },
  { op: 'purge', minute: 2 },
  { op: 'get', id: 'a' },
];

/** A store that loses the last check of every page: what the model run must catch. */
class LossyStore extends MemoryRececonStore {
  override async listChecks(query?: CheckQuery): Promise<CheckPage> {
    const page = await super.listChecks(query);
    return { ...page, items: page.items.slice(0, -1) };
  }
}

/** A store that crashes on a bad id instead of answering with a StoreError. */
class CrashingStore extends MemoryRececonStore {
  override async getCheck(checkId: string): Promise<CheckRecord | undefined> {
    if (typeof checkId !== 'string') throw new TypeError('not a string');
    return super.getCheck(checkId);
  }
}

describe('deterministicCheckRecord', () => {
  it('rebuilds the same valid record from the same id, and a store returns it as saved', async () => {
    const store = new MemoryRececonStore();
    for (const id of ['t0-1', 'shared-7', 'r3p2-0042']) {
      expect(deterministicCheckRecord(id)).toEqual(deterministicCheckRecord(id));
      expect((await store.saveCheck(deterministicCheckRecord(id))).created).toBe(true);
      expect(await store.getCheck(id)).toEqual(deterministicCheckRecord(id));
    }
    expect(deterministicCheckRecord('t0-1')).not.toEqual({ ...deterministicCheckRecord('t0-2'), checkId: 't0-1' });
  });
});

describe('agreesWithReference', () => {
  it('accepts the reference store itself on every kind of operation', async () => {
    await expect(agreesWithReference(() => new MemoryRececonStore(), everyOperation)).resolves.toBeUndefined();
  });

  it('names the first operation whose answer differs', async () => {
    await expect(agreesWithReference(() => new LossyStore(), everyOperation)).rejects.toThrow(
      /operation #4 .*"op":"list".* differs/,
    );
  });
});

describe('onlyStoreErrors', () => {
  it('passes a store that answers any input with a StoreError or a value', async () => {
    const store = new MemoryRececonStore();
    await fc.assert(
      fc.asyncProperty(fc.anything(), fc.anything(), (a, b) => onlyStoreErrors(store, a, b)),
      { numRuns: 200 },
    );
  });

  it('rejects a store that throws an untyped error, naming the method', async () => {
    await expect(onlyStoreErrors(new CrashingStore(), 42, 'x')).rejects.toThrow('getCheck threw a non-StoreError');
  });
});
