/**
 * The operator session (業務開始前のログイン, seed guide): the desk is unlocked with the
 * operator's password — kept only as a scrypt hash — or a vendor-supplied biometric hook;
 * checks refuse to start while locked (`ReceptionWorkflow` reads {@link OperatorSession.locked});
 * the desk locks itself after an idle time; failed unlocks are rate-limited (exponential
 * lockout) and audited. Secrets never reach the audit trail.
 *
 * Guessing (issue 14): attempts run one at a time, each is counted (and the count saved through
 * {@link OperatorSessionOptions.lockoutStore}) before the key derivation starts, so parallel
 * calls or a crash during the derivation cannot test more than `maxFailures` passwords before
 * the lockout, and a restart does not reset it. Idle time and lockouts in the running process
 * are measured on a monotonic clock, so moving the system clock changes neither.
 * @module
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { EligibilityError } from '../errors.js';
import type { AuditEntryInput } from '../store/types.js';
import type { DeskSession } from '../workflow/check-run.js';
import { MAX_PASSWORD_LENGTH, checkOperatorPassword } from './password-policy.js';
import { checkScryptParams, scryptChecked, type ScryptParams } from './scrypt-params.js';

/** The lockout state kept across restarts. */
export interface LockoutState {
  /** Consecutive failed (or unfinished) unlock attempts. */
  readonly failures: number;
  /** End of the current lockout, wall-clock epoch ms (0 or absent: none). */
  readonly lockedUntil?: number;
}

/**
 * Where the lockout state lives between runs (e.g. `FileSettingsStore`, which keeps it in the
 * settings file). `write` is awaited before each password is checked.
 */
export interface LockoutStore {
  readLockout(): Promise<LockoutState | undefined>;
  writeLockout(state: LockoutState): Promise<void>;
}

/** Options of an {@link OperatorSession}. */
export interface OperatorSessionOptions {
  /** From {@link OperatorSession.hashPassword}. */
  readonly passwordHash: string;
  readonly operatorId: string;
  /** Lock after this much idle time, in ms (default 10 minutes; 0 = never). */
  readonly autoLockMs?: number;
  /** Consecutive failures before a lockout (default 5). */
  readonly maxFailures?: number;
  /** First lockout in ms, doubled at each further failure (default 30 s, max 1 h). */
  readonly lockoutMs?: number;
  /** Keeps the failure count and lockout deadline across restarts (recommended). */
  readonly lockoutStore?: LockoutStore;
  /** Where audit entries go (e.g. `store.appendAudit`). */
  // biome-ignore lint/suspicious/noConfusingVoidType: a vendor's audit callback may return nothing or a promise
  readonly audit?: (entry: AuditEntryInput) => Promise<unknown> | void;
  /** Vendor biometric hook: resolves true when the device confirmed the operator. */
  readonly biometric?: () => Promise<boolean>;
  /** Wall clock, for audit times and the saved lockout deadline (default `new Date()`). */
  readonly now?: () => Date;
  /** Monotonic clock in ms, for idle time and lockouts (default `performance.now()`). */
  readonly monotonicNow?: () => number;
}

const PREFIX = 'scrypt';
const MAX_LOCKOUT_MS = 3_600_000;
const DEFAULT_HASH_PARAMS: ScryptParams = { N: 1 << 15, r: 8, p: 1 };

interface ParsedHash {
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

function invalidHash(reason: string): EligibilityError {
  return new EligibilityError('SETTINGS_INVALID', { detail: { field: 'passwordHash', reason } });
}

function base64Field(text: string | undefined, min: number, max: number, name: string): Buffer {
  if (text === undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0)
    throw invalidHash(`${name} not base64`);
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length < min || bytes.length > max) throw invalidHash(`${name} length`);
  return bytes;
}

/** Parses `scrypt$N$r$p$salt$hash`; tampered parameters throw `SETTINGS_INVALID` here, at construction. */
function parseHash(text: unknown): ParsedHash {
  if (typeof text !== 'string' || text.length > 512) throw invalidHash('not a scrypt hash');
  const parts = text.split('$');
  if (parts.length !== 6 || parts[0] !== PREFIX) throw invalidHash('not a scrypt hash');
  const number = (s: string | undefined): number =>
    s !== undefined && /^[0-9]{1,10}$/.test(s) ? Number(s) : Number.NaN;
  const params = checkScryptParams({ N: number(parts[1]), r: number(parts[2]), p: number(parts[3]) });
  return { params, salt: base64Field(parts[4], 16, 64, 'salt'), hash: base64Field(parts[5], 32, 32, 'hash') };
}

