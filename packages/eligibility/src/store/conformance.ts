/**
 * The framework-agnostic conformance suite of the `RececonStore` port: every adapter (memory,
 * SQLite, PostgreSQL) must pass all cases. Each case makes a fresh store through the factory
 * and closes it. Run them from any test framework:
 * `for (const c of receconStoreConformanceCases(make)) it(c.name, c.run)`.
 * @module
 */
import { StoreError } from '../errors.js';
import { validateEligibilityResult } from '../model/validate-result.js';
import type { EligibilityResultInput } from '../model/result.js';
import type { CheckRecord, RececonStore } from './types.js';

/** One conformance case. */
export interface StoreConformanceCase {
  readonly name: string;
  readonly run: () => Promise<void>;
}

/** Makes a fresh, empty store for one case. */
export type StoreFactory = () => RececonStore | Promise<RececonStore>;

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`conformance: ${message}`);
}

function same(actual: unknown, expected: unknown, message: string): void {
  const a = JSON.stringify(sortKeys(actual));
  const e = JSON.stringify(sortKeys(expected));
  if (a !== e) throw new Error(`conformance: ${message}\n  expected ${e}\n  actual   ${a}`);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

async function rejectsWith(promise: () => Promise<unknown>, code: string, message: string): Promise<void> {
  try {
    await promise();
  } catch (error) {
    assert(error instanceof StoreError, `${message}: expected StoreError, got ${String(error)}`);
    assert(error.code === code, `${message}: expected ${code}, got ${error.code}`);
    return;
  }
  throw new Error(`conformance: ${message}: expected rejection with ${code}`);
}

/** Fields to replace in a fixture; a field set to `undefined` is dropped. */
export type FixtureOverrides<T> = { [K in keyof T]?: T[K] | undefined };

/** `{ ...base, ...overrides }` without the keys whose value is `undefined`. */
function merge<T extends object>(base: T, overrides: FixtureOverrides<T>): T {
  const merged: Record<string, unknown> = { ...base, ...overrides };
  for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
  return merged as T;
}

/** A valid result for fixtures: 協会けんぽ-style numbers, half-width kana as the service sends. */
export function sampleResultInput(overrides: FixtureOverrides<EligibilityResultInput> = {}): EligibilityResultInput {
  return merge<EligibilityResultInput>(
    {
      validity: 1,
      checkDate: '2026-11-26',
      referenceClassification: 1,
      insuredCardClassification: '01',
      insurerNumber: '01130012',
      insurerName: '全国健康保険協会 東京支部',
      symbol: '12345678',
      number: '1234',
      branch: '01',
      personalFamily: '1',
      insuredName: '山田 太郎',
      name: '山田 太郎',
      nameKana: 'ﾔﾏﾀﾞ ﾀﾛｳ',
      sex1: '1',
      birthDate: '1980-02-17',
      qualificationDate: '2010-04-01',
      cardValidFrom: '2010-04-01',
    },
    overrides,
  );
}

/** A valid check record for fixtures (`overrides` replace fields; pass `result: undefined` to drop it). */
export function sampleCheckRecord(overrides: FixtureOverrides<CheckRecord> = {}): CheckRecord {
  const result = validateEligibilityResult(sampleResultInput());
  const base: CheckRecord = {
    checkId: 'chk-0001',
    checkedAt: '2026-11-26T01:02:03.000Z',
    operator: 'op-1',
    terminalId: 'desk-1',
    mode: 'visual',
    outcome: 'valid',
    insurerNumber: result.insurerNumber,
    certificate: { serial: '0a1b2c3d', notAfter: '2030-02-17T14:59:59.000Z' },
    result,
  };
  return merge(base, overrides);
}

function at(minute: number): string {
  return new Date(Date.UTC(2026, 10, 26, 0, minute, 0)).toISOString();
}

/** Returns the conformance cases for a store factory. */
export function receconStoreConformanceCases(makeStore: StoreFactory): StoreConformanceCase[] {
  const withStore = (name: string, body: (store: RececonStore) => Promise<void>): StoreConformanceCase => ({
    name,
    run: async () => {
      const store = await makeStore();
      try {
        await body(store);
      } finally {
        await store.close();
      }
    },
  });

  return [
    withStore('saves a check and reads it back unchanged', async (store) => {
      const record = sampleCheckRecord();
      const saved = await store.saveCheck(record);
      assert(saved.created, 'first save must create');
      same(await store.getCheck(record.checkId), record, 'read back equals saved');
      assert((await store.getCheck('chk-unknown')) === undefined, 'unknown id gives undefined');
    }),

    withStore('saving the same checkId twice keeps one row and one audit entry', async (store) => {
      const record = sampleCheckRecord();
      assert((await store.saveCheck(record)).created, 'first save creates');
      const again = await store.saveCheck({ ...record, operator: 'op-2' });
      assert(!again.created, 'second save must not create');
      const page = await store.listChecks({});
      assert(page.items.length === 1, `one row, got ${page.items.length}`);
      assert(page.items[0]?.operator === 'op-1', 'the first write wins');
      const audit = await store.listAudit({ checkId: record.checkId });
      assert(audit.length === 1, `one check audit entry, got ${audit.length}`);
      const entry = audit[0];
      assert(
        entry?.action === 'check' && entry.actor === 'op-1' && entry.mode === 'visual' && entry.outcome === 'valid',
        'audit names who, mode and outcome',
      );
      assert(entry.detail?.certificateSerial === '0a1b2c3d', 'audit keeps the certificate serial');
    }),

    withStore('rejects bad records with STORE_INVALID_RECORD and stores nothing', async (store) => {
      const good = sampleCheckRecord();
      const bad: unknown[] = [
        { ...good, checkId: '' },
        { ...good, checkId: undefined },
        { ...good, checkedAt: '2026-13-01T00:00:00Z' },
        { ...good, checkedAt: 'yesterday' },
        { ...good, mode: 'telepathy' },
        { ...good, outcome: 'maybe' },
        { ...good, operator: '123456789012' },
        { ...good, result: { ...good.result, name: 'あ'.repeat(101) } },
        { ...good, result: { ...good.result, name: undefined } },
        { ...good, result: { ...good.result, birthDate: '1980-02-30' } },
        { ...good, result: { ...good.result, insurerNumber: '1234' } },
        { ...good, insurerNumber: '99999999' },
        { ...good, certificate: { serial: 'ZZ', notAfter: good.certificate?.notAfter } },
        null,
        'record',
      ];
      for (const [i, record] of bad.entries()) {
        await rejectsWith(() => store.saveCheck(record as CheckRecord), 'STORE_INVALID_RECORD', `bad record #${i}`);
      }
      assert((await store.listChecks({})).items.length === 0, 'nothing stored');
      assert((await store.listAudit({})).length === 0, 'nothing audited');
    }),

    withStore('keeps names, half-width kana and the derived burden ratio exactly', async (store) => {
      const result = validateEligibilityResult(
        sampleResultInput({
          name: '髙橋 𠮷子',
          nameKana: 'ﾀｶﾊｼ ﾖｼｺ',
          sex1: '2',
          birthDate: '1954-05-02',
          elderlyRecipient: { ratioPercent: 20, validFrom: '2024-06-01' },
        }),
      );
      const record = sampleCheckRecord({ checkId: 'chk-kana', result, insurerNumber: result.insurerNumber });
      await store.saveCheck(record);
      const back = await store.getCheck('chk-kana');
      same(back?.result, result, 'result document round trip');
      assert(back?.result?.burdenRatio.percent === 20, 'burden ratio kept');
    }),

    withStore('lists by date range: from inclusive, to exclusive, newest first', async (store) => {
      for (let i = 0; i < 5; i += 1)
        await store.saveCheck(sampleCheckRecord({ checkId: `chk-${i}`, checkedAt: at(i * 10) }));
      const page = await store.listChecks({ from: at(10), to: at(40) });
      same(
        page.items.map((c) => c.checkId),
        ['chk-3', 'chk-2', 'chk-1'],
        'range [10, 40) newest first',
      );
      assert(page.nextCursor === undefined, 'no next page');
    }),

    withStore('lists by patient, insurer and outcome', async (store) => {
      const other = validateEligibilityResult(
        sampleResultInput({
          insurerNumber: '39131156',
          symbol: undefined,
          personalFamily: undefined,
          lateElderlyRatioPercent: 10,
          birthDate: '1945-01-01',
        }),
      );
      await store.saveCheck(sampleCheckRecord({ checkId: 'a', checkedAt: at(1), patientId: 'P-1' }));
      await store.saveCheck(
        sampleCheckRecord({
          checkId: 'b',
          checkedAt: at(2),
          patientId: 'P-2',
          result: other,
          insurerNumber: other.insurerNumber,
        }),
      );
      await store.saveCheck(
        sampleCheckRecord({
          checkId: 'c',
          checkedAt: at(3),
          outcome: 'not-found',
          result: undefined,
          insurerNumber: undefined,
        }),
      );
      same(
        (await store.listChecks({ patientId: 'P-1' })).items.map((c) => c.checkId),
        ['a'],
        'by patient',
      );
      same(
        (await store.listChecks({ insurerNumber: '39131156' })).items.map((c) => c.checkId),
        ['b'],
        'by insurer',
      );
      same(
        (await store.listChecks({ outcome: 'not-found' })).items.map((c) => c.checkId),
        ['c'],
        'by outcome',
      );
      const noResult = await store.getCheck('c');
      assert(
        noResult !== undefined && noResult.result === undefined && noResult.insurerNumber === undefined,
        'a check without result keeps no result',
      );
    }),

    withStore('paginates with a cursor without gaps or duplicates (ties ordered by checkId)', async (store) => {
      const ids: string[] = [];
      for (let i = 0; i < 7; i += 1) {
        const id = `chk-${String(i).padStart(2, '0')}`;
        ids.push(id);
        // Two records share each timestamp to exercise the tie-break.
        await store.saveCheck(sampleCheckRecord({ checkId: id, checkedAt: at(Math.floor(i / 2)) }));
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.listChecks(cursor === undefined ? { limit: 3 } : { limit: 3, cursor });
        seen.push(...page.items.map((c) => c.checkId));
        cursor = page.nextCursor;
        pages += 1;
        assert(pages < 10, 'pagination terminates');
      } while (cursor !== undefined);
      same(seen, [...ids].reverse(), 'all ids once, newest first');
      assert(pages === 3, `3 pages, got ${pages}`);
    }),

    withStore('links a check to a patient id, audited; unknown ids are STORE_NOT_FOUND', async (store) => {
      await store.saveCheck(sampleCheckRecord());
      await store.linkPatient('chk-0001', 'P-42', 'op-2');
      assert((await store.getCheck('chk-0001'))?.patientId === 'P-42', 'patient linked');
      same(
        (await store.listChecks({ patientId: 'P-42' })).items.map((c) => c.checkId),
        ['chk-0001'],
        'found by patient',
      );
      const audit = await store.listAudit({ checkId: 'chk-0001' });
      assert(
        audit.some((a) => a.action === 'link-patient' && a.actor === 'op-2'),
        'link audited',
      );
      await rejectsWith(() => store.linkPatient('chk-none', 'P-1', 'op-2'), 'STORE_NOT_FOUND', 'unknown check');
    }),

    withStore('audit trail is append-only, ordered, filtered, and refuses secrets', async (store) => {
      const first = await store.appendAudit({ at: at(1), actor: 'op-1', action: 'unlock', outcome: 'ok' });
      const second = await store.appendAudit({
        at: at(2),
        actor: 'op-1',
        action: 'unlock-failed',
        outcome: 'UNLOCK_FAILED',
        detail: { attempts: 2 },
      });
      assert(second.seq > first.seq, 'seq increases');
      same(
        (await store.listAudit({ afterSeq: first.seq })).map((a) => a.seq),
        [second.seq],
        'afterSeq filter',
      );
      await rejectsWith(
        () =>
          store.appendAudit({
            at: at(3),
            actor: 'op-1',
            action: 'view',
            outcome: 'ok',
            detail: { note: 'number 123456789012' },
          }),
        'STORE_INVALID_RECORD',
        'individual-number-like detail',
      );
      await rejectsWith(
        () => store.appendAudit({ at: 'now', actor: 'op-1', action: 'view', outcome: 'ok' }),
        'STORE_INVALID_RECORD',
        'bad timestamp',
      );
      assert((await store.listAudit({})).length === 2, 'rejected entries are not stored');
      const s = store as unknown as Record<string, unknown>;
      assert(typeof s.deleteAudit !== 'function' && typeof s.updateAudit !== 'function', 'no audit update/delete API');
    }),

    withStore('purges checks older than the cutoff, keeps the rest and audits the purge', async (store) => {
      for (let i = 0; i < 4; i += 1)
        await store.saveCheck(sampleCheckRecord({ checkId: `chk-${i}`, checkedAt: at(i) }));
      const { purged, audit } = await store.purgeOlderThan(at(2), 'admin');
      assert(purged === 2, `purged 2, got ${purged}`);
      assert(audit.action === 'purge' && audit.actor === 'admin' && audit.detail?.purged === 2, 'purge audit entry');
      same(
        (await store.listChecks({})).items.map((c) => c.checkId),
        ['chk-3', 'chk-2'],
        'newer kept',
      );
      const trail = await store.listAudit({});
      assert(trail.filter((a) => a.action === 'check').length === 4, 'check audit entries survive the purge');
      assert(trail[trail.length - 1]?.action === 'purge', 'purge is the last entry');
      await rejectsWith(() => store.purgeOlderThan('last year', 'admin'), 'STORE_INVALID_QUERY', 'bad cutoff');
    }),

    withStore('rejects bad queries with STORE_INVALID_QUERY', async (store) => {
      await rejectsWith(() => store.listChecks({ limit: 0 }), 'STORE_INVALID_QUERY', 'limit 0');
      await rejectsWith(() => store.listChecks({ limit: 501 }), 'STORE_INVALID_QUERY', 'limit 501');
      await rejectsWith(() => store.listChecks({ cursor: 'garbage' }), 'STORE_INVALID_QUERY', 'bad cursor');
      await rejectsWith(() => store.listChecks({ from: '2026-02-30T00:00:00Z' }), 'STORE_INVALID_QUERY', 'bad from');
      await rejectsWith(() => store.getCheck('bad id!'), 'STORE_INVALID_QUERY', 'bad id');
    }),

    {
      name: 'a closed store rejects every call with STORE_CLOSED',
      run: async () => {
        const store = await makeStore();
        await store.close();
        await store.close();
        await rejectsWith(() => store.saveCheck(sampleCheckRecord()), 'STORE_CLOSED', 'save after close');
        await rejectsWith(() => store.listChecks({}), 'STORE_CLOSED', 'list after close');
      },
    },
  ];
}
