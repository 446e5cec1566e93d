/**
 * The one catalogue of portal-forms messages (Japanese and English). Only domain-specific
 * messages live here; generic ones (wrong type, e-mail format, numeric bounds) come from
 * zod 4's built-in `ja` and `en` locales. A parity test checks every code has both languages.
 * @module
 */

/**
 * A form message in both languages the SDK speaks. The same shape as `LocalizedMessage` of
 * `@onshikit/apdu`, declared here because portal-forms depends on no other package.
 */
export interface FormMessage {
  readonly ja: string;
  readonly en: string;
}

/**
 * The values each code's message is built from (as zod types its issues): a factory of
 * {@link portalFormsMessages} can read only its code's keys, and `new PortalFormsError(code, { detail })`
 * checks them. `position` (0-based index of the offending character) is set through the error's
 * `position` option. Never a password or any other secret.
 */
export interface PortalFormsErrorDetails {
  FORM_REQUIRED: Record<string, never>;
  FORM_CHOICE_REQUIRED: Record<string, never>;
  FORM_INTEGER: Record<string, never>;
  FORM_TOO_LONG: { readonly maximum: number };
  FORM_CONTROL_CHARACTER: { readonly position?: number | undefined };
  FORM_CHARACTERS: {
    readonly position?: number | undefined;
    /** What may be typed, in words (「半角数字」), when the rule has a name. */
    readonly allowedJa?: string | undefined;
    readonly allowedEn?: string | undefined;
  };
  FORM_DIGITS_ONLY: { readonly position?: number | undefined };
  /** `expected`: the accepted lengths. */
  FORM_LENGTH: { readonly expected: number | readonly number[]; readonly actual: number };
  FORM_CHECK_DIGIT: {
    readonly position?: number | undefined;
    readonly expected: number;
    readonly actual: number;
    /** The number's name (「保険者番号」 / "insurer number"). */
    readonly labelJa?: string | undefined;
    readonly labelEn?: string | undefined;
  };
  FORM_PREFECTURE_CODE: { readonly value: string; readonly position?: number | undefined };
  FORM_HOUBETSU_UNKNOWN: { readonly value: string; readonly position?: number | undefined };
  FORM_PHONE_PREFIX: { readonly prefix: string; readonly position?: number | undefined };
  FORM_PHONE_LENGTH: { readonly prefix: string; readonly expected: number; readonly actual: number };
  FORM_PASSWORD_LENGTH: { readonly minimum: number; readonly maximum: number; readonly actual: number };
  FORM_PASSWORD_UPPERCASE: Record<string, never>;
  FORM_PASSWORD_LOWERCASE: Record<string, never>;
  FORM_PASSWORD_DIGIT: Record<string, never>;
  FORM_PASSWORD_CHARACTERS: { readonly position?: number | undefined };
  FORM_PASSWORD_MISMATCH: Record<string, never>;
  FORM_AGREEMENT_REQUIRED: Record<string, never>;
  FORM_REGISTRATION_FORMAT: Record<string, never>;
  FORM_REGISTRATION_PREFIX_MISMATCH: { readonly actual: string; readonly expected: string };
  FORM_PRACTITIONER_NUMBER_REQUIRED: Record<string, never>;
  FORM_DATE_FORMAT: Record<string, never>;
  FORM_DATE_IMPOSSIBLE: { readonly year: number; readonly month: number; readonly day: number };
  /** `eraYear` is `'元'` for the first year; `start` and `end` are ISO dates (`end` empty for the current era). */
  FORM_DATE_ERA_RANGE: {
    readonly eraJa: string;
    readonly eraEn: string;
    readonly eraYear: number | string;
    readonly month: number;
    readonly day: number;
    readonly start: string;
    readonly end: string;
  };
  /** ISO dates. */
  FORM_DATE_OUT_OF_RANGE: { readonly minimum: string; readonly maximum: string };
  /** ISO date. */
  FORM_DATE_FUTURE: { readonly today: string };
  FORM_STAFF_COUNT: Record<string, never>;
  FORM_DEVICE_COUNT: { readonly minimum: number; readonly maximum: number };
  FORM_FILE_REQUIRED: Record<string, never>;
  FORM_FILE_EMPTY: Record<string, never>;
  /** Bytes. */
  FORM_FILE_TOO_LARGE: { readonly size: number; readonly maximum: number };
  FORM_FILE_TYPE: Record<string, never>;
  FORM_FILE_UNREADABLE: Record<string, never>;
  FORM_ASYNC_REQUIRED: Record<string, never>;
}

