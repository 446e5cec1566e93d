import { formMessage, type FormMessage, type MessageDetail, type PortalFormsErrorCode } from './messages.js';

/** Options for a {@link PortalFormsError}. */
export interface PortalFormsErrorOptions {
  /** 0-based index of the offending character in the normalised input, where it helps. */
  position?: number;
  /** Values for the message; never secrets. */
  detail?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * Marks errors of this class across bundle copies (the `./wareki` and `./numbers` entries carry
 * their own copy, and an app may load both the ESM and the CJS build). The symbols are the ones
 * every onshi-kit error family uses (`isOnshikitError` in @onshikit/apdu reads FAMILY); this
 * package stands alone, so it names them itself instead of importing apdu.
 */
const FAMILY = Symbol.for('@onshikit/error');
const BRAND = Symbol.for('@onshikit/error:PortalFormsError');

/**
 * The error every non-schema function of this package throws or returns for bad input.
 * Schemas never throw it: they report the same codes as zod issues.
 *
 * @example
 * ```ts
 * const r = validateInsurerNumber('01130013');
 * if (!r.ok) console.log(r.error.code, r.error.position, r.error.messages.ja);
 * ```
 */
export class PortalFormsError extends Error {
  /** Stable machine-readable code. */
  readonly code: PortalFormsErrorCode;
  /** 0-based index of the offending character (e.g. the check digit), if known. */
  readonly position: number | undefined;
  /** The message in Japanese and English. */
  readonly messages: FormMessage;
  /** Values the message was built from (never secrets). */
  readonly detail: MessageDetail;

  constructor(code: PortalFormsErrorCode, options: PortalFormsErrorOptions = {}) {
    const detail: Record<string, unknown> = { ...options.detail };
    if (options.position !== undefined) detail.position = options.position;
    const messages = formMessage(code, detail);
    const at = options.position === undefined ? '' : ` @${options.position}`;
    super(
      `[${code}]${at} ${messages.en} / ${messages.ja}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'PortalFormsError';
    this.code = code;
    this.position = options.position;
    this.messages = messages;
    this.detail = detail;
    Object.defineProperty(this, FAMILY, { value: true });
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** `instanceof` holds for errors from any entry point of this package (each bundle has its own class copy). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}

/** A failed validation: the code and position at hand, the full error built when first read. */
export interface ValidationFailure {
  readonly ok: false;
  readonly code: PortalFormsErrorCode;
  readonly position: number | undefined;
  /** Values for the message (never secrets). */
  readonly detail: MessageDetail;
  /** The typed error with both messages (created on first access: failures are cheap while typing). */
  readonly error: PortalFormsError;
}

/** Result of a validator that does not throw. */
export type Validation<T> = { readonly ok: true; readonly value: T } | ValidationFailure;

/** @internal */
export function fail(code: PortalFormsErrorCode, options: PortalFormsErrorOptions = {}): ValidationFailure {
  let error: PortalFormsError | undefined;
  const detail: Record<string, unknown> = { ...options.detail };
  if (options.position !== undefined) detail.position = options.position;
  return {
    ok: false,
    code,
    position: options.position,
    detail,
    get error(): PortalFormsError {
      error ??= new PortalFormsError(code, options);
      return error;
    },
  };
}
