import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { SimulatedCard } from '../card/simulated-card.js';
import { enableLoopbackQuickAck, loopbackQuickAckEnabled } from './loopback-quickack.js';
import { PcscStackError } from './pcsc-stack-error.js';
import {
  isProcessAlive,
  readStackLock,
  releaseStackLock,
  stackLockPath,
  tryAcquireStackLock,
  writeStackLock,
} from './stack-lock.js';
import { VpcdBridge, VPCD_DEFAULT_PORT } from './vpcd-bridge.js';

/** pcsc-lite's default client socket (pcscd 1.9.9 always binds it, toolchain.md). */
export const PCSCD_SOCKET = '/run/pcscd/pcscd.comm';
const PCSCD_PID_FILE = '/run/pcscd/pcscd.pid';
const VPCD_DRIVER = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';
/** Longer than pcscd's 400 ms presence poll for serial-style readers such as vpcd. */
const CARD_SWAP_GAP_MS = 900;

/** Options for {@link startPcscStack}. */
export interface PcscStackOptions {
  /** The card put into the virtual reader. */
  card: SimulatedCard;
  /** ATR the reader reports instead of `card.atr`. */
  atr?: Uint8Array;
  /** Insert the card right away (default true). */
  insertCard?: boolean;
  /** Name pcscd gives the reader, before its " 00 00" slot suffix. Default `Virtual PCD`. */
  friendlyName?: string;
  /** vpcd TCP port of the first slot. Default: a free port near {@link VPCD_DEFAULT_PORT}. */
  port?: number;
  /** Set `quickack 1` on the loopback route while running (root only). Default true. */
  quickAck?: boolean;
  /** How long to wait for another stack on this machine to finish. Default 300 s. */
  lockTimeoutMs?: number;
  /** How long pcscd may take to come up. Default 15 s. */
  startTimeoutMs?: number;
  /** pcscd executable. Default `pcscd` from PATH (`/usr/sbin` is added). */
  pcscdPath?: string;
}

/**
 * A private pcscd with a vpcd reader and a {@link VpcdBridge} holding a simulated card: the
 * real PC/SC stack (nfc-pcsc → pcscd → vpcd → card) for tests, benchmarks and demos.
 * Stop it with {@link PcscStack.stop} or `await using`.
 */
export interface PcscStack {
  /** Full PC/SC name of the reader holding the card, e.g. `Virtual PCD 00 00`. */
  readonly readerName: string;
  /** The second vpcd slot pcscd creates (always empty). */
  readonly emptyReaderName: string;
  /** The bridge (insert/remove the card, fault injection, APDU counts). */
  readonly bridge: VpcdBridge;
  /** Private reader.conf.d directory given to pcscd. */
  readonly configDir: string;
  /** True while the loopback route has `quickack 1` (fast APDUs). */
  readonly quickAck: boolean;
  /** pid of the running pcscd, undefined while it is stopped. */
  readonly pcscdPid: number | undefined;
  /** Puts the card (or another card) into the reader and waits until pcscd sees it. */
  insertCard(card?: SimulatedCard, options?: { signal?: AbortSignal }): Promise<void>;
  /** Takes the card out of the reader. */
  removeCard(): Promise<void>;
  /** Stops pcscd (as if the PC/SC service died); the bridge keeps trying to reconnect. */
  stopPcscd(): Promise<void>;
  /** Starts pcscd again after {@link stopPcscd} and waits for the reader (and card). */
  startPcscd(): Promise<void>;
  /** Stops everything this stack started and restores the loopback route. Idempotent. */
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

const live = new Set<() => void>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  const cleanupAll = (): void => {
    for (const cleanup of [...live]) cleanup();
  };
  process.on('exit', cleanupAll);
  // A test runner killed by a signal skips 'exit' hooks: clean up, then die by that signal.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      cleanupAll();
      process.kill(process.pid, signal);
    });
  }
}

function socketAccepts(target: string | number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = typeof target === 'number' ? connect(target, '127.0.0.1') : connect(target);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function pickPort(): Promise<number> {
  // vpcd listens on port and port + 1 (two slots).
  for (let port = VPCD_DEFAULT_PORT; port < VPCD_DEFAULT_PORT + 200; port += 2) {
    if ((await portIsFree(port)) && (await portIsFree(port + 1))) return port;
  }
  throw new PcscStackError('PCSC_STACK_NO_PORT', { detail: { firstPort: VPCD_DEFAULT_PORT } });
}

function runningPcscdPid(): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(PCSCD_PID_FILE, 'utf8').trim(), 10);
    return Number.isInteger(pid) && isProcessAlive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid)) return true;
    await delay(20);
  }
  return !isProcessAlive(pid);
}

