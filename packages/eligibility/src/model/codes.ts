/**
 * Code tables of the OQS XmlMsg that matter for 施術所 (docs/reference/oqs-messages.md#envelope, docs/reference/oqs-messages.md#codes,
 * OQSCDnnn). Values are kept as the strings the message carries; labels are for screens.
 * @module
 */
import type { LocalizedMessage } from '@onshikit/apdu';

/** 資格有効性 (OQSCD006): 1 有効, 2 無効, 3 無効(新しい資格あり), 4 該当資格なし, 5 複数該当, 6 有効(未登録). */
export type QualificationValidity = 1 | 2 | 3 | 4 | 5 | 6;

/** 照会区分 (OQSCD002): 1 マイナンバーカード, 2 被保険者証情報 (numbers). */
export type ReferenceClassification = 1 | 2;

/** 処理結果区分 (OQSCD003): 1 正常終了, 2 処理中, 9 異常終了. */
export type SegmentOfResult = 1 | 2 | 9;

/** 処理結果状況 (OQSCD004): 1 正常終了, 2 エラー. */
export type ProcessingResultStatus = 1 | 2;

/** 文字コード識別 (OQSCD005): 0 UTF-8, 1 Shift_JIS (docs/reference/oqs-messages.md#envelope, ⚠️ one project says 1/2). */
export type CharacterCode = 'utf-8' | 'shift_jis';

/** 性別 (OQSCD007): 1 男, 2 女, 3 未設定. */
export type SexCode = '1' | '2' | '3';

/** 本人・家族の別 (OQSCD009): 1 本人, 2 家族. */
export type PersonalFamilyCode = '1' | '2';

/** The outcome of one check as stored: the validity by name, or why no verdict came. */
export type CheckOutcome =
  | 'valid'
  | 'invalid'
  | 'invalid-new-qualification'
  | 'not-found'
  | 'multiple'
  | 'valid-unregistered'
  | 'error'
  | 'cancelled';

/** Every {@link CheckOutcome}, for validation and UI lists. */
export const CHECK_OUTCOMES: readonly CheckOutcome[] = [
  'valid',
  'invalid',
  'invalid-new-qualification',
  'not-found',
  'multiple',
  'valid-unregistered',
  'error',
  'cancelled',
];

const OUTCOME_BY_VALIDITY: Readonly<Record<QualificationValidity, CheckOutcome>> = {
  1: 'valid',
  2: 'invalid',
  3: 'invalid-new-qualification',
  4: 'not-found',
  5: 'multiple',
  6: 'valid-unregistered',
};

/** Maps 資格有効性 to the stored outcome name. */
export function outcomeOfValidity(validity: QualificationValidity): CheckOutcome {
  return OUTCOME_BY_VALIDITY[validity];
}

/** Screen labels of 資格有効性 (OQSCD006). */
export const QUALIFICATION_VALIDITY_LABELS: Readonly<Record<QualificationValidity, LocalizedMessage>> = {
  1: { ja: '有効', en: 'valid' },
  2: { ja: '無効', en: 'invalid' },
  3: { ja: '無効(新しい資格あり)', en: 'invalid (a newer qualification exists)' },
  4: { ja: '該当資格なし', en: 'no matching qualification' },
  5: { ja: '複数該当', en: 'several matches' },
  6: { ja: '有効(未登録)', en: 'valid (not registered)' },
};

/** True for a 資格有効性 value 1-6. */
export function isQualificationValidity(value: unknown): value is QualificationValidity {
  return value === 1 || value === 2 || value === 3 || value === 4 || value === 5 || value === 6;
}