function validState(value: unknown): value is LockoutState {
  if (typeof value !== 'object' || value === null) return false;
  const { failures, lockedUntil } = value as { failures?: unknown; lockedUntil?: unknown };
  return (
    Number.isSafeInteger(failures) &&
    (failures as number) >= 0 &&
    (lockedUntil === undefined || (typeof lockedUntil === 'number' && Number.isFinite(lockedUntil)))
  );
}

/** The desk's operator session; implements the workflow's `DeskSession`. */
export class OperatorSession implements DeskSession {
  readonly #o: OperatorSessionOptions;
  readonly #hash: ParsedHash;
  #unlocked = false;
  #lastActivity = 0;
  #failures = 0;
  /** Monotonic deadline of the current lockout. */
  #lockedUntil = 0;
  #loaded = false;
  /** Attempts run one after the other through this chain. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: OperatorSessionOptions) {
    this.#hash = parseHash(options.passwordHash);
    this.#o = options;
  }

  /**
   * Hashes a password for storage: `scrypt$N$r$p$salt$hash` (base64). Refuses weak passwords
   * with `OPERATOR_PASSWORD_WEAK` (at least 8 characters, 12 if digits only; see
   * `password-policy.ts` for the reasoning) and out-of-bounds parameters with `SETTINGS_INVALID`.
   */
  static async hashPassword(password: string, params: ScryptParams = DEFAULT_HASH_PARAMS): Promise<string> {
    checkOperatorPassword(password);
    const checked = checkScryptParams(params);
    const salt = randomBytes(16);
    const hash = await scryptChecked(password, salt, 32, checked);
    return [PREFIX, checked.N, checked.r, checked.p, salt.toString('base64'), hash.toString('base64')].join('$');
  }

  get operatorId(): string {
    return this.#o.operatorId;
  }

  /** True while locked; an idle unlocked desk locks itself here (audited once). */
  get locked(): boolean {
    if (
      this.#unlocked &&
      this.#o.autoLockMs !== 0 &&
      this.#mono() - this.#lastActivity > (this.#o.autoLockMs ?? 600_000)
    ) {
      this.#unlocked = false;
      void this.#audit('lock', 'auto-lock');
    }
    return !this.#unlocked;
  }

