/**
 * A throwaway PostgreSQL server for tests, demos and benchmarks: `initdb` into a temp dir,
 * `postgres` on a private port on 127.0.0.1 with its unix socket in that dir, one database
 * created, and everything stopped and deleted by `stop()`. It uses the server binaries of the
 * machine (Debian's `postgresql` package: /usr/lib/postgresql/<major>/bin, or `PG_BIN`).
 * As root the server runs as the `postgres` user (PostgreSQL refuses to run as root).
 * If the test process dies without calling `stop()`, a watchdog shuts the server down.
 * @module
 */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** Settings of {@link startTestPostgres}. */
export interface TestPostgresOptions {
  /** Database to create (default `onshikit_test`). */
  readonly database?: string;
  /** TCP port on 127.0.0.1 (default: a free one). */
  readonly port?: number;
  /** Directory holding initdb/postgres (default: `PG_BIN`, else the newest /usr/lib/postgresql/N/bin). */
  readonly binDir?: string;
  /** `max_connections` (default 100: 20 terminals plus pools and the test itself). */
  readonly maxConnections?: number;
  /** Extra `-c name=value` server settings. */
  readonly settings?: Readonly<Record<string, string>>;
  /** How long to wait for the server to accept connections, ms (default 30 000). */
  readonly startTimeoutMs?: number;
}

/** A running throwaway server. */
export interface TestPostgres {
  /** `postgresql://onshikit@127.0.0.1:<port>/<database>`. */
  readonly connectionString: string;
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly database: string;
  /** The temp dir holding the data directory and the unix socket. */
  readonly baseDir: string;
  /** Creates another empty database on the same server and returns its connection string. */
  createDatabase(name: string): Promise<string>;
  /** Fast shutdown, then deletes the temp dir. Idempotent. */
  stop(): Promise<void>;
}

const SUPERUSER = 'onshikit';

/** The server binaries directory, or undefined when PostgreSQL is not installed. */
export function findPostgresBinDir(explicit?: string): string | undefined {
  const candidates = [explicit, process.env.PG_BIN].filter((d): d is string => d !== undefined && d !== '');
  for (const dir of candidates) if (existsSync(path.join(dir, 'postgres'))) return dir;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .filter((d) => /^\d+$/.test(d))
    .sort((a, b) => Number(b) - Number(a));
  for (const major of majors) {
    const dir = path.join(root, major, 'bin');
    if (existsSync(path.join(dir, 'postgres'))) return dir;
  }
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface RunAs {
  readonly uid?: number;
  readonly gid?: number;
}

function runAsFor(dir: string): RunAs {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  chownSync(dir, uid, gid);
  return { uid, gid };
}

async function waitForServer(
  config: pg.ClientConfig,
  child: ChildProcess,
  timeoutMs: number,
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`postgres exited during start-up:\n${log()}`);
    const client = new pg.Client(config);
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch {
      // biome-ignore lint/plugin/no-swallowed-rejection: a client that never connected: retried with a new one
      await client.end().catch(() => undefined);
      if (Date.now() > deadline)
        throw new Error(`postgres did not accept connections within ${timeoutMs} ms:\n${log()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * Starts a private PostgreSQL server. Always call `stop()` (vitest: in the global teardown).
 * @throws Error when PostgreSQL is not installed or does not start (the message says why)
 */
export async function startTestPostgres(options: TestPostgresOptions = {}): Promise<TestPostgres> {
  const binDir = findPostgresBinDir(options.binDir);
  if (binDir === undefined) {
    throw new Error(
      "PostgreSQL server binaries not found: install Debian's postgresql package (scripts/setup-test-env.sh) or set PG_BIN",
    );
  }
  const database = options.database ?? 'onshikit_test';
  // As root the server runs as `postgres`, which must reach the dir: /tmp rather than a TMPDIR
  // that may sit under /root.
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const baseDir = mkdtempSync(path.join(asRoot ? '/tmp' : tmpdir(), 'onshikit-pg-'));
  const dataDir = path.join(baseDir, 'data');
  const runAs = runAsFor(baseDir);
  const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };
  try {
    execFileSync(
      path.join(binDir, 'initdb'),
      ['-D', dataDir, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-instructions'],
      { ...runAs, env, stdio: ['ignore', 'pipe', 'pipe'], cwd: baseDir },
    );
  } catch (error) {
    rmSync(baseDir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
    throw new Error(`initdb failed: ${stderr}`);
  }
  const port = options.port ?? (await freePort());
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    port: String(port),
    unix_socket_directories: baseDir,
    max_connections: String(options.maxConnections ?? 100),
    shared_buffers: '64MB',
    logging_collector: 'off',
    ...options.settings,
  };
  const args = ['-D', dataDir, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  const server = spawn(path.join(binDir, 'postgres'), args, {
    ...runAs,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    cwd: baseDir,
  });
  let serverLog = '';
  server.stderr?.setEncoding('utf8');
  server.stderr?.on('data', (chunk: string) => {
    serverLog = (serverLog + chunk).slice(-8_000);
  });
  // If this process dies without stop() (crash, SIGKILL of the test runner), the watchdog sends
  // the postmaster SIGQUIT (immediate shutdown) and removes the temp dir.
  const watchdog = spawn(
    '/bin/sh',
    [
      '-c',
      'while kill -0 "$1" 2>/dev/null; do sleep 1; done; kill -QUIT "$2" 2>/dev/null; sleep 2; rm -rf "$3"',
      'pg-watchdog',
      String(process.pid),
      String(server.pid),
      baseDir,
    ],
    { detached: true, stdio: 'ignore' },
  );
  watchdog.unref();
  const killOnExit = (): void => {
    try {
      server.kill('SIGQUIT');
    } catch {
      // already gone
    }
  };
  process.once('exit', killOnExit);

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', killOnExit);
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
      server.kill('SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
      const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    try {
      watchdog.kill('SIGKILL');
    } catch {
      // already gone
    }
    rmSync(baseDir, { recursive: true, force: true });
  };

  const adminConfig: pg.ClientConfig = { host: '127.0.0.1', port, user: SUPERUSER, database: 'postgres' };
  try {
    await waitForServer(adminConfig, server, options.startTimeoutMs ?? 30_000, () => serverLog);
  } catch (error) {
    await stop();
    throw error;
  }
  const createDatabase = async (name: string): Promise<string> => {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error('database name must match [a-z_][a-z0-9_]*');
    const admin = new pg.Client(adminConfig);
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    return `postgresql://${SUPERUSER}@127.0.0.1:${port}/${name}`;
  };
  try {
    await createDatabase(database);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    connectionString: `postgresql://${SUPERUSER}@127.0.0.1:${port}/${database}`,
    host: '127.0.0.1',
    port,
    user: SUPERUSER,
    database,
    baseDir,
    createDatabase,
    stop,
  };
}
