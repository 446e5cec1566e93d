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

/** Stable codes of every domain rule in this package. */
export type PortalFormsErrorCode =
  | 'FORM_REQUIRED'
  | 'FORM_CHOICE_REQUIRED'
  | 'FORM_INTEGER'
  | 'FORM_TOO_LONG'
  | 'FORM_CONTROL_CHARACTER'
  | 'FORM_CHARACTERS'
  | 'FORM_DIGITS_ONLY'
  | 'FORM_LENGTH'
  | 'FORM_CHECK_DIGIT'
  | 'FORM_PREFECTURE_CODE'
  | 'FORM_HOUBETSU_UNKNOWN'
  | 'FORM_PHONE_PREFIX'
  | 'FORM_PHONE_LENGTH'
  | 'FORM_PASSWORD_LENGTH'
  | 'FORM_PASSWORD_UPPERCASE'
  | 'FORM_PASSWORD_LOWERCASE'
  | 'FORM_PASSWORD_DIGIT'
  | 'FORM_PASSWORD_CHARACTERS'
  | 'FORM_PASSWORD_MISMATCH'
  | 'FORM_AGREEMENT_REQUIRED'
  | 'FORM_REGISTRATION_FORMAT'
  | 'FORM_REGISTRATION_PREFIX_MISMATCH'
  | 'FORM_PRACTITIONER_NUMBER_REQUIRED'
  | 'FORM_DATE_FORMAT'
  | 'FORM_DATE_IMPOSSIBLE'
  | 'FORM_DATE_ERA_RANGE'
  | 'FORM_DATE_OUT_OF_RANGE'
  | 'FORM_DATE_FUTURE'
  | 'FORM_STAFF_COUNT'
  | 'FORM_DEVICE_COUNT'
  | 'FORM_FILE_REQUIRED'
  | 'FORM_FILE_EMPTY'
  | 'FORM_FILE_TOO_LARGE'
  | 'FORM_FILE_TYPE'
  | 'FORM_FILE_UNREADABLE'
  | 'FORM_ASYNC_REQUIRED';

/** Values a message is built from. Never a password or any other secret. */
export type MessageDetail = Readonly<Record<string, unknown>>;

/** Builds one catalogue entry's Japanese and English message from the issue's {@link MessageDetail}. */
export type FormMessageFactory = (detail: MessageDetail) => FormMessage;

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
const lengths = (d: MessageDetail): { ja: string; en: string } => {
  const expected = Array.isArray(d.expected) ? (d.expected as unknown[]).map(s) : [s(d.expected)];
  return { ja: expected.join('桁または') + '桁', en: expected.join(' or ') + ' digits' };
};

/** The catalogue: one factory per code. */
export const portalFormsMessages: { readonly [C in PortalFormsErrorCode]: FormMessageFactory } = {
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

/** The message for `code` with `detail` filled in. */
export function formMessage(code: PortalFormsErrorCode, detail: MessageDetail = {}): FormMessage {
  return portalFormsMessages[code](detail);
}

/** Whether `code` is one of this package's codes. */
export function isPortalFormsErrorCode(code: unknown): code is PortalFormsErrorCode {
  return typeof code === 'string' && Object.hasOwn(portalFormsMessages, code);
}
