/**
 * The operator session (業務開始前のログイン, seed guide): the desk is unlocked with the
 * operator's password/PIN — kept only as a scrypt hash — or a vendor-supplied biometric hook;
 * checks refuse to start while locked (`ReceptionWorkflow` reads {@link OperatorSession.locked});
 * the desk locks itself after an idle time; failed unlocks are rate-limited (exponential
 * lockout) and audited. Secrets never reach the audit trail.
 * @module
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { EligibilityError } from '../errors.js';
import type { AuditEntryInput } from '../store/types.js';
import type { DeskSession } from '../workflow/check-run.js';

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
  /** Where audit entries go (e.g. `store.appendAudit`). */
  readonly audit?: (entry: AuditEntryInput) => Promise<unknown> | void;
  /** Vendor biometric hook: resolves true when the device confirmed the operator. */
  readonly biometric?: () => Promise<boolean>;
  readonly now?: () => Date;
}

const PREFIX = 'scrypt';

function scrypt(secret: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(secret.normalize('NFKC'), salt, 32, { N, r, p, maxmem: 256 * N * r }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** The desk's operator session; implements the workflow's `DeskSession`. */
export class OperatorSession implements DeskSession {
  readonly #o: OperatorSessionOptions;
  #unlocked = false;
  #lastActivity = 0;
  #failures = 0;
  #lockedUntil = 0;

  constructor(options: OperatorSessionOptions) {
    if (!options.passwordHash.startsWith(`${PREFIX}$`)) throw new EligibilityError('SETTINGS_INVALID', { detail: { field: 'passwordHash' } });
    this.#o = options;
  }

  /** Hashes a password/PIN for storage: `scrypt$N$r$p$salt$hash` (base64). */
  static async hashPassword(password: string, params: { N: number; r: number; p: number } = { N: 1 << 15, r: 8, p: 1 }): Promise<string> {
    if (password.length < 4) throw new EligibilityError('SETTINGS_INVALID', { detail: { field: 'password', reason: 'shorter than 4' } });
    const salt = randomBytes(16);
    const hash = await scrypt(password, salt, params.N, params.r, params.p);
    return [PREFIX, params.N, params.r, params.p, salt.toString('base64'), hash.toString('base64')].join('$');
  }

  get operatorId(): string {
    return this.#o.operatorId;
  }

  /** True while locked; an idle unlocked desk locks itself here (audited once). */
  get locked(): boolean {
    if (this.#unlocked && this.#o.autoLockMs !== 0 && this.#now() - this.#lastActivity > (this.#o.autoLockMs ?? 600_000)) {
      this.#unlocked = false;
      void this.#audit('lock', 'auto-lock');
    }
    return !this.#unlocked;
  }

  /** Marks activity (the workflow calls it at each check). */
  touch(): void {
    if (this.#unlocked) this.#lastActivity = this.#now();
  }

  /** Unlocks with the password; `UNLOCK_FAILED` or `UNLOCK_RATE_LIMITED` (audited, never with the password). */
  async unlock(password: string): Promise<void> {
    const now = this.#now();
    if (now < this.#lockedUntil) {
      await this.#audit('unlock-failed', 'UNLOCK_RATE_LIMITED', { retryAfterMs: this.#lockedUntil - now });
      throw new EligibilityError('UNLOCK_RATE_LIMITED', { detail: { retryAfterMs: this.#lockedUntil - now } });
    }
    const [, n, r, p, salt, expected] = this.#o.passwordHash.split('$');
    const want = Buffer.from(expected ?? '', 'base64');
    const got = await scrypt(typeof password === 'string' ? password : '', Buffer.from(salt ?? '', 'base64'), Number(n), Number(r), Number(p));
    if (want.length !== got.length || !timingSafeEqual(want, got)) {
      this.#failures += 1;
      const max = this.#o.maxFailures ?? 5;
      if (this.#failures >= max) {
        const step = this.#failures - max;
        this.#lockedUntil = this.#now() + Math.min((this.#o.lockoutMs ?? 30_000) * 2 ** step, 3_600_000);
      }
      await this.#audit('unlock-failed', 'UNLOCK_FAILED', { failures: this.#failures });
      throw new EligibilityError('UNLOCK_FAILED', { detail: { failures: this.#failures } });
    }
    this.#grant('password');
  }

  /** Unlocks through the vendor's biometric hook. */
  async unlockWithBiometric(): Promise<void> {
    if (this.#o.biometric === undefined) throw new EligibilityError('UNLOCK_FAILED', { detail: { reason: 'no biometric hook' } });
    if (this.#now() < this.#lockedUntil) throw new EligibilityError('UNLOCK_RATE_LIMITED');
    if (!(await this.#o.biometric())) {
      await this.#audit('unlock-failed', 'UNLOCK_FAILED', { method: 'biometric' });
      throw new EligibilityError('UNLOCK_FAILED', { detail: { method: 'biometric' } });
    }
    this.#grant('biometric');
  }

  /** Locks the desk now. */
  lock(): void {
    if (!this.#unlocked) return;
    this.#unlocked = false;
    void this.#audit('lock', 'ok');
  }

  #grant(method: string): void {
    this.#unlocked = true;
    this.#failures = 0;
    this.#lockedUntil = 0;
    this.#lastActivity = this.#now();
    void this.#audit('unlock', 'ok', { method });
  }

  async #audit(action: 'unlock' | 'unlock-failed' | 'lock', outcome: string, detail?: Record<string, string | number | boolean>): Promise<void> {
    try {
      await this.#o.audit?.({ at: new Date(this.#now()).toISOString(), actor: this.#o.operatorId, action, outcome, ...(detail === undefined ? {} : { detail }) });
    } catch {
      // Auditing is best effort here; a failing store must not lock the desk out.
    }
  }

  #now(): number {
    return (this.#o.now ?? (() => new Date()))().getTime();
  }
}
