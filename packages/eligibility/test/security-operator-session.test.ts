// Issue 14: OperatorSession lockout. The attack: 200 parallel unlock() calls with every 4-digit
// guess were all evaluated (maxFailures 5) and the right one got in. Attempts must be counted
// before the key derivation, run one at a time, and the count and deadline must survive a
// restart; idle auto-lock and lockouts run on a monotonic clock.
import { execFileSync } from 'node:child_process';
import { randomBytes, scryptSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EligibilityError } from '@onshikit/eligibility';
import { FileSettingsStore, OperatorSession, type LockoutState, type LockoutStore } from '@onshikit/eligibility/node';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/** A hash of a 4-digit PIN as an older version wrote it (hashPassword now refuses such PINs). */
function legacyHash(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32, { N: 1 << 10, r: 8, p: 1 });
  return ['scrypt', 1 << 10, 8, 1, salt.toString('base64'), hash.toString('base64')].join('$');
}

class MemoryLockoutStore implements LockoutStore {
  state: LockoutState | undefined;
  readonly writes: LockoutState[] = [];
  async readLockout(): Promise<LockoutState | undefined> {
    return this.state;
  }
  async writeLockout(state: LockoutState): Promise<void> {
    this.writes.push(state);
    this.state = state;
  }
}

async function outcomes(calls: Promise<void>[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const result of await Promise.allSettled(calls)) {
    const key =
      result.status === 'fulfilled' ? 'ok' : result.reason instanceof EligibilityError ? result.reason.code : 'untyped';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

describe('security: OperatorSession lockout', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'onshikit-sec-session-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('200 parallel guesses of a 4-digit PIN: 5 are checked, the rest rate-limited, the right one does not get in', async () => {
    const session = new OperatorSession({ passwordHash: legacyHash('0150'), operatorId: 'op', maxFailures: 5 });
    const guesses = Array.from({ length: 200 }, (_, i) => String(i).padStart(4, '0'));
    const counts = await outcomes(guesses.map((guess) => session.unlock(guess)));
    expect(counts).toEqual(
      new Map([
        ['UNLOCK_FAILED', 5],
        ['UNLOCK_RATE_LIMITED', 195],
      ]),
    );
    expect(session.locked).toBe(true);
    await expect(session.unlock('0150')).rejects.toMatchObject({ code: 'UNLOCK_RATE_LIMITED' });
  });

  it('any interleaving of parallel attempts checks at most maxFailures passwords before the lockout', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 30 }),
        fc.nat({ max: 29 }),
        async (maxFailures, count, rightAt) => {
          const session = new OperatorSession({ passwordHash: legacyHash('right-pw'), operatorId: 'op', maxFailures });
          const calls = Array.from({ length: count }, (_, i) =>
            session.unlock(i === rightAt ? 'right-pw' : `wrong-${i}`),
          );
          const counts = await outcomes(calls);
          const failed = counts.get('UNLOCK_FAILED') ?? 0;
          expect(counts.get('untyped')).toBeUndefined();
          if (rightAt < count && rightAt < maxFailures) expect(counts.get('ok')).toBe(1);
          else expect(counts.get('ok')).toBeUndefined();
          // A success resets the count, so at most maxFailures before it and maxFailures after it.
          expect(failed).toBeLessThanOrEqual(maxFailures * ((counts.get('ok') ?? 0) + 1));
          expect(failed + (counts.get('ok') ?? 0) + (counts.get('UNLOCK_RATE_LIMITED') ?? 0)).toBe(count);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('counts the attempt (and saves it) before the derivation; a success resets it', async () => {
    const store = new MemoryLockoutStore();
    const session = new OperatorSession({
      passwordHash: legacyHash('right-pw'),
      operatorId: 'op',
      lockoutStore: store,
    });
    await session.unlock('right-pw');
    expect(store.writes).toEqual([{ failures: 1 }, { failures: 0 }]);
  });

  it('a restart does not reset the failure count or the lockout (file store)', async () => {
    const file = path.join(dir, 'settings.json');
    const wall = { t: Date.UTC(2026, 10, 26, 9) };
    const make = (mono: { t: number }) =>
      new OperatorSession({
        passwordHash: legacyHash('right-pw'),
        operatorId: 'op',
        maxFailures: 3,
        lockoutMs: 60_000,
        lockoutStore: new FileSettingsStore(file),
        now: () => new Date(wall.t),
        monotonicNow: () => mono.t,
      });
    const first = make({ t: 1_000 });
    for (let i = 0; i < 2; i++) await expect(first.unlock('nope')).rejects.toMatchObject({ code: 'UNLOCK_FAILED' });
    // Restart: a new process (monotonic clock from 0) sees 2 failures; the third locks.
    const mono = { t: 0 };
    const second = make(mono);
    await expect(second.unlock('nope')).rejects.toMatchObject({ code: 'UNLOCK_FAILED', detail: { failures: 3 } });
    // Restart again during the lockout: still locked for the time left.
    wall.t += 30_000;
    const third = make({ t: 5 });
    await expect(third.unlock('right-pw')).rejects.toMatchObject({
      code: 'UNLOCK_RATE_LIMITED',
      detail: { retryAfterMs: 30_000 },
    });
    // After the deadline (wall clock at the next start), the right password works and resets.
    wall.t += 30_001;
    const fourth = make({ t: 0 });
    await fourth.unlock('right-pw');
    expect(await new FileSettingsStore(file).readLockout()).toEqual({ failures: 0 });
  });

  it('a saved deadline far in the future (clock moved back, or tampering) locks for at most an hour', async () => {
    const store = new MemoryLockoutStore();
    store.state = { failures: 9, lockedUntil: Date.now() + 365 * 86_400_000 };
    const mono = { t: 0 };
    const session = new OperatorSession({
      passwordHash: legacyHash('right-pw'),
      operatorId: 'op',
      lockoutStore: store,
      monotonicNow: () => mono.t,
    });
    await expect(session.unlock('right-pw')).rejects.toMatchObject({ code: 'UNLOCK_RATE_LIMITED' });
    mono.t += 3_600_001;
    await session.unlock('right-pw');
  });

  it('an unreadable saved state fails closed (one lockout) instead of forgetting failures', async () => {
    const store = new MemoryLockoutStore();
    store.state = { failures: -1 } as LockoutState;
    const mono = { t: 0 };
    const session = new OperatorSession({
      passwordHash: legacyHash('right-pw'),
      operatorId: 'op',
      lockoutStore: store,
      lockoutMs: 1_000,
      monotonicNow: () => mono.t,
    });
    await expect(session.unlock('right-pw')).rejects.toMatchObject({ code: 'UNLOCK_RATE_LIMITED' });
    mono.t += 1_001;
    await session.unlock('right-pw');
  });

  it('an attempt that cannot be recorded is not made', async () => {
    const store = new MemoryLockoutStore();
    store.writeLockout = async () => {
      throw new Error('disk full');
    };
    const session = new OperatorSession({
      passwordHash: legacyHash('right-pw'),
      operatorId: 'op',
      lockoutStore: store,
    });
    await expect(session.unlock('right-pw')).rejects.toMatchObject({
      code: 'UNLOCK_FAILED',
      detail: { reason: 'lockout state not saved' },
    });
    expect(session.locked).toBe(true);
  });

  it('no attempt is made while the saved state cannot be read (a FIFO planted at the settings path), and it is read once it can', async () => {
    const file = path.join(dir, 'settings.json');
    execFileSync('mkfifo', [file]);
    const store = new FileSettingsStore(file);
    const session = new OperatorSession({
      passwordHash: legacyHash('right-pw'),
      operatorId: 'op',
      maxFailures: 1,
      lockoutStore: store,
    });
    await expect(session.unlock('right-pw')).rejects.toMatchObject({
      code: 'UNLOCK_FAILED',
      detail: { reason: 'lockout state not read' },
    });
    await rm(file);
    await store.writeLockout({ failures: 4, lockedUntil: Date.now() + 60_000 });
    await expect(session.unlock('right-pw')).rejects.toMatchObject({ code: 'UNLOCK_RATE_LIMITED' });
  });

  it('idle auto-lock and lockouts follow the monotonic clock, not the wall clock', async () => {
    const wall = { t: Date.UTC(2026, 10, 26, 9) };
    const mono = { t: 0 };
    const session = new OperatorSession({
      passwordHash: legacyHash('right-pw'),
      operatorId: 'op',
      autoLockMs: 60_000,
      maxFailures: 1,
      lockoutMs: 60_000,
      now: () => new Date(wall.t),
      monotonicNow: () => mono.t,
    });
    await session.unlock('right-pw');
    wall.t += 86_400_000; // the wall clock jumps a day ahead: no auto-lock
    expect(session.locked).toBe(false);
    wall.t -= 2 * 86_400_000; // and back: still no effect
    mono.t += 60_001; // idle time passes
    expect(session.locked).toBe(true);
    await expect(session.unlock('nope')).rejects.toMatchObject({ code: 'UNLOCK_FAILED' });
    wall.t += 3_600_000; // moving the wall clock does not end the lockout
    await expect(session.unlock('right-pw')).rejects.toMatchObject({ code: 'UNLOCK_RATE_LIMITED' });
    mono.t += 60_001;
    await session.unlock('right-pw');
  });

  it('biometric unlocks are rate-limited and serialised as well', async () => {
    let calls = 0;
    const session = new OperatorSession({
      passwordHash: legacyHash('right-pw'),
      operatorId: 'op',
      maxFailures: 2,
      biometric: async () => {
        calls += 1;
        return false;
      },
    });
    const counts = await outcomes(Array.from({ length: 20 }, () => session.unlockWithBiometric()));
    expect(counts).toEqual(
      new Map([
        ['UNLOCK_FAILED', 2],
        ['UNLOCK_RATE_LIMITED', 18],
      ]),
    );
    expect(calls).toBe(2);
  });
});