/** Stable codes of every domain rule in this package. */
export type PortalFormsErrorCode = keyof PortalFormsErrorDetails;

/** Values a message is built from, untyped (what a zod issue's `params` carry). Never a password or any other secret. */
export type MessageDetail = Readonly<Record<string, unknown>>;

/** Builds one catalogue entry's Japanese and English message from its code's detail. */
export type FormMessageFactory<D = MessageDetail> = (detail: D) => FormMessage;

/** The codes among `C` whose detail has a required key (distributes over a union of codes). */
export type FormCodesNeedingDetail<C extends PortalFormsErrorCode> = C extends PortalFormsErrorCode
  ? Record<never, never> extends PortalFormsErrorDetails[C]
    ? never
    : C
  : never;

/** `[detail]`, required when some code in `C` needs values, optional otherwise. */
export type FormDetailArg<C extends PortalFormsErrorCode> = [FormCodesNeedingDetail<C>] extends [never]
  ? [detail?: PortalFormsErrorDetails[C] | undefined]
  : [detail: PortalFormsErrorDetails[C]];

/** The `detail` member of an options object: required when some code in `C` needs values. */
export type FormDetailOption<C extends PortalFormsErrorCode> = [FormCodesNeedingDetail<C>] extends [never]
  ? { readonly detail?: PortalFormsErrorDetails[C] | undefined }
  : { readonly detail: PortalFormsErrorDetails[C] };

/** The `position` member of an options object: only for codes whose detail has a `position`. */
export type FormPositionOption<C extends PortalFormsErrorCode> = C extends PortalFormsErrorCode
  ? string extends keyof PortalFormsErrorDetails[C]
    ? { readonly position?: undefined }
    : 'position' extends keyof PortalFormsErrorDetails[C]
      ? { readonly position?: number | undefined }
      : { readonly position?: undefined }
  : never;

/** `[options]`, required when some code in `C` needs values, optional otherwise. */
export type FormOptionsArg<C extends PortalFormsErrorCode, O> = [FormCodesNeedingDetail<C>] extends [never]
  ? [options?: O]
  : [options: O];

const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
/** "8" → "8桁目" / "8th", 1-based. */
const hasPosition = (position: unknown): position is number =>
  typeof position === 'number' && Number.isInteger(position) && position >= 0;
/** "(8文字目)" / "(8th character)", or nothing when the position is unknown. */
const nth = (position: unknown): { ja: string; en: string } => {
  if (!hasPosition(position)) return { ja: '', en: '' };
  const n = position + 1;
  const suffix =
    n % 10 === 1 && n % 100 !== 11
      ? 'st'
      : n % 10 === 2 && n % 100 !== 12
        ? 'nd'
        : n % 10 === 3 && n % 100 !== 13
          ? 'rd'
          : 'th';
  return { ja: `(${n}文字目)`, en: ` (${n}${suffix} character)` };
};
const lengths = (d: PortalFormsErrorDetails['FORM_LENGTH']): { ja: string; en: string } => {
  const expected = Array.isArray(d.expected) ? (d.expected as unknown[]).map(s) : [s(d.expected)];
  return { ja: expected.join('桁または') + '桁', en: expected.join(' or ') + ' digits' };
};

