/**
 * Runs bundled child scripts and collects their stdout lines; kills them with SIGKILL. Shared by
 * the SQLite and PostgreSQL store tests (writers print `ready`, then `saved <id> <created>`).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { expect } from 'vitest';

/** A running child. */
export interface RunningChild {
  readonly process: ChildProcess;
  readonly lines: string[];
  /** Resolves once the child printed `ready`. */
  readonly ready: Promise<void>;
  /** Resolves once `count` lines starting with `saved ` arrived (or the child ended). */
  savedAtLeast(count: number): Promise<void>;
  /** Resolves with the exit code or signal when the child ends. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Starts `node <script> ...args`. */
export function startChild(script: string, args: string[]): RunningChild {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let buffered = '';
  let stderr = '';
  let markReady: () => void = () => undefined;
  let saved = 0;
  const waiters: { count: number; resolve: () => void }[] = [];
  const wake = (all: boolean): void => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i];
      if (w !== undefined && (all || saved >= w.count)) {
        waiters.splice(i, 1);
        w.resolve();
      }
    }
  };
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      if (line === 'ready') markReady();
      if (line.startsWith('saved ')) saved++;
    }
    wake(false);
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    child.on('close', (code, signal) => {
      markReady();
      wake(true);
      resolve({ code, signal, stderr });
    });
  });
  const savedAtLeast = (count: number): Promise<void> =>
    saved >= count || child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => waiters.push({ count, resolve }));
  return { process: child, lines, ready, exited, savedAtLeast };
}

/** Ids acknowledged as committed (`saved <id> <created>` lines). */
export function savedIds(lines: readonly string[]): string[] {
  return lines.filter((l) => l.startsWith('saved ')).map((l) => l.split(' ')[1] ?? '');
}

/** What {@link killWritersAtRandomPoints} saw. */
export interface KillReport {
  /** Ids some writer acknowledged as committed before it died. */
  readonly acknowledged: Set<string>;
  /** Kills that landed after the writer's store was open (it printed `ready`). */
  readonly killedAfterReady: number;
}

/**
 * Issue 8 §2: `kills` writers, `parallel` at a time, each started by `start(name)` (a name unique
 * to the writer, to prefix its ids) and killed with SIGKILL at a random point. Asserts that every
 * writer died of the kill (its stderr is the message otherwise).
 */
export async function killWritersAtRandomPoints(
  kills: number,
  parallel: number,
  start: (name: string) => RunningChild,
): Promise<KillReport> {
  const acknowledged = new Set<string>();
  let killedAfterReady = 0;
  for (let round = 0; round < kills / parallel; round++) {
    const children = Array.from({ length: parallel }, (_, p) => start(`r${round}p${p}`));
    await Promise.all(
      children.map(async (child) => {
        // Most kills land in the save loop (after 0-4 acknowledged saves, then 0-8 ms later: inside
        // validation, the transaction, the fsync or between commit and acknowledgement); one in
        // ten lands while the store opens (recovery, migration).
        if (Math.random() < 0.9) await child.savedAtLeast(Math.floor(Math.random() * 5));
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 8));
        child.process.kill('SIGKILL');
        const exit = await child.exited;
        expect(exit.signal, exit.stderr).toBe('SIGKILL');
        for (const id of savedIds(child.lines)) acknowledged.add(id);
        if (child.lines.includes('ready')) killedAfterReady++;
      }),
    );
  }
  return { acknowledged, killedAfterReady };
}
