/**
 * Error brands that hold across copies of a package. A vendor's app can load one package twice
 * (its ESM build and its CJS build, or two versions), and `instanceof` against one copy's class
 * is false for an error made by the other. Every onshi-kit error therefore carries global
 * `Symbol.for` brands, and each error class answers `instanceof` from its brand.
 */
import type { LocalizedMessage } from './errors.js';

/**
 * What every onshi-kit error has, whichever package threw it: a stable `code`, the message in
 * Japanese and English, and non-secret `detail` values.
 */
export interface OnshikitError extends Error {
  readonly code: string;
  readonly messages: LocalizedMessage;
  readonly detail: Readonly<Record<string, unknown>>;
}

const FAMILY = Symbol.for('@onshikit/error');
const classBrand = (className: string): symbol => Symbol.for(`@onshikit/error:${className}`);

/**
 * True for an error of any onshi-kit package, from any copy of it (ESM or CJS build, another
 * version). Use it to show `messages.ja` / `messages.en` without knowing the package.
 *
 * @example
 * ```ts
 * try { await check.done; } catch (e) { if (isOnshikitError(e)) show(e.messages.ja, e.code); }
 * ```
 */
export function isOnshikitError(value: unknown): value is OnshikitError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[FAMILY] === true;
}

/**
 * @internal Marks `error` as an onshi-kit error of `className` (call it in the constructor of
 * every class of the chain: a subclass carries its parent's brand too).
 */
export function brandError(error: Error, className: string): void {
  Object.defineProperty(error, FAMILY, { value: true });
  Object.defineProperty(error, classBrand(className), { value: true });
}

/** @internal The `Symbol.hasInstance` of a branded class: true for its errors from any copy. */
export function hasErrorBrand(value: unknown, className: string): boolean {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[classBrand(className)] === true
  );
}