/** The catalogue: one factory per code. */
export const portalFormsMessages: {
  readonly [C in PortalFormsErrorCode]: FormMessageFactory<PortalFormsErrorDetails[C]>;
} = {
  FORM_REQUIRED: () => ({ ja: '入力してください。', en: 'This field is required.' }),
  FORM_CHOICE_REQUIRED: () => ({ ja: '選択してください。', en: 'Choose one of the options.' }),
  FORM_INTEGER: () => ({ ja: '半角数字(整数)で入力してください。', en: 'Enter a whole number.' }),
  FORM_TOO_LONG: (d) => ({
    ja: `${s(d.maximum)}文字以内で入力してください。`,
    en: `Use at most ${s(d.maximum)} characters.`,
  }),
  FORM_CONTROL_CHARACTER: (d) => ({
    ja: `使えない制御文字が含まれています${nth(d.position).ja}。`,
    en: `Contains a control character${nth(d.position).en}.`,
  }),
  FORM_CHARACTERS: (d) => ({
    ja: `使えない文字が含まれています${nth(d.position).ja}。${s(d.allowedJa) || '決められた文字'}で入力してください。`,
    en: `Contains a character that is not allowed${nth(d.position).en}. Use ${s(d.allowedEn) || 'the allowed characters'}.`,
  }),
  FORM_DIGITS_ONLY: (d) => ({
    ja: `半角数字で入力してください${hasPosition(d.position) ? `(${d.position + 1}文字目が数字ではありません)` : ''}。`,
    en: `Use digits only${hasPosition(d.position) ? ` (character ${d.position + 1} is not a digit)` : ''}.`,
  }),
  FORM_LENGTH: (d) => ({
    ja: `${lengths(d).ja}で入力してください(入力は${s(d.actual)}桁)。`,
    en: `Enter ${lengths(d).en} (got ${s(d.actual)}).`,
  }),
  FORM_CHECK_DIGIT: (d) => ({
    ja: `${s(d.labelJa) || '番号'}の検証番号${hasPosition(d.position) ? `(${d.position + 1}桁目)` : ''}が合いません。入力は ${s(d.actual)}、計算上は ${s(d.expected)} です。番号を確認してください。`,
    en: `The check digit of the ${s(d.labelEn) || 'number'}${hasPosition(d.position) ? ` (digit ${d.position + 1})` : ''} does not match: entered ${s(d.actual)}, expected ${s(d.expected)}. Check the number.`,
  }),
  FORM_PREFECTURE_CODE: (d) => ({
    ja: `都道府県番号「${s(d.value)}」${hasPosition(d.position) ? `(${d.position + 1}〜${d.position + 2}桁目)` : ''}は 01〜47 ではありません。`,
    en: `Prefecture code "${s(d.value)}"${hasPosition(d.position) ? ` (digits ${d.position + 1}-${d.position + 2})` : ''} is not between 01 and 47.`,
  }),
  FORM_HOUBETSU_UNKNOWN: (d) => ({
    ja: `法別番号「${s(d.value)}」は登録されていない番号です。`,
    en: `Unknown scheme code (法別番号) "${s(d.value)}".`,
  }),
  FORM_PHONE_PREFIX: (d) => ({
    ja: `電話番号は 0 から始まる国内の番号を入力してください(「${s(d.prefix)}」で始まる番号は使えません)。`,
    en: `Enter a domestic number starting with 0 (numbers starting "${s(d.prefix)}" are not accepted).`,
  }),
  FORM_PHONE_LENGTH: (d) => ({
    ja: `「${s(d.prefix)}」で始まる電話番号は${s(d.expected)}桁です(入力は${s(d.actual)}桁)。`,
    en: `Phone numbers starting "${s(d.prefix)}" have ${s(d.expected)} digits (got ${s(d.actual)}).`,
  }),
  FORM_PASSWORD_LENGTH: (d) => ({
    ja: `パスワードは${s(d.minimum)}文字以上${s(d.maximum)}文字以内で入力してください(入力は${s(d.actual)}文字)。`,
    en: `The password must be ${s(d.minimum)} to ${s(d.maximum)} characters long (got ${s(d.actual)}).`,
  }),
  FORM_PASSWORD_UPPERCASE: () => ({
    ja: 'パスワードに英大文字を1文字以上含めてください。',
    en: 'The password needs at least one upper-case letter.',
  }),
  FORM_PASSWORD_LOWERCASE: () => ({
    ja: 'パスワードに英小文字を1文字以上含めてください。',
    en: 'The password needs at least one lower-case letter.',
  }),
  FORM_PASSWORD_DIGIT: () => ({
    ja: 'パスワードに数字を1文字以上含めてください。',
    en: 'The password needs at least one digit.',
  }),
  FORM_PASSWORD_CHARACTERS: (d) => ({
    ja: `パスワードに全角文字などの使えない文字が含まれています${nth(d.position).ja}。半角英数字・記号で入力してください。`,
    en: `The password contains a character that is not allowed${nth(d.position).en}, e.g. full-width input. Use half-width letters, digits and symbols.`,
  }),
  FORM_PASSWORD_MISMATCH: () => ({
    ja: 'パスワード(確認用)がパスワードと一致しません。',
    en: 'The confirmation does not match the password.',
  }),
  FORM_AGREEMENT_REQUIRED: () => ({ ja: '利用規約に同意してください。', en: 'You must agree to the terms.' }),
  FORM_REGISTRATION_FORMAT: () => ({
    ja: '登録記号番号は「協」または「契」と7桁の数字、続けて「-数字-数字」の形で入力してください(例: 協2804440-0-0、ハイフンなしも可)。',
    en: 'Enter the registration symbol number as 協 or 契, 7 digits and "-digit-digit" (e.g. 協2804440-0-0; hyphens optional).',
  }),
  FORM_REGISTRATION_PREFIX_MISMATCH: (d) => ({
    ja: `登録記号番号の「${s(d.actual)}」が選択した「${s(d.expected)}」と一致しません。`,
    en: `The registration number's prefix "${s(d.actual)}" does not match the chosen "${s(d.expected)}".`,
  }),
  FORM_PRACTITIONER_NUMBER_REQUIRED: () => ({
    ja: '施術所(柔道整復)では柔整師番号を入力してください。',
    en: 'Enter the judo therapist number for a judo-therapy clinic.',
  }),
  FORM_DATE_FORMAT: () => ({
    ja: '日付は 1980-02-17、1980年2月17日、昭和55年2月17日、S55.2.17 などの形で入力してください。',
    en: 'Enter a date such as 1980-02-17, 1980年2月17日, 昭和55年2月17日 or S55.2.17.',
  }),
  FORM_DATE_IMPOSSIBLE: (d) => ({
    ja: `${s(d.year)}年${s(d.month)}月${s(d.day)}日という日付はありません。`,
    en: `There is no such date: ${s(d.year)}-${s(d.month)}-${s(d.day)}.`,
  }),
  FORM_DATE_ERA_RANGE: (d) => ({
    ja: `${s(d.eraJa)}${s(d.eraYear)}年${s(d.month)}月${s(d.day)}日は${s(d.eraJa)}の期間(${s(d.start)}〜${s(d.end)})にありません。`,
    en: `${s(d.eraEn)} ${s(d.eraYear)}, month ${s(d.month)}, day ${s(d.day)} is outside the ${s(d.eraEn)} era (${s(d.start)} to ${s(d.end)}).`,
  }),
  FORM_DATE_OUT_OF_RANGE: (d) => ({
    ja: `${s(d.minimum)}から${s(d.maximum)}までの日付を入力してください。`,
    en: `Enter a date from ${s(d.minimum)} to ${s(d.maximum)}.`,
  }),
  FORM_DATE_FUTURE: (d) => ({
    ja: `未来の日付は入力できません(今日は ${s(d.today)})。`,
    en: `The date cannot be in the future (today is ${s(d.today)}).`,
  }),
  FORM_STAFF_COUNT: () => ({
    ja: '職員数は1以上の整数で入力してください。',
    en: 'The number of staff must be a whole number of at least 1.',
  }),
  FORM_DEVICE_COUNT: (d) => ({
    ja: `申請台数は${s(d.minimum)}台から${s(d.maximum)}台までです。`,
    en: `The number of devices must be from ${s(d.minimum)} to ${s(d.maximum)}.`,
  }),
  FORM_FILE_REQUIRED: () => ({
    ja: '受領委任承諾通知書のファイルを添付してください。',
    en: 'Attach the 受領委任承諾通知書 (acceptance notice) file.',
  }),
  FORM_FILE_EMPTY: () => ({ ja: 'ファイルが空です。', en: 'The file is empty.' }),
  FORM_FILE_TOO_LARGE: (d) => ({
    ja: `ファイルが大きすぎます(${s(d.size)} バイト、上限 ${s(d.maximum)} バイト = 100MB)。`,
    en: `The file is too large (${s(d.size)} bytes, limit ${s(d.maximum)} bytes = 100 MB).`,
  }),
  FORM_FILE_TYPE: () => ({
    ja: 'PDF・JPEG・PNG・HEIC のいずれかのファイルを添付してください(ファイルの中身で判定しています)。',
    en: 'Attach a PDF, JPEG, PNG or HEIC file (judged by its content, not its name).',
  }),
  FORM_FILE_UNREADABLE: () => ({ ja: 'ファイルを読み込めませんでした。', en: 'The file could not be read.' }),
  FORM_ASYNC_REQUIRED: () => ({
    ja: 'ファイル(Blob)の検査には非同期の検証が必要です。validateFormAsync / safeParseAsync を使ってください。',
    en: 'Checking a Blob needs asynchronous validation: use validateFormAsync or safeParseAsync.',
  }),
};

/** The message for `code` with `detail` filled in (required when the code's message needs values). */
export function formMessage<C extends PortalFormsErrorCode>(code: C, ...[detail]: FormDetailArg<C>): FormMessage {
  return messageFromParams(code, detail ?? {});
}

/**
 * @internal The message for `code` from untyped values (a zod issue's `params`): every factory
 * prints a missing value as nothing, never as `undefined`.
 */
export function messageFromParams(code: PortalFormsErrorCode, detail: MessageDetail): FormMessage {
  return (portalFormsMessages[code] as FormMessageFactory)(detail);
}

/** Whether `code` is one of this package's codes. */
export function isPortalFormsErrorCode(code: unknown): code is PortalFormsErrorCode {
  return typeof code === 'string' && Object.hasOwn(portalFormsMessages, code);
}
