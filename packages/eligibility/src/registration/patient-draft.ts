/**
 * A 新患登録 draft from the card's 基本4情報: what a rececon's registration form can take. Values
 * are as on the card; nothing is guessed (docs/reference/card-protocol.md#basic-four).
 * @module
 */
import type { LocalizedMessage } from '@onshikit/apdu';
import { formatWareki, toWareki, type WarekiDate } from '@onshikit/portal-forms/wareki';
import type { CardBasicInfo } from './registration-card.js';

/** Which credential opened the 基本4情報. */
export type RegistrationCredential = 'input-support-pin' | 'verification-number-b';

/** The items the prefill reads, in the order the audit names them. */
export const REGISTRATION_ITEMS = ['name', 'address', 'birthDate', 'sex'] as const;

/** A patient draft for the registration form. Staff review it; the card has no kana. */
export interface PatientDraft {
  /** Full name exactly as on the card. */
  readonly name: string;
  /**
   * Family and given name, only when the card separates them by exactly one U+3000 with text on
   * both sides; otherwise absent (a name is never split by guessing).
   */
  readonly nameParts?: { readonly family: string; readonly given: string };
  /** Kana reading: the card has none, so always absent; staff ask the patient ({@link notes}). */
  readonly nameKana?: undefined;
  /** Address exactly as on the card. */
  readonly address: string;
  readonly birthDate: {
    /** 西暦 `YYYY-MM-DD`. */
    readonly iso: string;
    /** 和暦 (`昭和55年2月17日`), absent for a date before 明治. */
    readonly wareki?: string;
    readonly warekiDate?: WarekiDate;
  };
  /** Sex as the card records it. */
  readonly sex: CardBasicInfo['sex'];
  /** The card's sex code digit (1 male, 2 female, 9 not applicable, …). */
  readonly sexCode: string;
  /** How the items were opened. */
  readonly credential: RegistrationCredential;
  /** When the card was read, ISO 8601 UTC. */
  readonly readAt: string;
  /** What staff still need to do (always: the kana reading). */
  readonly notes: readonly LocalizedMessage[];
}

/** Staff note: the card carries no reading. */
export const KANA_NOTE: LocalizedMessage = {
  ja: 'マイナンバーカードにはフリガナが記録されていません。フリガナはご本人に確認して入力してください。',
  en: 'The My Number Card holds no kana reading. Ask the patient and enter it by hand.',
};

const NAME_SPLIT_NOTE: LocalizedMessage = {
  ja: 'カードの氏名に姓と名の区切りがないため、姓・名に分けていません。',
  en: 'The name on the card has no family/given separator, so it is not split.',
};

/** Family/given split at the card's U+3000, only when there is exactly one with text on both sides. */
export function splitCardName(name: string): { family: string; given: string } | undefined {
  const parts = name.split('\u3000');
  if (parts.length !== 2) return undefined;
  const [family, given] = parts as [string, string];
  if (family.length === 0 || given.length === 0) return undefined;
  return { family, given };
}

/** Builds the draft from what the card answered. */
export function buildPatientDraft(info: CardBasicInfo, credential: RegistrationCredential, readAt: Date): PatientDraft {
  const parts = splitCardName(info.name);
  let wareki: { wareki: string; warekiDate: WarekiDate } | undefined;
  try {
    const warekiDate = toWareki({ year: info.birthDate.year, month: info.birthDate.month, day: info.birthDate.day });
    wareki = { wareki: formatWareki(warekiDate), warekiDate };
  } catch {
    wareki = undefined; // before 明治: 西暦 only
  }
  return {
    name: info.name,
    ...(parts === undefined ? {} : { nameParts: parts }),
    address: info.address,
    birthDate: { iso: info.birthDate.iso, ...(wareki ?? {}) },
    sex: info.sex,
    sexCode: info.sexCode,
    credential,
    readAt: readAt.toISOString(),
    notes: parts === undefined ? [KANA_NOTE, NAME_SPLIT_NOTE] : [KANA_NOTE],
  };
}
