/**
 * Errors of the eligibility family: one catalogue (ja + en) for the workflow, the result
 * model, the XML codec, the service adapters and the store port. Messages never carry a PIN,
 * an individual number or any eligibility data.
 * @module
 */
import {
  brandError,
  hasErrorBrand,
  type DetailOption,
  type ErrorOptionsArg,
  type LocalizedMessage,
  type NoDetail,
} from '@onshikit/apdu';

/** A value an eligibility error's detail may carry: printed as `key=value` in the English message. */
export type EligibilityDetailValue = string | number | boolean;

/**
 * The `detail` of each eligibility code (as zod types its issues): `new EligibilityError(code, { detail })`
 * checks the keys, and {@link EligibilityError.hasCode} narrows `detail` to the code's type. Values are
 * non-secret context (field name, byte offset, HTTP status, tries left…), never a PIN or personal data.
 */
export interface EligibilityErrorDetails {
  // workflow
  CARD_PIN_BLOCKED: NoDetail;
  CARD_PIN_WRONG: NoDetail;
  CARD_NOT_MYNUMBER: { readonly kind: string };
  CERTIFICATE_EXPIRED: NoDetail;
  CERTIFICATE_MISSING: { readonly reason?: string | undefined };
  PIN_MODE_UNAVAILABLE: NoDetail;
  LAST_TRY_DECLINED: NoDetail;
  VISUAL_REJECTED: NoDetail;
  SESSION_LOCKED: NoDetail;
  CHECK_CANCELLED: { readonly step?: string | undefined };
  CHECK_FAILED: { readonly reason: string };
  INVALID_MANUAL_ENTRY: { readonly field: string; readonly reason: string };
  /** A decision of the wrong kind (`action`, `state`), a bad selection (`index`) or an illegal transition (`from`, `to`). */
  INVALID_EVENT: {
    readonly action?: string | undefined;
    readonly state?: string | undefined;
    readonly reason?: string | undefined;
    readonly index?: string | undefined;
    readonly from?: string | undefined;
    readonly to?: string | undefined;
  };
  // registration (新患登録 prefill)
  REGISTRATION_CONSENT_REQUIRED: NoDetail;
  REGISTRATION_INPUT_INVALID: { readonly field: string };
  REGISTRATION_PIN_UNUSABLE: NoDetail;
  REGISTRATION_NOT_AVAILABLE: NoDetail;
  REGISTRATION_FAILED: { readonly reason?: string | undefined };
  // result model and codec
  RESULT_INVALID: { readonly field: string; readonly reason: string };
  XML_MALFORMED: {
    readonly reason: string;
    readonly line?: number | undefined;
    readonly column?: number | undefined;
    readonly length?: number | undefined;
  };
  XML_MISSING_ELEMENT: { readonly element: string };
  /** `element` is the path of the element; `position` the UTF-16 offset of a character the encoding lacks. */
  XML_INVALID_VALUE: {
    readonly element?: string | undefined;
    readonly reason: string;
    readonly position?: number | undefined;
  };
  XML_UNSUPPORTED_ENCODING: { readonly encoding: string };
  TEXT_IMPORT_INVALID: { readonly field?: string | undefined; readonly reason: string };
  // services
  SERVICE_TIMEOUT: { readonly timeoutMs?: number | undefined; readonly status?: number | undefined };
  SERVICE_UNAVAILABLE: { readonly reason?: string | undefined; readonly status?: number | undefined };
  SERVICE_REJECTED: {
    readonly reason?: string | undefined;
    readonly file?: string | undefined;
    readonly status?: number | undefined;
  };
  SERVICE_UNAUTHORIZED: { readonly status?: number | undefined };
  SERVICE_BAD_RESPONSE: {
    readonly reason?: string | undefined;
    readonly status?: number | undefined;
    readonly limit?: number | undefined;
    readonly field?: string | undefined;
  };
  /** The service's own processing-result code and message. */
  SERVICE_PROCESSING_ERROR: { readonly code?: string | undefined; readonly message?: string | undefined };
  SERVICE_ABORTED: NoDetail;
  FILE_LINK_IO: {
    readonly operation: string;
    readonly reason?: string | undefined;
    readonly code?: string | undefined;
    readonly pid?: number | undefined;
  };
  // store
  STORE_INVALID_RECORD: { readonly field: string; readonly reason: string };
  STORE_INVALID_QUERY: { readonly field: string; readonly reason: string };
  STORE_NOT_FOUND: { readonly checkId: string };
  STORE_CLOSED: NoDetail;
  STORE_FAILED: { readonly operation: string; readonly reason?: string | undefined };
  // settings and operator session
  SETTINGS_INVALID: { readonly field: string; readonly reason?: string | undefined };
  SETTINGS_DECRYPT_FAILED: NoDetail;
  UNLOCK_FAILED: {
    readonly reason?: string | undefined;
    readonly method?: string | undefined;
    readonly failures?: number | undefined;
  };
  UNLOCK_RATE_LIMITED: { readonly retryAfterMs: number };
  OPERATOR_PASSWORD_WEAK: { readonly reason: string };
}

