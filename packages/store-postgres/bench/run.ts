// pnpm --filter @onshikit/store-postgres bench: saves per second and p99 latency of one save
// with 1, 4 and 20 writers (separate connections, as terminals). Uses DATABASE_URL when set,
// otherwise starts a private server (Debian's postgresql package) and stops it afterwards.
import { Bench } from 'tinybench';
import { PostgresRececonStore } from '@onshikit/store-postgres';
import { startTestPostgres } from '@onshikit/store-postgres/testing';
import { deterministicCheckRecord } from '@onshikit/eligibility/testing';

const time = Number(process.env.BENCH_TIME_MS ?? 2000);
const server = process.env.DATABASE_URL === undefined ? await startTestPostgres() : undefined;
const connectionString = process.env.DATABASE_URL ?? server?.connectionString ?? '';
const template = deterministicCheckRecord('bench-template');
const run = `b${Date.now().toString(36)}`;

function p99(sorted: readonly number[]): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? Number.NaN;
}

try {
  console.log(`\n1 writer (tinybench, ${time} ms)`);
  const single = await PostgresRececonStore.open({ connectionString, schema: `${run}_single`, maxConnections: 1 });
  const bench = new Bench({ time, warmupTime: Math.min(300, time) });
  let i = 0;
  bench.add('postgres saveCheck (1 connection)', async () => {
    await single.saveCheck({ ...template, checkId: `s-${i++}` });
  });
  await bench.run();
  const r = bench.tasks[0]?.result as unknown as { latency: { mean: number; p99: number } };
  console.table([
    {
      task: bench.tasks[0]?.name,
      'saves/s': Math.round(1000 / r.latency.mean).toLocaleString('en-US'),
      'p99 ms': r.latency.p99.toFixed(2),
    },
  ]);
  await single.close();

  console.log(`\nconcurrent writers, one connection each (${time} ms)`);
  const rows: Record<string, string>[] = [];
  let one = 0;
  for (const writers of [1, 4, 20]) {
    const schema = `${run}_w${writers}`;
    const stores = await Promise.all(
      Array.from({ length: writers }, () => PostgresRececonStore.open({ connectionString, schema, maxConnections: 1 })),
    );
    const latencies: number[] = [];
    let saves = 0;
    const started = performance.now();
    const end = started + time;
    await Promise.all(
      stores.map(async (store, w) => {
        for (let n = 0; performance.now() < end; n++) {
          const t0 = performance.now();
          await store.saveCheck({ ...template, checkId: `w${w}-${n}` });
          latencies.push(performance.now() - t0);
          saves++;
        }
      }),
    );
    const perSecond = saves / ((performance.now() - started) / 1000);
    if (writers === 1) one = perSecond;
    latencies.sort((a, b) => a - b);
    rows.push({
      writers: String(writers),
      saves: String(saves),
      'saves/s': Math.round(perSecond).toLocaleString('en-US'),
      'p99 ms': p99(latencies).toFixed(2),
      '× 1 writer': (perSecond / one).toFixed(2),
    });
    await Promise.all(stores.map((s) => s.close()));
  }
  console.table(rows);
} finally {
  await server?.stop();
}
