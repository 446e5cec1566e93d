/**
 * The three forms of the demo as data: which fields, their labels in both languages, and the
 * schema that validates them. The web reception demo reuses these definitions with
 * {@link renderForm} from ./form-view.ts.
 */
import {
  AFFILIATIONS,
  AGREEMENT_TYPES,
  appSettingsSchema,
  FACILITY_CONFIRMATION_METHODS,
  usageStartApplicationSchema,
  userRegistrationSchema,
  type FormMessage,
  type validateFormAsync,
} from '@onshikit/portal-forms';

/** Any schema of @onshikit/portal-forms (a zod schema). */
export type FormSchema = Parameters<typeof validateFormAsync>[0];

/** A choice of a select or a radio group. */
export interface FieldOption {
  readonly value: string;
  readonly ja: string;
  readonly en: string;
}

/** One input of a form. */
export interface FieldDefinition {
  /** The schema's field name (also the input's `name`). */
  readonly name: string;
  readonly label: FormMessage;
  readonly input: 'text' | 'password' | 'email' | 'tel' | 'select' | 'radio' | 'checkbox' | 'file';
  readonly hint?: FormMessage;
  readonly placeholder?: string;
  readonly options?: readonly FieldOption[];
  /** Shown only when this returns true for the current values (discriminated unions). */
  readonly visibleWhen?: (values: Readonly<Record<string, unknown>>) => boolean;
}

/** A form: its schema, title and fields. */
export interface FormDefinition {
  readonly id: string;
  readonly title: FormMessage;
  readonly schema: FormSchema;
  readonly fields: readonly FieldDefinition[];
  /** Fields never shown in the result (secrets). */
  readonly secretFields: readonly string[];
}

const isRecords = (v: Readonly<Record<string, unknown>>): boolean => v.facilityConfirmationMethod === 'records';
const isDocument = (v: Readonly<Record<string, unknown>>): boolean => v.facilityConfirmationMethod === 'document';

/** 初回ログイン時ユーザー登録. */
export const userRegistrationForm: FormDefinition = {
  id: 'user-registration',
  title: { ja: 'ポータルサイト ユーザー登録', en: 'Portal user registration' },
  schema: userRegistrationSchema,
  secretFields: ['password', 'passwordConfirmation'],
  fields: [
    { name: 'familyName', label: { ja: '姓', en: 'Family name' }, input: 'text' },
    { name: 'givenName', label: { ja: '名', en: 'Given name' }, input: 'text' },
    { name: 'affiliation', label: { ja: '所属機関', en: 'Affiliation' }, input: 'select', options: AFFILIATIONS },
    {
      name: 'agreementType',
      label: { ja: '協定/契約', en: 'Agreement type' },
      input: 'radio',
      options: AGREEMENT_TYPES,
    },
    {
      name: 'practitionerNumber',
      label: { ja: '柔整師番号', en: 'Judo therapist number' },
      input: 'text',
      hint: { ja: '施術所(柔道整復)では必須です', en: 'Required for judo-therapy clinics' },
    },
    {
      name: 'registrationSymbolNumber',
      label: { ja: '登録記号番号', en: 'Registration symbol number' },
      input: 'text',
      placeholder: '2804440-0-0',
      hint: {
        ja: '受領委任承諾通知書のとおり。ハイフンなしでも可',
        en: 'As on the acceptance notice; hyphens optional',
      },
    },
    { name: 'clinicName', label: { ja: '施術所名', en: 'Clinic name' }, input: 'text' },
    {
      name: 'phoneNumber',
      label: { ja: '電話番号', en: 'Phone number' },
      input: 'tel',
      placeholder: '0312345678',
      hint: {
        ja: '半角数字・ハイフンなし(全角やハイフンは自動で直します)',
        en: 'Digits without hyphens (full-width and hyphens are fixed for you)',
      },
    },
    { name: 'email', label: { ja: 'メールアドレス', en: 'E-mail address' }, input: 'email' },
    {
      name: 'password',
      label: { ja: 'パスワード', en: 'Password' },
      input: 'password',
      hint: {
        ja: '8〜100文字、大文字・小文字・数字をそれぞれ1文字以上',
        en: '8-100 characters with an upper-case letter, a lower-case letter and a digit',
      },
    },
    { name: 'passwordConfirmation', label: { ja: 'パスワード(確認用)', en: 'Password (again)' }, input: 'password' },
    {
      name: 'agreeToTerms',
      label: {
        ja: '利用規約とプライバシーポリシーに同意します',
        en: 'I agree to the terms of use and the privacy policy',
      },
      input: 'checkbox',
    },
  ],
};

