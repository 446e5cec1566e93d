/**
 * Child process for the crash and concurrency tests: opens the store and saves records,
 * printing `saved <id>` after each commit (stdout is a pipe: synchronous on POSIX, so an
 * acknowledged id really was committed before the line was written).
 * argv: <filename> <prefix> <count> [sharedPrefix sharedCount]
 */
import { SqliteRececonStore } from '@onshikit/store-sqlite';
import { deterministicCheckRecord } from '@onshikit/eligibility/testing';

const [filename, prefix, countText, sharedPrefix, sharedCountText] = process.argv.slice(2);
if (filename === undefined || prefix === undefined || countText === undefined)
  throw new Error('usage: filename prefix count');
const store = SqliteRececonStore.open({ filename, busyTimeoutMs: 30_000 });
process.stdout.write('ready\n');
const count = Number(countText);
const sharedCount = Number(sharedCountText ?? 0);
// Interleave own and shared ids so the processes race on the shared ones (ids made lazily).
for (let i = 0; i < count; i++) {
  const ids = i < sharedCount ? [`${prefix}-${i}`, `${sharedPrefix ?? 'shared'}-${i}`] : [`${prefix}-${i}`];
  for (const id of ids) {
    const { created } = await store.saveCheck(deterministicCheckRecord(id));
    process.stdout.write(`saved ${id} ${created ? 1 : 0}\n`);
  }
}
await store.close();
process.stdout.write('done\n');
