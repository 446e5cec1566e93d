/** Runs a bundled child script and collects its stdout lines; can kill it with SIGKILL. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

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