/** Every stable code of the eligibility family. */
export type EligibilityErrorCode = keyof EligibilityErrorDetails;

/** The codes a {@link StoreError} carries. */
export type StoreErrorCode = Extract<EligibilityErrorCode, `STORE_${string}`>;

/**
 * Compile-time check: every code's detail holds only strings, numbers and booleans (the message
 * prints them). A code whose detail holds anything else makes this alias fail to compile.
 */
type Printable<
  D extends { readonly [C in EligibilityErrorCode]: Readonly<Record<string, EligibilityDetailValue | undefined>> },
> = D;
// biome-ignore lint/correctness/noUnusedVariables: a compile-time check only (it fails to compile when a detail holds another type)
type CheckedDetails = Printable<EligibilityErrorDetails>;

/** The one catalogue of eligibility messages (a parity test checks both languages). */
export const eligibilityErrorMessages: { readonly [C in EligibilityErrorCode]: LocalizedMessage } = {
  CARD_PIN_BLOCKED: {
    ja: '暗証番号がロックされています。お住まいの市区町村の窓口で暗証番号の再設定を行ってください。今回は目視で確認するか、資格確認書をご提示ください。',
    en: 'The PIN is blocked. Please have it reset at your municipal office. For today, use visual identity check or present your eligibility certificate.',
  },
  CARD_PIN_WRONG: { ja: '暗証番号が違います。', en: 'The PIN is wrong.' },
  CARD_NOT_MYNUMBER: {
    ja: 'マイナンバーカードではないか、読み取れないカードです。',
    en: 'This is not a My Number Card, or it cannot be read.',
  },
  CERTIFICATE_EXPIRED: {
    ja: '利用者証明用電子証明書の有効期限が切れています。市区町村の窓口で電子証明書を更新してください。',
    en: 'The user-authentication certificate has expired. Please renew it at your municipal office.',
  },
  CERTIFICATE_MISSING: {
    ja: 'このカードには利用者証明用電子証明書がありません。市区町村の窓口で電子証明書の発行を受けてください。',
    en: 'This card holds no user-authentication certificate. Please have one issued at your municipal office.',
  },
  PIN_MODE_UNAVAILABLE: {
    ja: 'このカードは暗証番号が設定されていないため(顔認証マイナンバーカード)、目視による本人確認のみ利用できます。',
    en: 'This card has no PIN (face-authentication My Number Card); only visual identity check is available.',
  },
  LAST_TRY_DECLINED: {
    ja: '残り回数が 1 回のため、暗証番号の入力を中止しました。',
    en: 'PIN entry was stopped because only one try is left.',
  },
  VISUAL_REJECTED: { ja: '目視による本人確認ができませんでした。', en: 'The visual identity check was rejected.' },
  SESSION_LOCKED: {
    ja: '業務開始前のログインが必要です。操作者のパスワードでロックを解除してください。',
    en: 'The desk is locked. Unlock it with the operator password first.',
  },
  CHECK_CANCELLED: { ja: '資格確認を中止しました。', en: 'The eligibility check was cancelled.' },
  CHECK_FAILED: { ja: '資格確認に失敗しました。', en: 'The eligibility check failed.' },
  INVALID_MANUAL_ENTRY: {
    ja: '入力された保険証情報に誤りがあります。',
    en: 'The entered insurance card data is invalid.',
  },
  INVALID_EVENT: {
    ja: 'この操作は現在の状態では行えません。',
    en: 'This action is not possible in the current state.',
  },
  REGISTRATION_CONSENT_REQUIRED: {
    ja: 'カードの券面事項を読み取るには、ご本人の同意が必要です。',
    en: "The patient's consent is needed before the card's basic information is read.",
  },
  REGISTRATION_INPUT_INVALID: {
    ja: '照合番号B の入力に誤りがあります(生年月日 和暦 6 桁、有効期限の西暦年 4 桁、セキュリティコード 4 桁)。',
    en: 'The 照合番号B entry is invalid (birth date as era YYMMDD, expiry year YYYY, 4-digit security code).',
  },
  REGISTRATION_PIN_UNUSABLE: {
    ja: '券面事項入力補助用暗証番号が使えません(ロックされているか、暗証番号のないカードです)。照合番号B で読み取るか、手で入力してください。',
    en: 'The card-info PIN cannot be used (it is locked, or the card has none). Read with 照合番号B or enter the details by hand.',
  },
  REGISTRATION_NOT_AVAILABLE: {
    ja: 'このカードからは氏名・住所などを読み取れません。手で入力してください。',
    en: 'Name and address cannot be read from this card. Enter them by hand.',
  },
  REGISTRATION_FAILED: { ja: 'カードからの読み取りに失敗しました。', en: 'Reading the card failed.' },
  RESULT_INVALID: { ja: '資格確認結果の内容が不正です。', en: 'The eligibility result is invalid.' },
  XML_MALFORMED: { ja: 'XML の形式が正しくありません。', en: 'The XML is malformed.' },
  XML_MISSING_ELEMENT: { ja: 'XML に必須の要素がありません。', en: 'A required XML element is missing.' },
  XML_INVALID_VALUE: { ja: 'XML の要素の値が不正です。', en: 'An XML element has an invalid value.' },
  XML_UNSUPPORTED_ENCODING: { ja: '対応していない文字コードです。', en: 'Unsupported character encoding.' },
  TEXT_IMPORT_INVALID: {
    ja: '資格確認アプリのテキストを読み取れませんでした。',
    en: 'The eligibility app text could not be read.',
  },
  SERVICE_TIMEOUT: {
    ja: '資格確認サービスの応答が時間内にありませんでした。',
    en: 'The eligibility service did not answer in time.',
  },
  SERVICE_UNAVAILABLE: {
    ja: '資格確認サービスが一時的に利用できません。しばらくしてから再度お試しください。',
    en: 'The eligibility service is temporarily unavailable. Try again later.',
  },
  SERVICE_REJECTED: {
    ja: '資格確認サービスが要求を受け付けませんでした。',
    en: 'The eligibility service rejected the request.',
  },
  SERVICE_UNAUTHORIZED: {
    ja: '資格確認サービスの認証に失敗しました。設定を確認してください。',
    en: 'Authentication with the eligibility service failed. Check the settings.',
  },
  SERVICE_BAD_RESPONSE: {
    ja: '資格確認サービスから不正な応答を受け取りました。',
    en: 'The eligibility service sent a malformed response.',
  },
  SERVICE_PROCESSING_ERROR: {
    ja: '資格確認サービスで処理エラーが発生しました。',
    en: 'The eligibility service reported a processing error.',
  },
  SERVICE_ABORTED: { ja: '資格確認の問い合わせを中止しました。', en: 'The eligibility query was cancelled.' },
  FILE_LINK_IO: { ja: '連携フォルダの読み書きに失敗しました。', en: 'Reading or writing the link folder failed.' },
  STORE_INVALID_RECORD: { ja: '保存しようとした資格確認記録が不正です。', en: 'The check record to save is invalid.' },
  STORE_INVALID_QUERY: { ja: '検索条件が不正です。', en: 'The query is invalid.' },
  STORE_NOT_FOUND: { ja: '該当する資格確認記録がありません。', en: 'No such check record.' },
  STORE_CLOSED: { ja: '保存先は既に閉じられています。', en: 'The store is closed.' },
  STORE_FAILED: { ja: '資格確認記録の保存先でエラーが発生しました。', en: 'The check record store failed.' },
  SETTINGS_INVALID: { ja: '設定内容が不正です。', en: 'The settings are invalid.' },
  SETTINGS_DECRYPT_FAILED: {
    ja: '設定の秘密情報を復号できませんでした(鍵またはパスワードが違います)。',
    en: 'The secret settings could not be decrypted (wrong key or password).',
  },
  UNLOCK_FAILED: { ja: 'パスワードが違います。', en: 'The password is wrong.' },
  UNLOCK_RATE_LIMITED: {
    ja: '失敗が続いたため、しばらくロック解除できません。',
    en: 'Too many failed attempts; unlocking is paused for a while.',
  },
  OPERATOR_PASSWORD_WEAK: {
    ja: '操作者のパスワードが弱すぎます。8 文字以上(数字だけなら 12 桁以上)にしてください。',
    en: 'The operator password is too weak. Use at least 8 characters (at least 12 if digits only).',
  },
};