async function killPid(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  if (!(await waitForExit(pid, 5000))) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    await waitForExit(pid, 2000);
  }
}

async function acquireLock(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const attempt = tryAcquireStackLock();
    if (attempt.acquired) {
      const stale = attempt.stale;
      if (stale?.pcscdPid && isProcessAlive(stale.pcscdPid)) await killPid(stale.pcscdPid);
      if (stale?.configDir) rmSync(stale.configDir, { recursive: true, force: true });
      return;
    }
    if (attempt.holder?.ownerPid === process.pid) {
      throw new PcscStackError('PCSC_STACK_RUNNING');
    }
    if (Date.now() > deadline) {
      throw new PcscStackError('PCSC_STACK_LOCKED', {
        detail: { pid: attempt.holder?.ownerPid, lockPath: stackLockPath(), timeoutMs },
      });
    }
    await delay(100);
  }
}

function which(executable: string): string | undefined {
  if (executable.includes('/')) return existsSync(executable) ? executable : undefined;
  for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/sbin', '/usr/local/sbin']) {
    if (dir && existsSync(path.join(dir, executable))) return path.join(dir, executable);
  }
  return undefined;
}

/**
 * Starts a private PC/SC stack: takes the machine-wide stack lock (waiting for another test
 * process to finish), refuses to run beside a pcscd it did not start, writes a reader.conf.d
 * that loads vpcd, starts `pcscd -f -c <dir>`, sets `quickack 1` on loopback (root), and
 * inserts `card` through a {@link VpcdBridge}. Every process it starts is stopped by
 * {@link PcscStack.stop}, by `await using`, and on process exit.
 *
 * ```ts
 * await using stack = await startPcscStack({ card: new VirtualMyNumberCard() });
 * const transport = await waitForCard({ timeout: 5000 }); // @onshikit/reader-pcsc
 * ```
 */
