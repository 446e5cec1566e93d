// pnpm --filter @onshikit/store-sqlite bench: saves per second and p99 latency of one save.
// Part 1 (tinybench, one writer in this process): FULL vs NORMAL durability vs the memory store.
// Part 2 (1, 4 and 20 writer processes on one file): throughput and p99 under contention.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Bench } from 'tinybench';
import { MemoryRececonStore } from '@onshikit/eligibility';
import type { RececonStore } from '@onshikit/eligibility';
import { deterministicCheckRecord } from '@onshikit/eligibility/testing';
import { SqliteRececonStore } from '@onshikit/store-sqlite';
import { bundleChild } from '../../../test-support/stores/child-bundle.js';

const time = Number(process.env.BENCH_TIME_MS ?? 2000);
const dir = mkdtempSync(path.join(tmpdir(), 'onshikit-sqlite-bench-'));
const template = deterministicCheckRecord('bench-template');

interface WriterOutput {
  count: number;
  started: number;
  ended: number;
  latencies: number[];
}

function p99(sorted: readonly number[]): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? Number.NaN;
}

try {
  console.log(`\n1 writer in-process (tinybench, ${time} ms per task)`);
  const stores: [string, RececonStore][] = [
    ['sqlite synchronous=FULL (default)', SqliteRececonStore.open({ filename: path.join(dir, 'full.db') })],
    [
      'sqlite synchronous=NORMAL',
      SqliteRececonStore.open({ filename: path.join(dir, 'normal.db'), synchronous: 'NORMAL' }),
    ],
    ['memory store (reference)', new MemoryRececonStore()],
  ];
  const bench = new Bench({ time, warmupTime: Math.min(300, time) });
  for (const [name, store] of stores) {
    let i = 0;
    bench.add(name, async () => {
      await store.saveCheck({ ...template, checkId: `b-${i++}` });
    });
  }
  await bench.run();
  const rate = (task: (typeof bench.tasks)[number]): { hz: number; p99: number } => {
    const r = task.result as unknown as { latency?: { mean: number; p99: number } };
    return { hz: r.latency === undefined ? 0 : 1000 / r.latency.mean, p99: r.latency?.p99 ?? Number.NaN };
  };
  const full = rate(bench.tasks[0]!).hz;
  console.table(
    bench.tasks.map((task) => {
      const { hz, p99: p } = rate(task);
      return {
        store: task.name,
        'saves/s': Math.round(hz).toLocaleString('en-US'),
        'p99 ms': p.toFixed(2),
        '× FULL': (hz / full).toFixed(1),
      };
    }),
  );
  for (const [, store] of stores) await store.close();

  console.log(`\nwriter processes on one file (synchronous=FULL, ${time} ms)`);
  const writer = await bundleChild(new URL('./writer.ts', import.meta.url), ['better-sqlite3']);
  const rows: Record<string, string>[] = [];
  let single = 0;
  for (const writers of [1, 4, 20]) {
    const filename = path.join(dir, `procs-${writers}.db`);
    await SqliteRececonStore.open({ filename }).close(); // schema first, so start-up is not measured
    const startAt = Date.now() + 1500 + writers * 150;
    const outputs = await Promise.all(
      Array.from(
        { length: writers },
        (_, w) =>
          new Promise<WriterOutput>((resolve, reject) => {
            const child = spawn(process.execPath, [writer, filename, `w${w}`, String(startAt), String(time), 'FULL'], {
              stdio: ['ignore', 'pipe', 'inherit'],
            });
            let out = '';
            child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
            child.on('close', (code) =>
              code === 0 ? resolve(JSON.parse(out) as WriterOutput) : reject(new Error(`writer exited ${code}`)),
            );
          }),
      ),
    );
    const total = outputs.reduce((sum, o) => sum + o.count, 0);
    const latencies = outputs.flatMap((o) => o.latencies).sort((a, b) => a - b);
    const span = Math.max(...outputs.map((o) => o.ended)) - Math.min(...outputs.map((o) => o.started));
    const perSecond = total / (span / 1000);
    if (writers === 1) single = perSecond;
    rows.push({
      writers: String(writers),
      saves: String(total),
      'saves/s': Math.round(perSecond).toLocaleString('en-US'),
      'p99 ms': p99(latencies).toFixed(2),
      '× 1 writer': (perSecond / single).toFixed(2),
    });
  }
  console.table(rows);
  rmSync(writer, { force: true });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
