/**
 * Model-based property shared by the store packages: random sequences of port operations run
 * against an adapter and against the reference MemoryRececonStore must give the same answers
 * (same records, pages, cursors, audit entries apart from seq numbering, same error codes).
 */
import fc from 'fast-check';
import { MemoryRececonStore, StoreError } from '@onshikit/eligibility';
import type { CheckQuery, RececonStore } from '@onshikit/eligibility';
import { sampleCheckRecord } from '@onshikit/eligibility/testing';

const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'bad id!'];
const minute = (m: number): string => new Date(Date.UTC(2026, 10, 26, 0, m, 0)).toISOString();

const operation = fc.oneof(
  fc.record({
    op: fc.constant('save' as const),
    id: fc.constantFrom(...ids),
    minute: fc.integer({ min: 0, max: 5 }),
    patient: fc.option(fc.constantFrom('P-1', 'P-2'), { nil: undefined }),
    outcome: fc.constantFrom('valid' as const, 'not-found' as const),
    operator: fc.constantFrom('op-1', 'op-2', '', '123456789012'),
  }),
  fc.record({ op: fc.constant('link' as const), id: fc.constantFrom(...ids), patient: fc.constantFrom('P-1', 'P-3', '') }),
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

/** The operations of one run. */
export const operations = fc.array(operation, { minLength: 1, maxLength: 25 });
export type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

async function outcome<T>(run: () => Promise<T>): Promise<unknown> {
  try {
    return { ok: await run() };
  } catch (error) {
    if (error instanceof StoreError) return { error: error.code };
    throw error; // anything untyped fails the property
  }
}

async function apply(store: RececonStore, op: Operation): Promise<unknown> {
  switch (op.op) {
    case 'save': {
      const record = sampleCheckRecord({ checkId: op.id, checkedAt: minute(op.minute), patientId: op.patient, operator: op.operator, outcome: op.outcome });
      const withoutResult = op.outcome === 'not-found' ? { ...record, result: undefined, insurerNumber: undefined } : record;
      return outcome(() => store.saveCheck(JSON.parse(JSON.stringify(withoutResult)) as typeof record));
    }
    case 'link':
      return outcome(() => store.linkPatient(op.id, op.patient, 'op-9'));
    case 'get':
      return outcome(() => store.getCheck(op.id));
    case 'purge':
      return outcome(async () => (await store.purgeOlderThan(minute(op.minute), 'admin')).purged);
    case 'audit':
      return outcome(async () =>
        (await store.listAudit(op.checkId === undefined ? {} : { checkId: op.checkId })).map(({ seq: _seq, at, ...rest }) => (rest.action === 'check' ? { at, ...rest } : rest)),
      );
    case 'list': {
      // Walk every page, following cursors, so pagination is compared too.
      return outcome(async () => {
        const query: CheckQuery = {
          limit: op.limit,
          ...(op.from === undefined ? {} : { from: minute(op.from) }),
          ...(op.to === undefined ? {} : { to: minute(op.to) }),
          ...(op.patient === undefined ? {} : { patientId: op.patient }),
          ...(op.outcome === undefined ? {} : { outcome: op.outcome }),
        };
        const pages: unknown[] = [];
        let cursor: string | undefined;
        do {
          const page = await store.listChecks(cursor === undefined ? query : { ...query, cursor });
          pages.push(page);
          cursor = page.nextCursor;
        } while (cursor !== undefined && pages.length < 20);
        return pages;
      });
    }
  }
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, (v as Record<string, unknown>)[k]]))
      : v,
  );
}

/** Runs `ops` on a fresh adapter and on the reference store; throws on the first difference. */
export async function agreesWithReference(makeStore: () => Promise<RececonStore> | RececonStore, ops: readonly Operation[]): Promise<void> {
  const store = await makeStore();
  const reference = new MemoryRececonStore();
  try {
    for (const [i, op] of ops.entries()) {
      const actual = canonical(await apply(store, op));
      const expected = canonical(await apply(reference, op));
      if (actual !== expected) throw new Error(`operation #${i} ${JSON.stringify(op)} differs:\n  reference ${expected}\n  adapter   ${actual}`);
    }
  } finally {
    await store.close();
    await reference.close();
  }
}
