/**
 * Connection settings of the SQLite store, each chosen for a clinic PC where up to four
 * processes (reception app, rececon, a viewer, a backup job) share one database file.
 * @module
 */
import type BetterSqlite3 from 'better-sqlite3';

/** Durability level; see {@link applyPragmas}. */
export type SqliteSynchronous = 'FULL' | 'NORMAL';

/** Settings of {@link applyPragmas}. */
export interface SqlitePragmaOptions {
  /** Default `FULL`. */
  readonly synchronous?: SqliteSynchronous;
  /** How long a writer waits for another process's write lock, ms. Default 5000. */
  readonly busyTimeoutMs?: number;
}

/**
 * - `journal_mode = WAL`: readers (事後閲覧 on another desk) never block the writer and the
 *   writer never blocks them; a commit is one append to the -wal file. A crash (kill -9,
 *   power loss) leaves either the whole transaction in the WAL (its commit frame is there) or
 *   none of it: recovery on the next open ignores frames after the last commit frame.
 * - `synchronous = FULL` (default): the WAL is fsync'ed at every commit, so a check the staff
 *   were told is saved survives a power cut too. `NORMAL` is also safe against corruption and
 *   against a process crash in WAL mode, but on power loss may lose the last commits; offered
 *   for machines on a UPS that need the extra throughput (see the README's bench figures).
 * - `busy_timeout = 5000`: with four processes writing, a writer that finds the lock taken
 *   sleeps and retries instead of failing with SQLITE_BUSY. Writes use `BEGIN IMMEDIATE`, which
 *   takes the write lock up front, so two deferred readers never deadlock upgrading to writers
 *   (a case busy_timeout cannot resolve).
 * - `foreign_keys = ON`: off by default in SQLite for compatibility; on so any reference added
 *   by a later migration is enforced (the audit trail deliberately has none: it outlives checks).
 * - `trusted_schema = OFF`: triggers and views may not call application-defined functions, so a
 *   tampered schema cannot run code in this process.
 */
export function applyPragmas(db: BetterSqlite3.Database, options: SqlitePragmaOptions = {}): void {
  const busy = options.busyTimeoutMs ?? 5_000;
  if (!Number.isInteger(busy) || busy < 0) throw new RangeError('busyTimeoutMs must be a non-negative integer');
  // busy_timeout first: switching to WAL itself needs a lock another process may hold.
  db.pragma(`busy_timeout = ${busy}`);
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (typeof mode !== 'string' || mode.toLowerCase() !== 'wal') {
    // In-memory databases answer "memory"; anything else means WAL could not be enabled.
    if (db.memory !== true) throw new Error(`journal_mode WAL refused (${String(mode)})`);
  }
  db.pragma(`synchronous = ${options.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('trusted_schema = OFF');
}