  /** Marks activity (the workflow calls it at each check). */
  touch(): void {
    if (this.#unlocked) this.#lastActivity = this.#mono();
  }

  /**
   * Unlocks with the password; `UNLOCK_FAILED` or `UNLOCK_RATE_LIMITED` (audited, never with
   * the password). Calls are served one at a time; during a lockout no password is checked.
   */
  unlock(password: string): Promise<void> {
    return this.#serialised(() => this.#attempt(password));
  }

  /** Unlocks through the vendor's biometric hook (rate-limited and serialised like passwords). */
  unlockWithBiometric(): Promise<void> {
    return this.#serialised(async () => {
      if (this.#o.biometric === undefined)
        throw new EligibilityError('UNLOCK_FAILED', { detail: { reason: 'no biometric hook' } });
      await this.#refuseDuringLockout();
      await this.#count();
      if (!(await this.#o.biometric())) {
        await this.#audit('unlock-failed', 'UNLOCK_FAILED', { method: 'biometric', failures: this.#failures });
        throw new EligibilityError('UNLOCK_FAILED', { detail: { method: 'biometric', failures: this.#failures } });
      }
      await this.#grant('biometric');
    });
  }

  /** Locks the desk now. */
  lock(): void {
    if (!this.#unlocked) return;
    this.#unlocked = false;
    void this.#audit('lock', 'ok');
  }

  #serialised(run: () => Promise<void>): Promise<void> {
    const result = this.#queue.then(run);
    // biome-ignore lint/plugin/no-swallowed-rejection: the queue only orders attempts; the caller gets this attempt's rejection from `result`
    this.#queue = result.catch(() => undefined);
    return result;
  }

  async #attempt(password: string): Promise<void> {
    await this.#refuseDuringLockout();
    await this.#count();
    const candidate = typeof password === 'string' && password.length <= MAX_PASSWORD_LENGTH ? password : undefined;
    let match = false;
    if (candidate !== undefined) {
      const got = await scryptChecked(candidate, this.#hash.salt, 32, this.#hash.params);
      match = got.length === this.#hash.hash.length && timingSafeEqual(got, this.#hash.hash);
      got.fill(0);
    }
    if (!match) {
      await this.#audit('unlock-failed', 'UNLOCK_FAILED', { failures: this.#failures });
      throw new EligibilityError('UNLOCK_FAILED', { detail: { failures: this.#failures } });
    }
    await this.#grant('password');
  }

  /** Loads the saved state once, then refuses (audited) while a lockout runs. */
  async #refuseDuringLockout(): Promise<void> {
    if (!this.#loaded) {
      let saved: LockoutState | undefined;
      try {
        saved = await this.#o.lockoutStore?.readLockout();
      } catch (error) {
        // No attempt without the saved count (retried at the next attempt).
        throw new EligibilityError('UNLOCK_FAILED', { detail: { reason: 'lockout state not read' }, cause: error });
      }
      this.#loaded = true;
      if (saved !== undefined) this.#restore(saved);
    }
    const left = Math.ceil(this.#lockedUntil - this.#mono());
    if (left > 0) {
      await this.#audit('unlock-failed', 'UNLOCK_RATE_LIMITED', { retryAfterMs: left });
      throw new EligibilityError('UNLOCK_RATE_LIMITED', { detail: { retryAfterMs: left } });
    }
  }

  /** A saved state in this process: the wall-clock deadline becomes a monotonic one (at most 1 h away). */
  #restore(saved: LockoutState): void {
    if (!validState(saved)) {
      // Unreadable state: fail closed with the first lockout rather than forget the failures.
      this.#failures = this.#o.maxFailures ?? 5;
      this.#lockedUntil = this.#mono() + (this.#o.lockoutMs ?? 30_000);
      return;
    }
    this.#failures = saved.failures;
    const left = Math.min(Math.max((saved.lockedUntil ?? 0) - this.#wall(), 0), MAX_LOCKOUT_MS);
    this.#lockedUntil = left > 0 ? this.#mono() + left : 0;
  }

  /**
   * Counts this attempt as a failure, and starts the lockout it would earn, before any secret is
   * checked; saved before the check runs. A success undoes it ({@link #grant}).
   */
  async #count(): Promise<void> {
    this.#failures += 1;
    const max = this.#o.maxFailures ?? 5;
    let lockoutMs = 0;
    if (this.#failures >= max) {
      lockoutMs = Math.min((this.#o.lockoutMs ?? 30_000) * 2 ** Math.min(this.#failures - max, 30), MAX_LOCKOUT_MS);
      this.#lockedUntil = this.#mono() + lockoutMs;
    }
    await this.#save(lockoutMs);
  }

  async #save(lockoutMs: number): Promise<void> {
    if (this.#o.lockoutStore === undefined) return;
    try {
      await this.#o.lockoutStore.writeLockout({
        failures: this.#failures,
        ...(lockoutMs > 0 ? { lockedUntil: this.#wall() + lockoutMs } : {}),
      });
    } catch (error) {
      // An attempt that cannot be recorded is not made.
      throw new EligibilityError('UNLOCK_FAILED', { detail: { reason: 'lockout state not saved' }, cause: error });
    }
  }

  async #grant(method: string): Promise<void> {
    this.#failures = 0;
    this.#lockedUntil = 0;
    await this.#save(0);
    this.#unlocked = true;
    this.#lastActivity = this.#mono();
    void this.#audit('unlock', 'ok', { method });
  }

  async #audit(
    action: 'unlock' | 'unlock-failed' | 'lock',
    outcome: string,
    detail?: Record<string, string | number | boolean>,
  ): Promise<void> {
    try {
      await this.#o.audit?.({
        at: new Date(this.#wall()).toISOString(),
        actor: this.#o.operatorId,
        action,
        outcome,
        ...(detail === undefined ? {} : { detail }),
      });
    } catch {
      // Auditing is best effort here; a failing store must not lock the desk out.
    }
  }

  #wall(): number {
    return (this.#o.now ?? (() => new Date()))().getTime();
  }

  #mono(): number {
    return (this.#o.monotonicNow ?? (() => performance.now()))();
  }
}
