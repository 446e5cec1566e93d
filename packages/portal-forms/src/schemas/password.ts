/**
 * The portal password: 8 to 100 characters with at least one upper-case letter, one lower-case
 * letter and one digit (seed guide ⑥; docs/reference/portal-rules.md#user-registration). It is never normalised or
 * trimmed: what is checked is what the portal receives.
 *
 * ⚠️ The guide does not say whether full-width or other non-ASCII characters are allowed; they
 * are rejected here because typing the password with the IME on is the common mistake and the
 * characters would not be "大文字・小文字・数字" the portal counts.
 * @module
 */
import { z } from 'zod';
import { addFormIssue, labelled } from './field.js';

/** Shortest password. */
export const PASSWORD_MIN = 8;
/** Longest password. */
export const PASSWORD_MAX = 100;

/** The password rules as a zod schema; every failing rule is reported, not only the first. */
export const passwordSchema = labelled(
  z.string().superRefine((value, ctx) => {
    if (value === '') return addFormIssue(ctx, 'FORM_REQUIRED');
    const chars = [...value];
    const bad = chars.findIndex((c) => c < ' ' || c > '~');
    if (bad >= 0) addFormIssue(ctx, 'FORM_PASSWORD_CHARACTERS', { position: bad });
    if (chars.length < PASSWORD_MIN || chars.length > PASSWORD_MAX) {
      addFormIssue(ctx, 'FORM_PASSWORD_LENGTH', {
        detail: { minimum: PASSWORD_MIN, maximum: PASSWORD_MAX, actual: chars.length },
      });
    }
    if (!/[A-Z]/.test(value)) addFormIssue(ctx, 'FORM_PASSWORD_UPPERCASE');
    if (!/[a-z]/.test(value)) addFormIssue(ctx, 'FORM_PASSWORD_LOWERCASE');
    if (!/[0-9]/.test(value)) addFormIssue(ctx, 'FORM_PASSWORD_DIGIT');
  }),
  {
    title: 'パスワード',
    'x-title-en': 'Password',
    minLength: PASSWORD_MIN,
    maxLength: PASSWORD_MAX,
    description: '大文字・小文字・数字をそれぞれ1文字以上',
  },
);
