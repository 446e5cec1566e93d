import {
  messageFromParams,
  type FormDetailOption,
  type FormMessage,
  type FormOptionsArg,
  type FormPositionOption,
  type PortalFormsErrorCode,
  type PortalFormsErrorDetails,
} from './messages.js';

/**
 * Options for a {@link PortalFormsError} of code `C`: `detail` (the values for the message, never
 * secrets) is required when the code's message needs values; `position` (0-based index of the
 * offending character in the normalised input) is accepted by the codes whose detail has one.
 */
export type PortalFormsErrorOptions<C extends PortalFormsErrorCode = PortalFormsErrorCode> = {
  readonly cause?: unknown;
} & FormPositionOption<C> &
  FormDetailOption<C>;

/** The detail an error or failure carries: the options' detail with the position merged in. */
function detailOf<C extends PortalFormsErrorCode>(
  options: PortalFormsErrorOptions<C> | undefined,
): PortalFormsErrorDetails[C] {
  const detail: Record<string, unknown> = { ...options?.detail };
  if (options?.position !== undefined) detail.position = options.position;
  return detail as PortalFormsErrorDetails[C];
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
export class PortalFormsError<C extends PortalFormsErrorCode = PortalFormsErrorCode> extends Error {
  /** Stable machine-readable code. */
  readonly code: C;
  /** 0-based index of the offending character (e.g. the check digit), if known. */
  readonly position: number | undefined;
  /** The message in Japanese and English. */
  readonly messages: FormMessage;
  /** Values the message was built from (never secrets), typed per code: narrow with {@link PortalFormsError.hasCode}. */
  readonly detail: PortalFormsErrorDetails[C];

  constructor(code: C, ...[options]: FormOptionsArg<C, PortalFormsErrorOptions<C>>) {
    const detail = detailOf(options);
    const messages = messageFromParams(code, detail);
    const at = options?.position === undefined ? '' : ` @${options.position}`;
    super(
      `[${code}]${at} ${messages.en} / ${messages.ja}`,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'PortalFormsError';
    this.code = code;
    this.position = options?.position;
    this.messages = messages;
    this.detail = detail;
    Object.defineProperty(this, FAMILY, { value: true });
    Object.defineProperty(this, BRAND, { value: true });
  }

  /**
   * True when this error has `code`; narrows `code` and `detail` to that code's types:
   * `if (e instanceof PortalFormsError && e.hasCode('FORM_CHECK_DIGIT')) e.detail.expected`.
   */
  hasCode<K extends PortalFormsErrorCode>(code: K): this is PortalFormsError<K> {
    return (this.code as PortalFormsErrorCode) === code;
  }

  /** `instanceof` holds for errors from any entry point of this package (each bundle has its own class copy). */
  static override [Symbol.hasInstance](value: unknown): value is PortalFormsError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}

/** A failed validation: the code and position at hand, the full error built when first read. */
export interface ValidationFailure<C extends PortalFormsErrorCode = PortalFormsErrorCode> {
  readonly ok: false;
  readonly code: C;
  readonly position: number | undefined;
  /** Values for the message (never secrets). */
  readonly detail: PortalFormsErrorDetails[C];
  /** The typed error with both messages (created on first access: failures are cheap while typing). */
  readonly error: PortalFormsError<C>;
}

/** Result of a validator that does not throw. */
export type Validation<T> = { readonly ok: true; readonly value: T } | ValidationFailure;

/** @internal */
export function fail<C extends PortalFormsErrorCode>(
  code: C,
  ...[options]: FormOptionsArg<C, PortalFormsErrorOptions<C>>
): ValidationFailure<C> {
  let error: PortalFormsError<C> | undefined;
  return {
    ok: false,
    code,
    position: options?.position,
    detail: detailOf(options),
    get error(): PortalFormsError<C> {
      error ??= new PortalFormsError(code, ...([options] as FormOptionsArg<C, PortalFormsErrorOptions<C>>));
      return error;
    },
  };
}
