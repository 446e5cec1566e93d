/**
 * zod schemas for the numbers a clinic types. Each normalises first (full-width → half-width,
 * hyphens/spaces out where the number has none) and reports the validators' codes as issues.
 * @module
 */
import { z } from 'zod';
import {
  validateInsuredBranchNumber,
  validateInsuredCardNumber,
  validateInsuredCardSymbol,
  type InsuredBranchNumber,
  type InsuredCardNumber,
  type InsuredCardSymbol,
} from '../insured-card.js';
import { validateInsurerNumber, type InsurerNumber } from '../insurer-number.js';
import { normalizeFormValue, stripSeparators } from '../normalize.js';
import { normalizePhoneNumber, validatePhoneNumber, type PhoneNumber } from '../phone.js';
import {
  validatePublicExpensePayerNumber,
  validatePublicExpenseRecipientNumber,
  type PublicExpensePayerNumber,
  type PublicExpenseRecipientNumber,
} from '../public-expense.js';
import { validateRegistrationSymbolNumber, type RegistrationSymbolNumber } from '../registration-number.js';
import { labelled, normalized, reportValidation } from './field.js';

const digitsOnly = (v: unknown): unknown =>
  typeof v === 'string' ? stripSeparators(normalizeFormValue(v, 'digits')) : v;

/**
 * A zod schema whose output is `T`: a normalised string that passed the matching validator
 * (for example {@link InsurerNumber}), accepting any input.
 */
export type CheckedSchema<T> = z.ZodType<T, unknown>;

/** 保険者番号: 8 digits, or 6 for 国保 (an `00`-padded 国保 number becomes 6 digits). */
export const insurerNumberSchema = labelled(
  normalized(
    (v) => {
      const d = digitsOnly(v);
      return typeof d === 'string' && /^00[0-9]{6}$/.test(d) ? d.slice(2) : d;
    },
    z.string().superRefine((v, ctx) => void reportValidation(ctx, validateInsurerNumber(v))),
  ),
  { title: '保険者番号', 'x-title-en': 'Insurer number', pattern: '^([0-9]{6}|[0-9]{8})$' },
) as unknown as CheckedSchema<InsurerNumber>;

/** 公費負担者番号: 8 digits with check digit. */
export const publicExpensePayerNumberSchema = labelled(
  normalized(
    digitsOnly,
    z.string().superRefine((v, ctx) => void reportValidation(ctx, validatePublicExpensePayerNumber(v))),
  ),
  { title: '公費負担者番号', 'x-title-en': 'Public expense payer number', pattern: '^[0-9]{8}$' },
) as unknown as CheckedSchema<PublicExpensePayerNumber>;

/** 受給者番号 (公費): 7 digits with check digit. */
export const publicExpenseRecipientNumberSchema = labelled(
  normalized(
    digitsOnly,
    z.string().superRefine((v, ctx) => void reportValidation(ctx, validatePublicExpenseRecipientNumber(v))),
  ),
  { title: '受給者番号', 'x-title-en': 'Public expense recipient number', pattern: '^[0-9]{7}$' },
) as unknown as CheckedSchema<PublicExpenseRecipientNumber>;

/** 被保険者記号: NFKC, dashes → "-", kanji/kana kept. */
export const insuredCardSymbolSchema = labelled(
  normalized(
    'symbol',
    z.string().superRefine((v, ctx) => void reportValidation(ctx, validateInsuredCardSymbol(v))),
  ),
  { title: '被保険者記号', 'x-title-en': 'Insured card symbol' },
) as unknown as CheckedSchema<InsuredCardSymbol>;

/** 被保険者番号: same normalisation as the symbol. */
export const insuredCardNumberSchema = labelled(
  normalized(
    'symbol',
    z.string().superRefine((v, ctx) => void reportValidation(ctx, validateInsuredCardNumber(v))),
  ),
  { title: '被保険者番号', 'x-title-en': 'Insured card number' },
) as unknown as CheckedSchema<InsuredCardNumber>;

/** 枝番: exactly 2 digits, kept as a string. */
export const insuredBranchNumberSchema = labelled(
  normalized(
    'digits',
    z.string().superRefine((v, ctx) => void reportValidation(ctx, validateInsuredBranchNumber(v))),
  ),
  { title: '枝番', 'x-title-en': 'Branch number', pattern: '^[0-9]{2}$' },
) as unknown as CheckedSchema<InsuredBranchNumber>;

/** 電話番号: half-width digits without hyphens, Japanese length/prefix rules. */
export const phoneNumberSchema = labelled(
  normalized(
    (v) => (typeof v === 'string' ? normalizePhoneNumber(v) : v),
    z.string().superRefine((v, ctx) => void reportValidation(ctx, validatePhoneNumber(v))),
  ),
  {
    title: '電話番号',
    'x-title-en': 'Phone number',
    pattern: '^0[0-9]{9,10}$',
    description: '半角数字・ハイフンなし(全角数字とハイフンは自動で変換)',
  },
) as unknown as CheckedSchema<PhoneNumber>;

/** 登録記号番号: `協|契` + 7 digits + `-d-d`, hyphens optional on input, written back with hyphens. */
export const registrationSymbolNumberSchema = labelled(
  normalized(
    (v) => {
      if (typeof v !== 'string') return v;
      const r = validateRegistrationSymbolNumber(v);
      return r.ok ? r.value.formatted : normalizeFormValue(v, 'digits');
    },
    z.string().superRefine((v, ctx) => void reportValidation(ctx, validateRegistrationSymbolNumber(v))),
  ),
  { title: '登録記号番号', 'x-title-en': 'Registration symbol number', pattern: '^[協契]?[0-9]{7}-[0-9]-[0-9]$' },
) as unknown as CheckedSchema<RegistrationSymbolNumber>;
