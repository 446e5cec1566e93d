import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildEligibilityResult } from '@onshikit/eligibility';
import { SqliteRececonStore } from '@onshikit/store-sqlite';

const store = SqliteRececonStore.open({
  filename: path.join(mkdtempSync(path.join(tmpdir(), 'rececon-')), 'checks.db'),
});

const result = buildEligibilityResult({
  validity: 1,
  checkDate: '2026-11-26',
  referenceClassification: 1,
  insurerNumber: '01130012',
  number: '1234',
  branch: '01',
  name: '山田 太郎',
  nameKana: 'ﾔﾏﾀﾞ ﾀﾛｳ',
  sex1: '1',
  birthDate: '1980-02-17',
});
const check = {
  checkId: 'desk1-20261126-0001', // chosen before querying: a retried save never makes a second row
  checkedAt: '2026-11-26T01:02:03.000Z',
  operator: 'op-1',
  mode: 'visual',
  outcome: 'valid',
  insurerNumber: result.insurerNumber,
  certificate: { serial: '0a1b2c3d', notAfter: '2030-02-17T14:59:59.000Z' },
  result,
} as const;

console.log(await store.saveCheck(check)); // { created: true }
console.log(await store.saveCheck(check)); // { created: false }: idempotent by checkId
await store.linkPatient(check.checkId, 'P-0042', 'op-1');

// 事後閲覧: by date range, patient or insurer, newest first, one page at a time.
const page = await store.listChecks({
  from: '2026-11-26T00:00:00Z',
  to: '2026-11-27T00:00:00Z',
  patientId: 'P-0042',
  limit: 20,
});
console.log(
  page.items.map((c) => `${c.checkedAt} ${c.result?.name} ${c.outcome}`),
  page.nextCursor,
);

const trail = await store.listAudit({ checkId: check.checkId });
console.log(trail.map((a) => `${a.seq} ${a.action} by ${a.actor}: ${a.outcome}`)); // check, link-patient

const { purged, audit } = await store.purgeOlderThan('2026-06-01T00:00:00Z', 'admin'); // retention
console.log(purged, audit.action);
await store.close();
export const listed = page.items.length;
export const actions = trail.map((a) => a.action);
