/**
 * Loads `smartcard` (tomkp, N-API) for the binding benchmark without making it a dependency:
 * it is installed on demand with npm into a cache folder (a devDependency would put its native
 * build into every `pnpm install`). Nothing here is used by the package itself.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The version measured; override with `ONSHIKIT_SMARTCARD_VERSION`. */
export const SMARTCARD_VERSION = process.env.ONSHIKIT_SMARTCARD_VERSION ?? '3.7.0';

/** The slice of smartcard's low-level API the benchmark uses (from its README and `dist/lib/*.d.ts`). */
export interface SmartcardCard {
  readonly protocol: number;
  transmit(command: Buffer | number[], options?: { maxRecvLength?: number }): Promise<Buffer>;
  /** Synchronous: SCardDisconnect runs on the JavaScript thread. */
  disconnect(disposition?: number): void;
}

/** A reader from `Context.listReaders()`. */
export interface SmartcardReader {
  readonly name: string;
  connect(shareMode?: number, protocol?: number): Promise<SmartcardCard>;
}

/** One event from the native `ReaderMonitor` thread. */
export interface SmartcardMonitorEvent {
  type: 'reader-attached' | 'reader-detached' | 'card-inserted' | 'card-removed' | 'error';
  reader: string;
  state: number;
}

/** The module. */
export interface SmartcardModule {
  /** `cancel()` ends a pending `waitForChange` (SCardCancel); `close()` releases the context. */
  Context: new () => { listReaders(): SmartcardReader[]; cancel(): void; close(): void };
  ReaderMonitor: new () => { start(callback: (event: SmartcardMonitorEvent) => void): void; stop(): void };
  SCARD_SHARE_SHARED: number;
  SCARD_SHARE_EXCLUSIVE: number;
  SCARD_PROTOCOL_T0: number;
  SCARD_PROTOCOL_T1: number;
  SCARD_LEAVE_CARD: number;
  SCARD_UNPOWER_CARD: number;
}

/** The module, or why it could not be had. */
export type SmartcardPeer =
  | { ok: true; module: SmartcardModule; version: string; dir: string }
  | { ok: false; reason: string };

const here = path.dirname(fileURLToPath(import.meta.url));

/** Cache folder: `ONSHIKIT_SMARTCARD_CACHE`, else `node_modules/.cache/smartcard-bench` of this package. */
export function smartcardCacheDir(): string {
  return process.env.ONSHIKIT_SMARTCARD_CACHE ?? path.join(here, '..', 'node_modules', '.cache', 'smartcard-bench');
}

/**
 * Installs `smartcard@SMARTCARD_VERSION` into the cache folder unless it is there already
 * (its install script compiles the addon with node-gyp: libpcsclite-dev and a C++ compiler on
 * Linux, ~30 s), then loads it. `ONSHIKIT_BENCH_NO_INSTALL=1` never installs.
 */
export function loadSmartcard(log: (line: string) => void = console.log): SmartcardPeer {
  const dir = smartcardCacheDir();
  const pkgDir = path.join(dir, 'node_modules', 'smartcard');
  const addon = path.join(pkgDir, 'build', 'Release', 'smartcard_napi.node');
  const installedVersion = (): string | undefined => {
    try {
      return (JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version?: string }).version;
    } catch {
      return undefined;
    }
  };
  if (installedVersion() !== SMARTCARD_VERSION || !existsSync(addon)) {
    if (process.env.ONSHIKIT_BENCH_NO_INSTALL === '1') {
      return { ok: false, reason: `smartcard@${SMARTCARD_VERSION} is not in ${dir} and ONSHIKIT_BENCH_NO_INSTALL=1` };
    }
    log(`installing smartcard@${SMARTCARD_VERSION} into ${dir} (native build, ~30 s) …`);
    mkdirSync(dir, { recursive: true });
    const manifest = path.join(dir, 'package.json');
    if (!existsSync(manifest))
      writeFileSync(manifest, JSON.stringify({ name: 'smartcard-bench-cache', private: true }) + '\n');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const run = spawnSync(
      npm,
      ['install', '--no-audit', '--no-fund', '--no-package-lock', '--prefix', dir, `smartcard@${SMARTCARD_VERSION}`],
      {
        encoding: 'utf8',
        timeout: 300_000,
        shell: process.platform === 'win32',
      },
    );
    if (run.error || run.status !== 0) {
      const tail = `${run.stderr ?? ''}`.trim().split('\n').slice(-4).join(' | ');
      return {
        ok: false,
        reason: `npm install smartcard@${SMARTCARD_VERSION} failed (${run.error?.message ?? `exit ${run.status}`}): ${tail}`,
      };
    }
    if (!existsSync(addon)) {
      return {
        ok: false,
        reason: `smartcard@${SMARTCARD_VERSION} installed but ${addon} was not built (install scripts blocked? npm 11 allowScripts, or missing libpcsclite-dev / compiler)`,
      };
    }
  }
  try {
    const module = createRequire(path.join(dir, 'package.json'))('smartcard') as SmartcardModule;
    return { ok: true, module, version: installedVersion() ?? SMARTCARD_VERSION, dir };
  } catch (error) {
    return { ok: false, reason: `smartcard could not be loaded: ${(error as Error).message}` };
  }
}
