/**
 * The operator password policy (issue 14). The unlock lockout only slows guessing at the desk;
 * the stored hash (`OperatorSession.hashPassword`) and a password-sealed settings file can be
 * copied and guessed offline, where only the size of the password space counts. At the default
 * scrypt cost (about 0.1 s per guess and core) a 4-digit PIN falls in under 20 minutes on one
 * core, a 6-digit one in about a day.
 *
 * - At least {@link MIN_PASSWORD_LENGTH} (8) characters: with letters that is ≥ 26^8 ≈ 2·10^11
 *   candidates, about 600 core-years at 0.1 s each.
 * - Digits only: at least {@link MIN_DIGITS_ONLY_LENGTH} (12), 10^12 candidates, the same floor
 *   (8 digits would be 10^8, about 4 months on one core and hours on a rented cluster).
 * - At most {@link MAX_PASSWORD_LENGTH} (1024) characters, so a pasted blob cannot make the
 *   NFKC normalisation and the key derivation expensive.
 * @module
 */
import { EligibilityError } from '../errors.js';

/** Minimum length of an operator password, in characters (after NFKC). */
export const MIN_PASSWORD_LENGTH = 8;
/** Minimum length of a digits-only operator password. */
export const MIN_DIGITS_ONLY_LENGTH = 12;
/** Maximum length of an operator password, in UTF-16 code units. */
export const MAX_PASSWORD_LENGTH = 1024;

/** Throws `OPERATOR_PASSWORD_WEAK` (with the rule, never the password) for a weak password. */
export function checkOperatorPassword(password: unknown): void {
  const weak = (reason: string): EligibilityError =>
    new EligibilityError('OPERATOR_PASSWORD_WEAK', { detail: { reason } });
  if (typeof password !== 'string' || password.length === 0) throw weak('empty');
  if (password.length > MAX_PASSWORD_LENGTH) throw weak(`longer than ${MAX_PASSWORD_LENGTH}`);
  const normal = password.normalize('NFKC');
  const length = [...normal].length;
  if (length < MIN_PASSWORD_LENGTH) throw weak(`shorter than ${MIN_PASSWORD_LENGTH}`);
  if (/^[0-9]+$/.test(normal) && length < MIN_DIGITS_ONLY_LENGTH)
    throw weak(`digits only, shorter than ${MIN_DIGITS_ONLY_LENGTH}`);
  if (new Set(normal).size === 1) throw weak('one repeated character');
}
