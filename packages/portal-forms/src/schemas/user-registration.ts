/**
 * 初回ログイン時ユーザー登録 of the 施術所等向け総合ポータルサイト (seed guide ①-⑨;
 * docs/reference/portal-rules.md#user-registration, docs/reference/numbers-and-forms.md#juryo-inin).
 * @module
 */
import { z } from 'zod';
import { validateRegistrationSymbolNumber } from '../registration-number.js';
import { normalizeFormValue, stripSeparators } from '../normalize.js';
import { addFormIssue, agreementField, labelled, normalized, requiredCharacters, requiredText } from './field.js';
import { phoneNumberSchema, registrationSymbolNumberSchema } from './numbers.js';
import { passwordSchema } from './password.js';

/**
 * 所属機関選択 choices. The guide names 施術所(柔道整復); the other choices are implied by the
 * 資格確認限定型 target list but not enumerated publicly (docs/reference/portal-rules.md#user-registration ⚠️). Add entries here as
 * they become known: the schema and the demo page are built from this list.
 */
export const AFFILIATIONS = [
  { value: 'judo-therapy', ja: '施術所(柔道整復)', en: 'Clinic (judo therapy)' },
  {
    value: 'ahaki',
    ja: '施術所(あん摩マッサージ指圧・はり・きゅう)',
    en: 'Clinic (massage, acupuncture, moxibustion)',
  },
] as const;

/** A 所属機関 value. */
export type Affiliation = (typeof AFFILIATIONS)[number]['value'];

/** 協 (協定) or 契 (契約), docs/reference/numbers-and-forms.md#juryo-inin. */
export const AGREEMENT_TYPES = [
  { value: '協', ja: '協定', en: 'Collective agreement (協定)' },
  { value: '契', ja: '契約', en: 'Individual contract (契約)' },
] as const;

/** Longest 姓/名. TODO(docs/reference/portal-rules.md#user-registration): the portal's limit is not public; 50 is permissive. */
export const NAME_MAX = 50;
/** Longest 施術所名. TODO(docs/reference/portal-rules.md#user-registration): not public; 100 is permissive. */
export const CLINIC_NAME_MAX = 100;
/**
 * 柔整師番号 shape. TODO(docs/reference/numbers-and-forms.md#juryo-inin, docs/reference/portal-rules.md#open-questions): the format is not public (one rececon
 * builds 協27 + a 5-digit 新柔整師番号); any 1-10 digits are accepted.
 */
export const PRACTITIONER_NUMBER_MAX = 10;

const practitionerNumber = normalized((v) => {
  if (typeof v !== 'string') return v;
  const digits = stripSeparators(normalizeFormValue(v, 'digits'));
  return digits === '' ? undefined : digits;
}, requiredCharacters(/[0-9]/, PRACTITIONER_NUMBER_MAX, { ja: '半角数字', en: 'digits' }).optional());

/** Longest e-mail address (RFC 5321 path limit). */
export const EMAIL_MAX = 254;

/**
 * Required, then zod's own e-mail rule (its generic message in ja/en). Not `.min(1, { abort })`:
 * an aborting issue would stop the cross-field rules from reporting on other fields.
 */
const emailAddress = z.string().superRefine((value, ctx) => {
  if (value === '') return addFormIssue(ctx, 'FORM_REQUIRED');
  if (value.length > EMAIL_MAX) return addFormIssue(ctx, 'FORM_TOO_LONG', { detail: { maximum: EMAIL_MAX } });
  if (!z.regexes.email.test(value)) {
    ctx.addIssue({ code: 'invalid_format', format: 'email', pattern: z.regexes.email.source, input: value });
  }
});

