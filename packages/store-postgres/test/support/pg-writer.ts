/**
 * Child process for the PostgreSQL crash test: saves records in a loop, printing
 * `saved <id> <created>` after each commit. argv: <connectionString> <schema> <prefix> <count>
 */
import { PostgresRececonStore } from '@onshikit/store-postgres';
import { deterministicCheckRecord } from '@onshikit/eligibility/testing';

const [connectionString, schema, prefix, countText] = process.argv.slice(2);
if (connectionString === undefined || schema === undefined || prefix === undefined || countText === undefined)
  throw new Error('usage');
const store = await PostgresRececonStore.open({ connectionString, schema, maxConnections: 1 });
process.stdout.write('ready\n');
for (let i = 0; i < Number(countText); i++) {
  const id = `${prefix}-${i}`;
  const { created } = await store.saveCheck(deterministicCheckRecord(id));
  process.stdout.write(`saved ${id} ${created ? 1 : 0}\n`);
}
await store.close();
process.stdout.write('done\n');
