/**
 * Bounds on scrypt parameters read from storage (a password hash, a sealed settings file), so
 * that a tampered `N`/`r`/`p` fails fast with a typed error instead of a derivation of many
 * seconds, a huge allocation or Node's untyped `RangeError` (issue 14).
 * @module
 */
import { scrypt as scryptCallback } from 'node:crypto';
import { EligibilityError } from '../errors.js';

/** scrypt cost parameters. */
export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** Smallest accepted `N` (2^10; tests use it, production uses 2^15 or more). */
export const MIN_SCRYPT_N = 1 << 10;
/**
 * Largest memory (128·N·r bytes): 128 MiB, i.e. N·r ≤ 2^20, which allows OWASP's
 * N = 2^17, r = 8.
 */
export const MAX_SCRYPT_MEMORY = 128 * 1024 * 1024;
/**
 * Largest work N·r·p: 2^21, twice OWASP's recommended N = 2^17, r = 8, p = 1 and 8 times this
 * package's default (2^15, 8, 1; about 100 ms), so a derivation stays under about a second.
 */
export const MAX_SCRYPT_WORK = 1 << 21;

function invalid(reason: string): EligibilityError {
  return new EligibilityError('SETTINGS_INVALID', { detail: { field: 'scrypt', reason } });
}

/** Checks parameters from storage; throws `SETTINGS_INVALID` (field `scrypt`) when out of bounds. */
export function checkScryptParams(params: {
  readonly N: unknown;
  readonly r: unknown;
  readonly p: unknown;
}): ScryptParams {
  const { N, r, p } = params;
  if (typeof N !== 'number' || !Number.isSafeInteger(N) || N < MIN_SCRYPT_N || (N & (N - 1)) !== 0)
    throw invalid('N not a power of 2 ≥ 2^10');
  if (typeof r !== 'number' || !Number.isSafeInteger(r) || r < 1 || r > 32) throw invalid('r not 1-32');
  if (typeof p !== 'number' || !Number.isSafeInteger(p) || p < 1 || p > 16) throw invalid('p not 1-16');
  if (128 * N * r > MAX_SCRYPT_MEMORY) throw invalid('memory over 128 MiB');
  if (N * r * p > MAX_SCRYPT_WORK) throw invalid('work over 2^21');
  return { N, r, p };
}

/**
 * scrypt with checked parameters and an explicit `maxmem` (OpenSSL's need, 128·r·(N + p + 2),
 * plus slack), rejecting with `SETTINGS_INVALID` rather than Node's errors.
 */
export function scryptChecked(
  secret: string,
  salt: Uint8Array,
  length: number,
  params: { readonly N: unknown; readonly r: unknown; readonly p: unknown },
): Promise<Buffer> {
  let checked: ScryptParams;
  try {
    checked = checkScryptParams(params);
  } catch (error) {
    return Promise.reject(error);
  }
  const { N, r, p } = checked;
  const maxmem = 128 * r * (N + p + 2) + 1024 * 1024;
  return new Promise((resolve, reject) => {
    try {
      scryptCallback(secret.normalize('NFKC'), salt, length, { N, r, p, maxmem }, (error, key) => {
        if (error) reject(new EligibilityError('SETTINGS_INVALID', { detail: { field: 'scrypt' }, cause: error }));
        else resolve(key);
      });
    } catch (error) {
      reject(new EligibilityError('SETTINGS_INVALID', { detail: { field: 'scrypt' }, cause: error }));
    }
  });
}