/** Options for an {@link EligibilityError} of code `C`: `detail` is required when the code's detail has required keys. */
export type EligibilityErrorOptions<C extends EligibilityErrorCode = EligibilityErrorCode> = {
  readonly cause?: unknown;
} & DetailOption<EligibilityErrorDetails, C>;

/**
 * The error class of the eligibility family: stable `code`, `messages.ja` / `messages.en`, and the
 * code's typed `detail` ({@link EligibilityErrorDetails}).
 *
 * @example
 * ```ts
 * if (e instanceof EligibilityError && e.hasCode('XML_INVALID_VALUE')) console.log(e.detail.element, e.detail.reason);
 * ```
 */
export class EligibilityError<C extends EligibilityErrorCode = EligibilityErrorCode> extends Error {
  readonly code: C;
  readonly messages: LocalizedMessage;
  /** Non-secret context: field name, byte offset, HTTP status, tries left… never a PIN or personal data. */
  readonly detail: EligibilityErrorDetails[C];

  constructor(code: C, ...[options]: ErrorOptionsArg<EligibilityErrorDetails, C, EligibilityErrorOptions<C>>) {
    const messages = eligibilityErrorMessages[code];
    const detail = options?.detail;
    const where = detail === undefined ? '' : ` ${describeDetail(detail)}`;
    super(`[${code}] ${messages.en}${where}`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EligibilityError';
    brandError(this, 'EligibilityError');
    this.code = code;
    this.messages = messages;
    this.detail = detail ?? ({} as EligibilityErrorDetails[C]);
  }

  /** True when this error has `code`; narrows `code` and `detail` to that code's types. */
  hasCode<K extends EligibilityErrorCode>(code: K): this is EligibilityError<K> {
    return (this.code as EligibilityErrorCode) === code;
  }

  /** `instanceof` holds for errors from any copy of this package (ESM and CJS builds). */
  static override [Symbol.hasInstance](value: unknown): value is EligibilityError {
    return hasErrorBrand(value, 'EligibilityError');
  }
}

/** A store port failure: invalid record or query, closed store, adapter failure. */
export class StoreError<C extends StoreErrorCode = StoreErrorCode> extends EligibilityError<C> {
  constructor(code: C, ...[options]: ErrorOptionsArg<EligibilityErrorDetails, C, EligibilityErrorOptions<C>>) {
    super(code, ...([options] as ErrorOptionsArg<EligibilityErrorDetails, C, EligibilityErrorOptions<C>>));
    this.name = 'StoreError';
    brandError(this, 'StoreError');
  }

  /** `instanceof` holds for errors from any copy of this package (ESM and CJS builds). */
  static override [Symbol.hasInstance](value: unknown): value is StoreError {
    return hasErrorBrand(value, 'StoreError');
  }
}

/** True when `value` is an {@link EligibilityError} (optionally with the given code, then narrowed to it). */
export function isEligibilityError<K extends EligibilityErrorCode = EligibilityErrorCode>(
  value: unknown,
  code?: K,
): value is EligibilityError<K> {
  return value instanceof EligibilityError && (code === undefined || value.code === code);
}

function describeDetail(detail: Readonly<Record<string, unknown>>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(detail)) if (value !== undefined) parts.push(`${key}=${String(value)}`);
  return parts.length === 0 ? '' : `(${parts.join(', ')})`;
}
