import { buildEligibilityResult } from '@onshikit/eligibility';
import { PostgresRececonStore } from '@onshikit/store-postgres';
import { startTestPostgres } from '@onshikit/store-postgres/testing';

// Your clinic server's URL, or a private throwaway server (needs Debian's postgresql package).
const server = process.env.DATABASE_URL === undefined ? await startTestPostgres() : undefined;
const connectionString = process.env.DATABASE_URL ?? server?.connectionString ?? '';

// Every terminal opens the store; the first one creates the schema (advisory-locked migrations).
const desks = await Promise.all(
  ['desk-1', 'desk-2', 'desk-3'].map(() =>
    PostgresRececonStore.open({ connectionString, schema: 'rececon_demo', maxConnections: 2 }),
  ),
);

const result = buildEligibilityResult({
  validity: 1,
  checkDate: '2026-11-26',
  referenceClassification: 1,
  insurerNumber: '01130012',
  number: '1234',
  name: '山田 太郎',
  sex1: '1',
  birthDate: '1980-02-17',
});
const check = (desk: number) =>
  ({
    checkId: `desk${desk}-20261126-0001`,
    checkedAt: `2026-11-26T01:0${desk}:00.000Z`,
    operator: `op-${desk}`,
    terminalId: `desk-${desk}`,
    mode: 'pin',
    outcome: 'valid',
    insurerNumber: result.insurerNumber,
    result,
  }) as const;

// Three desks save at once; a retried save is a no-op.
console.log(await Promise.all(desks.map((store, i) => store.saveCheck(check(i + 1)))));
console.log(await desks[0]!.saveCheck(check(1))); // { created: false }

// 事後閲覧 from any desk: by insurer, newest first, 2 per page.
const first = await desks[2]!.listChecks({ insurerNumber: '01130012', limit: 2 });
const second = await desks[2]!.listChecks({ insurerNumber: '01130012', limit: 2, cursor: first.nextCursor });
console.log([...first.items, ...second.items].map((c) => `${c.terminalId} ${c.checkedAt}`));

await Promise.all(desks.map((store) => store.close()));
await server?.stop();
export const seen = first.items.length + second.items.length;
