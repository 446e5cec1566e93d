/**
 * The eligibility result model, after the OQS XmlMsg 資格確認結果
 * (docs/reference/oqs-messages.md#result-fields). Dates are ISO `YYYY-MM-DD` strings (the XML's `yyyyMMdd` converted), date-times ISO
 * 8601; codes stay as the message's strings. Only what a 施術所 needs is modelled: the
 * medical-information consents (特定健診・薬剤…) do not apply to 資格確認限定型 (docs/reference/portal-rules.md#consent).
 * @module
 */
import type { PersonalFamilyCode, QualificationValidity, ReferenceClassification, SexCode } from './codes.js';
import type { BurdenRatio } from './burden-ratio.js';

/** An ISO calendar date `YYYY-MM-DD`. */
export type IsoDate = string;

/** 高齢受給者証情報 (70-74 year olds; docs/reference/oqs-messages.md#result-fields). */
export interface ElderlyRecipientInfo {
  /** 交付年月日. */
  readonly issuanceDate?: IsoDate;
  /** 有効開始年月日. */
  readonly validFrom?: IsoDate;
  /** 有効終了年月日. */
  readonly validUntil?: IsoDate;
  /** 一部負担金割合 in percent (the XML's 3 digits, "020" → 20). */
  readonly ratioPercent?: number;
}

/** 限度額適用認定証関連情報 (docs/reference/oqs-messages.md#result-fields; OQSCD011/012). */
export interface LimitApplicationInfo {
  /** 限度額適用認定証区分 (OQSCD011): 01 限度額適用, 02 …・標準負担額減額, 03 標準負担額減額. */
  readonly certificateClassification?: string;
  /** 適用区分 (OQSCD012): A01-A06, B01-B10. */
  readonly applicationClassification?: string;
  readonly issuanceDate?: IsoDate;
  readonly validFrom?: IsoDate;
  readonly validUntil?: IsoDate;
  /** 長期入院該当年月日. */
  readonly longTermHospitalizationDate?: IsoDate;
}

/**
 * One 資格確認結果 (ResultOfQualificationConfirmation) plus the verdict and derived burden.
 * Names are kept exactly as given (kana in half-width katakana as the service sends it).
 */
export interface EligibilityResult {
  /** 資格有効性 (OQSCD006). */
  readonly validity: QualificationValidity;
  /** 資格確認日: the date the eligibility was asked for. */
  readonly checkDate: IsoDate;
  /** 照会区分: by card (1) or by numbers (2). */
  readonly referenceClassification: ReferenceClassification;
  /** 被保険者証区分 (OQSCD010), e.g. "01", "A1". */
  readonly insuredCardClassification?: string;
  /** 保険者番号: 8 digits (国保 6), as printed. */
  readonly insurerNumber: string;
  /** 保険者名称. */
  readonly insurerName?: string;
  /** 被保険者証記号; absent for 後期高齢者. */
  readonly symbol?: string;
  /** 被保険者証番号. */
  readonly number: string;
  /** 被保険者証枝番: two characters, leading zero kept. */
  readonly branch?: string;
  /** 本人・家族の別 (OQSCD009); absent for 後期高齢者. */
  readonly personalFamily?: PersonalFamilyCode;
  /** 被保険者氏名(世帯主氏名). */
  readonly insuredName?: string;
  /** 氏名. */
  readonly name: string;
  /** 氏名(その他): 通称 when filed. */
  readonly nameOfOther?: string;
  /** 氏名カナ (half-width katakana as given). */
  readonly nameKana?: string;
  /** 氏名(その他)カナ. */
  readonly nameOfOtherKana?: string;
  /** 性別1 (OQSCD007). */
  readonly sex1: SexCode;
  /** 性別2 (OQSCD007), only where the insurer applies the 2012 notice. */
  readonly sex2?: SexCode;
  /** 生年月日. */
  readonly birthDate: IsoDate;
  /** 住所 filed with the insurer. */
  readonly address?: string;
  /** 郵便番号. */
  readonly postNumber?: string;
  /** 資格取得年月日. */
  readonly qualificationDate?: IsoDate;
  /** 資格喪失年月日. */
  readonly disqualificationDate?: IsoDate;
  /** 資格喪失事由 (OQSCD008). */
  readonly reasonOfLoss?: string;
  /** 被保険者証交付年月日. */
  readonly certificateIssuanceDate?: IsoDate;
  /** 被保険者証有効開始年月日. */
  readonly cardValidFrom?: IsoDate;
  /** 被保険者証有効終了年月日. */
  readonly cardValidUntil?: IsoDate;
  /** 一部負担金割合 in percent; only for 後期高齢者 (XML "010" → 10). */
  readonly lateElderlyRatioPercent?: number;
  /** 未就学区分 (OQSCD015) = 1 未就学該当. */
  readonly preschool?: boolean;
  /** 高齢受給者証情報. */
  readonly elderlyRecipient?: ElderlyRecipientInfo;
  /** 限度額適用認定証提供同意フラグ (OQSCD001). */
  readonly limitConsent?: boolean;
  /** 限度額適用認定証関連情報. */
  readonly limitApplication?: LimitApplicationInfo;
  /** 照会番号: the clinic's own patient id when registered beforehand. */
  readonly referenceNumber?: string;
  /** 処理結果コード (side information, e.g. the card expires soon). */
  readonly processingResultCode?: string;
  /** 処理結果メッセージ, shown verbatim. */
  readonly processingResultMessage?: string;
  /** 一部負担割合 derived from age on {@link checkDate} and the ratio fields (see `deriveBurdenRatio`). */
  readonly burdenRatio: BurdenRatio;
}

/** An {@link EligibilityResult} before the derived fields are computed. */
export type EligibilityResultInput = Omit<EligibilityResult, 'burdenRatio'>;

/** The file-level header of a result message (MessageHeader). */
export interface EligibilityResponseHeader {
  /** 処理実行日時, ISO 8601 local date-time `YYYY-MM-DDTHH:mm:ss` (JST as sent). */
  readonly processedAt?: string;
  /** 資格確認日. */
  readonly checkDate: IsoDate;
  /** 医療機関コード / 機関コード. */
  readonly institutionCode: string;
  /** 任意のファイル識別子: the caller's correlation id, echoed back. */
  readonly fileId: string;
  readonly referenceClassification: ReferenceClassification;
  /** 処理結果区分 (OQSCD003). */
  readonly segmentOfResult: 1 | 2 | 9;
  readonly errorCode?: string;
  readonly errorMessage?: string;
}

/** One answer of the service: header, per-person status, verdict and zero or more results. */
export interface EligibilityResponse {
  readonly header: EligibilityResponseHeader;
  /** 処理結果状況 (OQSCD004): 1 正常終了, 2 エラー. */
  readonly status: 1 | 2;
  readonly processingResultCode?: string;
  readonly processingResultMessage?: string;
  /** 資格有効性 for the whole answer (absent on an error). */
  readonly validity?: QualificationValidity;
  /** 資格確認結果リスト: empty for 該当資格なし and errors, several for 複数該当. */
  readonly results: readonly EligibilityResult[];
}
