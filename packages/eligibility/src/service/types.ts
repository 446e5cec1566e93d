/**
 * The `EligibilityService` port: where the workflow sends a query and gets an answer. Adapters:
 * the file link (`OqsFileLinkService`, node subpath), an HTTP JSON relay
 * (`HttpEligibilityService`), the app text import, and the simulator. The message shape follows
 * the OQS XmlMsg (docs/reference/oqs-messages.md#envelope, docs/reference/oqs-messages.md#file-link).
 * @module
 */
import type { EligibilityResponse, IsoDate } from '../model/result.js';

/** Fields every query carries (MessageHeader). */
export interface QueryHeader {
  /** 資格確認日: the date eligibility is asked for. */
  readonly checkDate: IsoDate;
  /** 医療機関コード / 機関コード from the settings sheet. */
  readonly institutionCode: string;
  /** 任意のファイル識別子: the workflow's check id, echoed back (1-64 of `[A-Za-z0-9._:-]`). */
  readonly fileId: string;
  /** 限度額適用認定証提供同意フラグ: the patient consented to 限度額 information. */
  readonly limitConsent?: boolean;
}

/**
 * 照会区分 1: by My Number Card. The service identifies the person by the user-authentication
 * certificate (docs/reference/card-protocol.md#legal: never the individual number). In 暗証番号 mode the
 * card's signature over the service's challenge proves the PIN was verified.
 */
export interface CardQuery extends QueryHeader {
  readonly kind: 'card';
  /** DER of the 利用者証明用電子証明書 read from JPKI EF 000A. */
  readonly certificate: Uint8Array;
  /** Present in 暗証番号 mode: the challenge and the card's PKCS#1 v1.5 SHA-256 signature of it. */
  readonly signature?: { readonly challenge: Uint8Array; readonly value: Uint8Array };
  /** The identity check done at the desk. */
  readonly identity: 'visual' | 'pin';
}

/** 照会区分 2: by 被保険者証 numbers typed in (QualificationConfirmSearchInfo, docs/reference/oqs-messages.md#file-link). */
export interface NumbersQuery extends QueryHeader {
  readonly kind: 'numbers';
  readonly insurerNumber: string;
  readonly symbol?: string;
  readonly number: string;
  readonly branch?: string;
  readonly birthDate: IsoDate;
}

/** A query by card or by numbers. */
export type EligibilityQuery = CardQuery | NumbersQuery;

/** Options of one service call. */
export interface ServiceCallOptions {
  /** Cancels the call; the adapter rejects with `SERVICE_ABORTED` and cleans up. */
  readonly signal?: AbortSignal;
  /** Overrides the adapter's timeout for this call, in milliseconds. */
  readonly timeoutMs?: number;
}

/**
 * An eligibility service. Rejects with `EligibilityError` codes `SERVICE_TIMEOUT`,
 * `SERVICE_UNAVAILABLE`, `SERVICE_REJECTED`, `SERVICE_UNAUTHORIZED`, `SERVICE_BAD_RESPONSE`,
 * `SERVICE_ABORTED` or `FILE_LINK_IO`; an answer whose 処理結果区分 is 9 resolves (the caller
 * shows its message) — only a transport or format failure rejects.
 */
export interface EligibilityService {
  /** A short name for logs and screens (`file-link`, `http`, `simulator`…). */
  readonly name: string;
  /**
   * A fresh challenge for the card to sign in 暗証番号 mode. Services without one (file link,
   * whose terminal does the PIN check itself) omit it; the workflow then signs a challenge it
   * derives from the query (`fileId` + check date).
   */
  challenge?(options?: ServiceCallOptions): Promise<Uint8Array>;
  /** Asks for eligibility. */
  query(query: EligibilityQuery, options?: ServiceCallOptions): Promise<EligibilityResponse>;
}
