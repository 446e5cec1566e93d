/**
 * Building blocks of the form schemas: the normaliser step every field runs first, domain
 * issues that carry a stable code, and field metadata (labels) for JSON Schema and UIs.
 * @module
 */
import { z } from 'zod';
import type { Validation } from '../errors.js';
import {
  messageFromParams,
  type FormDetailOption,
  type FormOptionsArg,
  type FormPositionOption,
  type PortalFormsErrorCode,
} from '../messages.js';
import { normalizeFormValue, type NormalizeKind } from '../normalize.js';

/** Labels of a form field, merged into the exported JSON Schema. */
export interface FormFieldMeta {
  /** Japanese label as on the portal. */
  title: string;
  /** English label. */
  'x-title-en': string;
  /** Extra notes (which normalisation runs, what is unknown). */
  description?: string;
  [key: string]: unknown;
}

/** The registry of field labels (kept apart from zod's global registry: no global side effects). */
export const formFieldRegistry = z.registry<FormFieldMeta>();

/** The `params` of a domain issue: the code and the values its message was built from. */
export interface FormIssueParams {
  code: PortalFormsErrorCode;
  position?: number;
  [key: string]: unknown;
}

/**
 * What {@link addFormIssue} writes to: the `ctx` of a zod `superRefine` / `check` callback, or
 * anything else with a compatible `addIssue`.
 */
export interface FormIssueSink {
  addIssue(issue: {
    code: 'custom';
    message: string;
    params: FormIssueParams;
    path?: PropertyKey[];
    continue?: boolean;
  }): void;
}

/**
 * Options of {@link addFormIssue} for code `C`: the code's typed `detail` (required when its message
 * needs values), `position` for the codes that have one, and the issue's `path`.
 */
export type FormIssueOptions<C extends PortalFormsErrorCode = PortalFormsErrorCode> = {
  readonly path?: PropertyKey[] | undefined;
} & FormPositionOption<C> &
  FormDetailOption<C>;

/**
 * Adds a domain issue. Its zod `message` is the Japanese text (the portal's language); the
 * flat error list ({@link toFormErrors}) gives both languages from `params.code`.
 */
export function addFormIssue<C extends PortalFormsErrorCode>(
  ctx: FormIssueSink,
  code: C,
  ...[options]: FormOptionsArg<C, FormIssueOptions<C>>
): void {
  const params = { ...options?.detail, code } as FormIssueParams;
  if (options?.position !== undefined) params.position = options.position;
  const issue: Parameters<FormIssueSink['addIssue']>[0] = {
    code: 'custom',
    message: messageFromParams(code, params).ja,
    params,
  };
  if (options?.path !== undefined) issue.path = options.path;
  ctx.addIssue(issue);
}

/** Reports a failed {@link Validation} as a domain issue. Returns whether it was ok. */
export function reportValidation<T>(
  ctx: FormIssueSink,
  result: Validation<T>,
  path?: PropertyKey[],
): result is { ok: true; value: T } {
  if (result.ok) return true;
  // The failure's detail already holds its position (as the error's detail does).
  addFormIssue(ctx, result.code, { detail: result.detail, path });
  return false;
}

/** Runs the normaliser of `kind` (or a custom one), then `inner`. */
export function normalized<T extends z.ZodType>(kind: NormalizeKind | ((value: unknown) => unknown), inner: T) {
  const normalize = typeof kind === 'function' ? kind : (value: unknown) => normalizeFormValue(value, kind);
  return z.preprocess(normalize, inner);
}

/** Attaches labels to a field schema and returns it. */
export function labelled<T extends z.ZodType>(schema: T, meta: FormFieldMeta): T {
  formFieldRegistry.add(schema, meta);
  return schema;
}

/** Position of the first C0/C1 control character (tabs and newlines included), or -1. */
export function controlCharacterAt(value: string): number {
  let i = 0;
  for (const c of value) {
    const cp = c.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return i;
    i += 1;
  }
  return -1;
}

/**
 * A required free-text field (names): not empty, no control characters, at most `maximum`
 * characters (code points).
 */
export function requiredText(maximum: number) {
  return z.string().superRefine((value, ctx) => {
    if (value === '') return addFormIssue(ctx, 'FORM_REQUIRED');
    const at = controlCharacterAt(value);
    if (at >= 0) return addFormIssue(ctx, 'FORM_CONTROL_CHARACTER', { position: at });
    if ([...value].length > maximum) addFormIssue(ctx, 'FORM_TOO_LONG', { detail: { maximum } });
  });
}

/** A required field whose characters must all match `allowed`, 1 to `maximum` characters. */
export function requiredCharacters(allowed: RegExp, maximum: number, label: { ja: string; en: string }) {
  return z.string().superRefine((value, ctx) => {
    if (value === '') return addFormIssue(ctx, 'FORM_REQUIRED');
    let i = 0;
    for (const c of value) {
      if (!allowed.test(c)) {
        return addFormIssue(ctx, 'FORM_CHARACTERS', {
          position: i,
          detail: { allowedJa: label.ja, allowedEn: label.en },
        });
      }
      i += 1;
    }
    if (i > maximum) addFormIssue(ctx, 'FORM_TOO_LONG', { detail: { maximum } });
  });
}

/** A checkbox that must be ticked: `true`, `"on"` or `"true"`; empty or missing counts as not ticked. */
export function agreementField() {
  return normalized(
    (v) => (v === undefined || v === null || v === '' ? false : v === 'on' || v === 'true' ? true : v),
    z.boolean().superRefine((value, ctx) => {
      if (!value) addFormIssue(ctx, 'FORM_AGREEMENT_REQUIRED');
    }),
  );
}