export async function startPcscStack(options: PcscStackOptions): Promise<PcscStack> {
  const pcscd = which(options.pcscdPath ?? 'pcscd');
  if (!pcscd || !existsSync(VPCD_DRIVER)) {
    throw new PcscStackError('PCSC_STACK_MISSING');
  }
  installExitHook();
  await acquireLock(options.lockTimeoutMs ?? 300_000);

  let configDir: string | undefined;
  let child: ChildProcess | undefined;
  let bridge: VpcdBridge | undefined;
  let quickAckRestore: () => void = () => {};
  let stopped = false;
  let output = '';

  const cleanupSync = (): void => {
    if (child?.pid && child.exitCode === null) {
      try {
        process.kill(child.pid, 'SIGTERM');
      } catch {
        /* gone */
      }
    }
    quickAckRestore();
    if (configDir) rmSync(configDir, { recursive: true, force: true });
    releaseStackLock();
  };
  live.add(cleanupSync);

  const friendlyName = options.friendlyName ?? 'Virtual PCD';
  const startTimeoutMs = options.startTimeoutMs ?? 15_000;

  const startDaemon = async (): Promise<void> => {
    output = '';
    // ONSHIKIT_PCSCD_DEBUG=1 shows pcscd's debug log (APDUs included) on stderr.
    const debug = process.env.ONSHIKIT_PCSCD_DEBUG === '1';
    const proc = spawn(pcscd, ['-f', ...(debug ? ['-d', '-a'] : []), '-c', path.join(configDir!, 'reader.conf.d')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (debug) {
      proc.stdout?.pipe(process.stderr);
      proc.stderr?.pipe(process.stderr);
    }
    child = proc;
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-4000);
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    writeStackLock({ ownerPid: process.pid, pcscdPid: proc.pid, configDir: configDir! });
    const deadline = Date.now() + startTimeoutMs;
    while (!((await socketAccepts(PCSCD_SOCKET)) && (await socketAccepts(port)))) {
      if (proc.exitCode !== null || Date.now() > deadline) {
        const exitCode = proc.exitCode ?? undefined;
        await stopDaemon();
        throw new PcscStackError('PCSC_STACK_PCSCD_FAILED', { detail: { exitCode, output } });
      }
      await delay(25);
    }
  };

  const stopDaemon = async (): Promise<void> => {
    const proc = child;
    child = undefined;
    if (proc?.pid && proc.exitCode === null) await killPid(proc.pid);
    writeStackLock({ ownerPid: process.pid, configDir: configDir! });
  };

  let port: number;
  try {
    const foreign = runningPcscdPid();
    if (foreign !== undefined || (await socketAccepts(PCSCD_SOCKET))) {
      throw new PcscStackError('PCSC_STACK_FOREIGN_PCSCD', { detail: { pid: foreign, socket: PCSCD_SOCKET } });
    }
    port = options.port ?? (await pickPort());
    configDir = mkdtempSync(path.join(tmpdir(), 'onshikit-pcscd-'));
    mkdirSync(path.join(configDir, 'reader.conf.d'));
    writeFileSync(
      path.join(configDir, 'reader.conf.d', 'vpcd'),
      `FRIENDLYNAME "${friendlyName}"\nDEVICENAME   /dev/null:0x${port.toString(16).toUpperCase()}\nLIBPATH      ${VPCD_DRIVER}\nCHANNELID    0x${port.toString(16).toUpperCase()}\n`,
    );
    if (options.quickAck !== false) quickAckRestore = enableLoopbackQuickAck().restore;
    await startDaemon();
    bridge = new VpcdBridge({ card: options.card, port, ...(options.atr ? { atr: options.atr } : {}) });
    if (options.insertCard !== false) {
      await bridge.insertCard();
      await cardSeenWithin(bridge.whenCardSeen(), startTimeoutMs);
    }
  } catch (error) {
    await bridge?.stop();
    // biome-ignore lint/plugin/no-swallowed-rejection: start-up already failed with the error rethrown below; stopping the daemon is best effort
    await stopDaemon().catch(() => {});
    cleanupSync();
    live.delete(cleanupSync);
    throw error;
  }
  const theBridge = bridge;
  const quickAck = loopbackQuickAckEnabled();

  const stack: PcscStack = {
    readerName: `${friendlyName} 00 00`,
    emptyReaderName: `${friendlyName} 00 01`,
    bridge: theBridge,
    configDir: configDir!,
    quickAck,
    get pcscdPid() {
      return child?.exitCode === null ? child.pid : undefined;
    },
    async insertCard(card, insertOptions = {}) {
      if (card && card !== theBridge.card && theBridge.state !== 'removed') {
        // A swap faster than pcscd's presence poll (~400 ms) goes unnoticed and leaves the
        // slot mute: take the old card out long enough for pcscd to see the slot empty.
        await theBridge.removeCard();
        await delay(CARD_SWAP_GAP_MS);
      }
      await theBridge.insertCard(card, insertOptions);
      await cardSeenWithin(theBridge.whenCardSeen(insertOptions.signal), startTimeoutMs);
    },
    async removeCard() {
      await theBridge.removeCard();
    },
    async stopPcscd() {
      await stopDaemon();
    },
    async startPcscd() {
      if (child) return;
      await startDaemon();
      if (theBridge.state === 'connecting' || theBridge.state === 'inserted') {
        await cardSeenWithin(theBridge.whenCardSeen(), startTimeoutMs);
      }
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await theBridge.stop();
      await stopDaemon();
      cleanupSync();
      live.delete(cleanupSync);
    },
    async [Symbol.asyncDispose]() {
      await stack.stop();
    },
  };
  return stack;
}

/** Waits for `promise`, or throws `PCSC_STACK_CARD_NOT_SEEN` after `ms`. */
async function cardSeenWithin<T>(promise: Promise<T>, ms: number): Promise<T> {
  const controller = new AbortController();
  try {
    return await Promise.race([
      promise,
      delay(ms, undefined, { signal: controller.signal }).then(() => {
        throw new PcscStackError('PCSC_STACK_CARD_NOT_SEEN', { detail: { timeoutMs: ms } });
      }),
    ]);
  } finally {
    controller.abort();
  }
}

/** The lock record of the stack currently running on this machine, if any (diagnostics). */
export function currentPcscStackOwner(): ReturnType<typeof readStackLock> {
  return readStackLock();
}

/**
 * Runs a PC/SC command-line client (opensc-tool, pkcs15-tool, pcsc_scan) against the stack,
 * asynchronously: the bridge answering the tool's APDUs lives in this process's event loop,
 * so a synchronous spawn would deadlock. 60 s limit by default.
 */
export function runPcscTool(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ status: null, stdout, stderr: stderr + String(error) });
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}
