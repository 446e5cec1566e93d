import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A machine-wide lock for the one PC/SC test stack a machine can run: pcscd 1.9.9 always
 * binds the default socket (toolchain.md), so two stacks would fight over it. The lock is a
 * directory (atomic `mkdir`) holding the owner's pid and the pcscd pid it started, so a
 * later owner can stop a pcscd left behind by a crashed one.
 */
export interface StackLockRecord {
  /** Process holding the lock. */
  ownerPid: number;
  /** pcscd started by that owner, if any. */
  pcscdPid?: number | undefined;
  /** Its private config dir (to recognise it). */
  configDir?: string;
}

/** Directory used as the lock. Override with `ONSHIKIT_PCSC_LOCK`. */
export function stackLockPath(): string {
  return process.env.ONSHIKIT_PCSC_LOCK ?? path.join(tmpdir(), 'onshikit-pcsc-stack.lock');
}

/** True when a process with this pid exists. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function recordFile(lockDir: string): string {
  return path.join(lockDir, 'owner.json');
}

/** Reads the lock record, or undefined when there is no (readable) lock. */
export function readStackLock(lockDir = stackLockPath()): StackLockRecord | undefined {
  try {
    return JSON.parse(readFileSync(recordFile(lockDir), 'utf8')) as StackLockRecord;
  } catch {
    return undefined;
  }
}

/** Writes the record of the lock this process holds. */
export function writeStackLock(record: StackLockRecord, lockDir = stackLockPath()): void {
  writeFileSync(recordFile(lockDir), JSON.stringify(record));
}

/** Releases the lock when this process holds it. */
export function releaseStackLock(lockDir = stackLockPath()): void {
  const record = readStackLock(lockDir);
  if (record && record.ownerPid !== process.pid) return;
  rmSync(lockDir, { recursive: true, force: true });
}

/**
 * Tries once to take the lock. A lock whose owner is dead is taken over; its record is
 * returned as `stale` so the caller can stop the pcscd that owner left running.
 */
export function tryAcquireStackLock(
  lockDir = stackLockPath(),
): { acquired: true; stale?: StackLockRecord } | { acquired: false; holder: StackLockRecord | undefined } {
  try {
    mkdirSync(lockDir);
    writeStackLock({ ownerPid: process.pid }, lockDir);
    return { acquired: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const holder = readStackLock(lockDir);
  if (holder && holder.ownerPid === process.pid) return { acquired: false, holder };
  if (holder === undefined || !isProcessAlive(holder.ownerPid)) {
    // Owner died (or crashed while creating the lock): take it over.
    rmSync(lockDir, { recursive: true, force: true });
    try {
      mkdirSync(lockDir);
    } catch {
      return { acquired: false, holder: readStackLock(lockDir) };
    }
    writeStackLock({ ownerPid: process.pid }, lockDir);
    return holder ? { acquired: true, stale: holder } : { acquired: true };
  }
  return { acquired: false, holder };
}