/** マイナ資格確認アプリ 利用開始申請. */
export const usageStartApplicationForm: FormDefinition = {
  id: 'usage-start-application',
  title: { ja: 'マイナ資格確認アプリ 利用開始申請', en: 'App usage-start application' },
  schema: usageStartApplicationSchema,
  secretFields: [],
  fields: [
    {
      name: 'facilityConfirmationMethod',
      label: { ja: '施設の確認方法', en: 'How the facility is confirmed' },
      input: 'radio',
      options: FACILITY_CONFIRMATION_METHODS,
    },
    {
      name: 'managerBirthDate',
      label: { ja: '施術管理者の生年月日', en: "Managing practitioner's date of birth" },
      input: 'text',
      placeholder: '1980-02-17 / 昭和55年2月17日',
      hint: { ja: '西暦でも和暦(S55.2.17 など)でも入力できます', en: 'Western or Japanese era (e.g. S55.2.17)' },
      visibleWhen: isRecords,
    },
    { name: 'staffCount', label: { ja: '職員数', en: 'Number of staff' }, input: 'text', visibleWhen: isRecords },
    {
      name: 'deviceCount',
      label: { ja: '申請台数', en: 'Number of devices' },
      input: 'text',
      hint: { ja: '20台まで', en: 'Up to 20' },
      visibleWhen: isRecords,
    },
    {
      name: 'receiptNotice',
      label: { ja: '受領委任承諾通知書', en: 'Acceptance notice' },
      input: 'file',
      hint: { ja: 'PDF・JPEG・PNG・HEIC、100MBまで', en: 'PDF, JPEG, PNG or HEIC, up to 100 MB' },
      visibleWhen: isDocument,
    },
    {
      name: 'agreeToLimitedTypeTerms',
      label: { ja: '資格確認限定型の利用規約に同意します', en: 'I agree to the 資格確認限定型 terms' },
      input: 'checkbox',
    },
  ],
};

/** マイナ資格確認アプリユーザー設定情報. */
export const appSettingsForm: FormDefinition = {
  id: 'app-settings',
  title: { ja: 'アプリのユーザー設定情報', en: 'App settings sheet' },
  schema: appSettingsSchema,
  secretFields: ['password', 'passcode', 'activationCode'],
  fields: [
    { name: 'institutionCode', label: { ja: '機関コード', en: 'Institution code' }, input: 'text' },
    { name: 'institutionName', label: { ja: '機関名', en: 'Institution name' }, input: 'text' },
    { name: 'accountId', label: { ja: 'ID', en: 'ID' }, input: 'text', placeholder: 'W0000001' },
    { name: 'password', label: { ja: 'パスワード', en: 'Password' }, input: 'password' },
    { name: 'passcode', label: { ja: 'パスコード', en: 'Passcode' }, input: 'password' },
    { name: 'activationCode', label: { ja: 'アクティベーションコード', en: 'Activation code' }, input: 'text' },
  ],
};

/** All forms of the demo, in page order. */
export const FORM_DEFINITIONS: readonly FormDefinition[] = [
  userRegistrationForm,
  usageStartApplicationForm,
  appSettingsForm,
];
