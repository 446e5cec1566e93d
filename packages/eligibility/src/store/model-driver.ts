/**
 * Model-based checking of a `RececonStore` adapter against the reference MemoryRececonStore:
 * the same sequence of port operations must give the same answers (records, pages and cursors,
 * audit entries apart from seq numbering and timestamps of non-check entries, error codes).
 * Framework-agnostic: generate {@link StoreOperation} sequences with any property-testing tool.
 */
import { StoreError } from '../errors.js';
import { sampleCheckRecord } from './conformance.js';
import { MemoryRececonStore } from './memory-store.js';
import type { CheckOutcome } from '../model/codes.js';
import type { AuditQuery, CheckQuery, CheckRecord, RececonStore } from './types.js';

/** One port call of a model run. Minutes are offsets from 2026-11-26T00:00Z. */
export type StoreOperation =
  | {
      readonly op: 'save';
      readonly id: string;
      readonly minute: number;
      readonly patient?: string | undefined;
      readonly outcome: CheckOutcome;
      readonly operator: string;
    }
  | { readonly op: 'link'; readonly id: string; readonly patient: string }
  | {
      readonly op: 'list';
      readonly limit: number;
      readonly from?: number | undefined;
      readonly to?: number | undefined;
      readonly patient?: string | undefined;
      readonly outcome?: CheckOutcome | undefined;
    }
  | { readonly op: 'get'; readonly id: string }
  | { readonly op: 'purge'; readonly minute: number }
  | { readonly op: 'audit'; readonly checkId?: string | undefined };

const minute = (m: number): string => new Date(Date.UTC(2026, 10, 26, 0, m, 0)).toISOString();

async function outcome<T>(run: () => Promise<T>): Promise<unknown> {
  try {
    return { ok: await run() };
  } catch (error) {
    if (error instanceof StoreError) return { error: error.code };
    throw error; // anything untyped fails the run
  }
}

async function apply(store: RececonStore, op: StoreOperation): Promise<unknown> {
  switch (op.op) {
    case 'save': {
      const record = sampleCheckRecord({
        checkId: op.id,
        checkedAt: minute(op.minute),
        patientId: op.patient,
        operator: op.operator,
        outcome: op.outcome,
      });
      const withoutResult =
        op.outcome === 'not-found' ? { ...record, result: undefined, insurerNumber: undefined } : record;
      // A JSON round trip drops the undefined keys, as a record arriving over the wire would.
      return outcome(() => store.saveCheck(JSON.parse(JSON.stringify(withoutResult)) as CheckRecord));
    }
    case 'link':
      return outcome(() => store.linkPatient(op.id, op.patient, 'op-9'));
    case 'get':
      return outcome(() => store.getCheck(op.id));
    case 'purge':
      return outcome(async () => (await store.purgeOlderThan(minute(op.minute), 'admin')).purged);
    case 'audit':
      return outcome(async () =>
        (await store.listAudit(op.checkId === undefined ? {} : { checkId: op.checkId })).map(
          ({ seq: _seq, at, ...rest }) => (rest.action === 'check' ? { at, ...rest } : rest),
        ),
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
      ? Object.fromEntries(
          Object.keys(v as object)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}

/**
 * Runs `ops` on a fresh adapter from `makeStore` and on a fresh MemoryRececonStore, and rejects
 * on the first operation whose answers differ (or that throws anything but a StoreError).
 * Closes both stores.
 *
 * @example
 * ```ts
 * await fc.assert(fc.asyncProperty(myOperationArbitrary, (ops) => agreesWithReference(() => openMyStore(), ops)));
 * ```
 */
export async function agreesWithReference(
  makeStore: () => Promise<RececonStore> | RececonStore,
  ops: readonly StoreOperation[],
): Promise<void> {
  const store = await makeStore();
  const reference = new MemoryRececonStore();
  try {
    for (const [i, op] of ops.entries()) {
      const actual = canonical(await apply(store, op));
      const expected = canonical(await apply(reference, op));
      if (actual !== expected)
        throw new Error(
          `operation #${i} ${JSON.stringify(op)} differs:\n  reference ${expected}\n  adapter   ${actual}`,
        );
    }
  } finally {
    await store.close();
    await reference.close();
  }
}

/**
 * Calls every port method of `store` with the arbitrary values `a` and `b` in argument places
 * and rejects with the first error that is not a StoreError: bad input must be typed, never a
 * crash. Answers are ignored.
 *
 * @example
 * ```ts
 * await fc.assert(fc.asyncProperty(fc.anything(), fc.anything(), (a, b) => onlyStoreErrors(store, a, b)));
 * ```
 */
export async function onlyStoreErrors(store: RececonStore, a: unknown, b: unknown): Promise<void> {
  const calls: [string, () => Promise<unknown>][] = [
    ['saveCheck', () => store.saveCheck(a as CheckRecord)],
    ['getCheck', () => store.getCheck(a as string)],
    ['listChecks', () => store.listChecks(a as CheckQuery)],
    ['linkPatient', () => store.linkPatient(a as string, b as string, 'op')],
    ['appendAudit', () => store.appendAudit(a as never)],
    ['listAudit', () => store.listAudit(a as AuditQuery)],
    ['purgeOlderThan', () => store.purgeOlderThan(a as string, b as string)],
  ];
  for (const [name, call] of calls) {
    try {
      await call();
    } catch (error) {
      if (!(error instanceof StoreError)) throw new Error(`${name} threw a non-StoreError`, { cause: error });
    }
  }
}
