/**
 * Validation results as a flat list `{ path, code, message: { ja, en } }` that form libraries
 * (react-hook-form, vee-validate, plain DOM) map to fields. Domain issues take both messages from
 * this package's catalogue; generic issues take them from zod 4's built-in `ja` and `en` locales
 * (called directly, so zod's global config is never touched).
 * @module
 */
import { z } from 'zod';
import {
  formMessage,
  isPortalFormsErrorCode,
  messageFromParams,
  type FormMessage,
  type PortalFormsErrorCode,
} from './messages.js';

/** A domain code of this package, or a zod issue code for generic rules (`invalid_format`, `too_big` …). */
export type FormErrorCode = PortalFormsErrorCode | z.core.$ZodIssue['code'];

/** One error for one field. */
export interface FormError {
  /** Dotted field path as form libraries use it (`passwordConfirmation`, `items.0.name`); `''` for the form. */
  readonly path: string;
  /** Stable code (see {@link FormErrorCode}). */
  readonly code: FormErrorCode;
  /** The message in both languages. */
  readonly message: FormMessage;
  /** 0-based index of the offending character or digit, where it helps (check digits). */
  readonly position?: number;
}

/** Result of {@link validateForm}. */
export type FormValidation<T> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly errors: readonly FormError[] };

let locales: { ja: z.core.$ZodErrorMap; en: z.core.$ZodErrorMap } | undefined;
function zodLocales(): { ja: z.core.$ZodErrorMap; en: z.core.$ZodErrorMap } {
  locales ??= { ja: z.locales.ja().localeError, en: z.locales.en().localeError };
  return locales;
}

const isBlank = (v: unknown): boolean => v === undefined || v === null || v === '';

/** Generic zod issues that are really "fill this in" or "type a number" on a form. */
function formCodeOf(issue: z.core.$ZodIssue): 'FORM_REQUIRED' | 'FORM_INTEGER' | 'FORM_CHOICE_REQUIRED' | undefined {
  const hasInput = 'input' in issue;
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      if (hasInput && isBlank(input)) return 'FORM_REQUIRED';
      if (
        (issue.expected === 'number' || issue.expected === 'int') &&
        (typeof input === 'string' || typeof input === 'number')
      )
        return 'FORM_INTEGER';
      return undefined;
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) === 1 ? 'FORM_REQUIRED' : undefined;
    case 'invalid_value':
      return hasInput && isBlank(input) ? 'FORM_CHOICE_REQUIRED' : undefined;
    case 'invalid_union':
      return 'discriminator' in issue || (issue as { note?: unknown }).note === 'No matching discriminator'
        ? 'FORM_CHOICE_REQUIRED'
        : undefined;
    default:
      return undefined;
  }
}

function messageOf(map: z.core.$ZodErrorMap, issue: z.core.$ZodIssue): string {
  const out = map(issue as never);
  if (typeof out === 'string') return out;
  return out?.message ?? issue.message;
}

/**
 * Turns zod issues into the flat list. Works on any issues; for "required" detection on
 * missing values parse with `{ reportInput: true }` as {@link validateForm} does. Inputs are never
 * copied into the result (a password stays out of error lists).
 */
export function toFormErrors(issues: readonly z.core.$ZodIssue[]): FormError[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const params = (issue as { params?: Record<string, unknown> }).params;
    if (issue.code === 'custom' && params !== undefined && isPortalFormsErrorCode(params.code)) {
      const error: FormError = { path, code: params.code, message: messageFromParams(params.code, params) };
      return typeof params.position === 'number' ? { ...error, position: params.position } : error;
    }
    const mapped = formCodeOf(issue);
    if (mapped !== undefined) return { path, code: mapped, message: formMessage(mapped) };
    const { ja, en } = zodLocales();
    return { path, code: issue.code, message: { ja: messageOf(ja, issue), en: messageOf(en, issue) } };
  });
}

/**
 * Validates a form synchronously and returns the data or the flat error list. Never throws for
 * any input; a Blob attachment (which needs an asynchronous read) gives `FORM_ASYNC_REQUIRED`:
 * use {@link validateFormAsync} for forms with files.
 *
 * @example
 * ```ts
 * const r = validateForm(userRegistrationSchema, form);
 * if (!r.success) for (const e of r.errors) console.log(e.path, e.message.ja);
 * ```
 */
export function validateForm<S extends z.ZodType>(schema: S, input: unknown): FormValidation<z.output<S>> {
  try {
    const result = schema.safeParse(input, { reportInput: true });
    return result.success
      ? { success: true, data: result.data }
      : { success: false, errors: toFormErrors(result.error.issues) };
  } catch (error) {
    if (error instanceof z.core.$ZodAsyncError) {
      return {
        success: false,
        errors: [{ path: '', code: 'FORM_ASYNC_REQUIRED', message: formMessage('FORM_ASYNC_REQUIRED') }],
      };
    }
    throw error;
  }
}

/** Like {@link validateForm}, also for forms with Blob attachments. */
export async function validateFormAsync<S extends z.ZodType>(
  schema: S,
  input: unknown,
): Promise<FormValidation<z.output<S>>> {
  const result = await schema.safeParseAsync(input, { reportInput: true });
  return result.success
    ? { success: true, data: result.data }
    : { success: false, errors: toFormErrors(result.error.issues) };
}

/**
 * The first error per field in one language, keyed by path: the shape react-hook-form's
 * `errors` (and most form libraries) want.
 */
export function toFieldErrors(
  errors: readonly FormError[],
  language: 'ja' | 'en' = 'ja',
): Record<string, { type: string; message: string }> {
  const out: Record<string, { type: string; message: string }> = {};
  for (const e of errors) out[e.path] ??= { type: e.code, message: e.message[language] };
  return out;
}