const shape = {
  familyName: labelled(normalized('name', requiredText(NAME_MAX)), {
    title: '姓',
    'x-title-en': 'Family name',
    description: '前後の空白だけを除き、文字は変えません',
  }),
  givenName: labelled(normalized('name', requiredText(NAME_MAX)), {
    title: '名',
    'x-title-en': 'Given name',
    description: '前後の空白だけを除き、文字は変えません',
  }),
  affiliation: labelled(z.enum(AFFILIATIONS.map((a) => a.value) as [Affiliation, ...Affiliation[]]), {
    title: '所属機関',
    'x-title-en': 'Affiliation',
  }),
  agreementType: labelled(z.enum(['協', '契']), { title: '協定/契約', 'x-title-en': 'Agreement type' }),
  practitionerNumber: labelled(practitionerNumber, {
    title: '柔整師番号',
    'x-title-en': 'Judo therapist number',
    description: '施術所(柔道整復)では必須',
  }),
  registrationSymbolNumber: registrationSymbolNumberSchema,
  clinicName: labelled(normalized('name', requiredText(CLINIC_NAME_MAX)), {
    title: '施術所名',
    'x-title-en': 'Clinic name',
  }),
  phoneNumber: phoneNumberSchema,
  email: labelled(normalized('code', emailAddress), {
    title: 'メールアドレス',
    'x-title-en': 'E-mail address',
    format: 'email',
    maxLength: EMAIL_MAX,
  }),
  password: passwordSchema,
  passwordConfirmation: labelled(z.string().min(1), {
    title: 'パスワード(確認用)',
    'x-title-en': 'Password (confirmation)',
  }),
  agreeToTerms: labelled(agreementField(), {
    title: '利用規約・プライバシーポリシーに同意',
    'x-title-en': 'Agree to the terms of use and privacy policy',
    const: true,
  }),
};

type Shape = { [K in keyof typeof shape]: z.output<(typeof shape)[K]> };
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * The user registration form. Cross-field rules: 柔整師番号 required for 施術所(柔道整復); the
 * 登録記号番号's 協/契 (when typed) must match the choice and is written from the choice
 * otherwise; the confirmation must equal the password (the error is on `passwordConfirmation`).
 *
 * @example
 * ```ts
 * const r = userRegistrationSchema.safeParse(form);
 * ```
 */
export const userRegistrationSchema = z
  .object(shape)
  .superRefine(
    (value, ctx) => {
      if (value.affiliation === 'judo-therapy' && value.practitionerNumber === undefined) {
        addFormIssue(ctx, 'FORM_PRACTITIONER_NUMBER_REQUIRED', { path: ['practitionerNumber'] });
      }
    },
    {
      when: (p) =>
        isRecord(p.value) && p.value.affiliation === 'judo-therapy' && p.value.practitionerNumber === undefined,
    },
  )
  .superRefine(
    (value, ctx) => {
      const parsed = validateRegistrationSymbolNumber(value.registrationSymbolNumber);
      if (parsed.ok && parsed.value.agreement !== undefined && parsed.value.agreement !== value.agreementType) {
        addFormIssue(ctx, 'FORM_REGISTRATION_PREFIX_MISMATCH', {
          path: ['registrationSymbolNumber'],
          detail: { actual: parsed.value.agreement, expected: value.agreementType },
        });
      }
    },
    {
      when: (p) =>
        isRecord(p.value) &&
        typeof p.value.registrationSymbolNumber === 'string' &&
        (p.value.agreementType === '協' || p.value.agreementType === '契'),
    },
  )
  .superRefine(
    (value, ctx) => {
      if (value.password !== value.passwordConfirmation)
        addFormIssue(ctx, 'FORM_PASSWORD_MISMATCH', { path: ['passwordConfirmation'] });
    },
    {
      when: (p) =>
        isRecord(p.value) &&
        typeof p.value.password === 'string' &&
        typeof p.value.passwordConfirmation === 'string' &&
        p.value.passwordConfirmation !== '',
    },
  )
  .overwrite((value) => {
    const parsed = validateRegistrationSymbolNumber(value.registrationSymbolNumber);
    if (!parsed.ok) return value;
    const { digits, suffix } = parsed.value;
    return {
      ...value,
      registrationSymbolNumber:
        `${value.agreementType}${digits}-${suffix[0]}-${suffix[1]}` as Shape['registrationSymbolNumber'],
    };
  });

/** What a valid user registration form gives (normalised). */
export type UserRegistration = z.infer<typeof userRegistrationSchema>;
/** What a user registration form may hold before validation. */
export type UserRegistrationInput = z.input<typeof userRegistrationSchema>;
