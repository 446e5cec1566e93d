/**
 * One bench writer process: waits for the common start time, saves checks for `durationMs`,
 * then prints `{"count":n,"latencies":[ms…]}`. argv: <filename> <prefix> <startAt> <durationMs> <FULL|NORMAL>
 */
import { SqliteRececonStore } from '@onshikit/store-sqlite';
import { deterministicCheckRecord } from '@onshikit/eligibility/testing';

const [filename, prefix, startAtText, durationText, sync] = process.argv.slice(2);
if (filename === undefined || prefix === undefined) throw new Error('usage');
const store = SqliteRececonStore.open({
  filename,
  synchronous: sync === 'NORMAL' ? 'NORMAL' : 'FULL',
  busyTimeoutMs: 60_000,
});
const startAt = Number(startAtText);
const records = Array.from({ length: 64 }, (_, i) => deterministicCheckRecord(`${prefix}-template-${i}`));
while (Date.now() < startAt) await new Promise((resolve) => setTimeout(resolve, 1));
// A writer that starts late (a loaded machine) still runs its full duration; the parent divides
// by the span from the first start to the last end.
const started = Date.now();
const end = started + Number(durationText);
const latencies: number[] = [];
for (let i = 0; Date.now() < end; i++) {
  const template = records[i % records.length];
  if (template === undefined) break;
  const t0 = performance.now();
  await store.saveCheck({ ...template, checkId: `${prefix}-${i}` });
  latencies.push(performance.now() - t0);
}
await store.close();
process.stdout.write(
  `${JSON.stringify({ count: latencies.length, started, ended: Date.now(), latencies: latencies.map((l) => Math.round(l * 1000) / 1000) })}\n`,
);
