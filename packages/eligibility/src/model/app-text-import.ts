/**
 * `AppTextImport`: reads the text the マイナ資格確認アプリ copies for a result
 * (docs/reference/oqs-messages.md#app-text; keys seen in a public bridge) into an
 * {@link EligibilityResult}. Lines are `key<tab|:|：|spaces>value`; a line without a value, or in
 * 【】/［］/■, opens a section (裏面記載情報, 限度額適用認定証). Dates may be 和暦. Keys it does not
 * know are kept in `unknown` (prefixed by their section), never dropped. Keys from the text only
 * ever index Maps and null-prototype objects (a key such as `valueOf` is just an unknown key).
 *
 * Nothing is guessed: the 資格有効性 is the one the text states (or the caller read on the app's
 * screen, {@link AppTextOptions.validity}); without one the import is refused. A stated
 * 一部負担金割合 goes to the field the facts point to (後期高齢者 or 高齢受給者), and the rule label
 * is derived from those facts, never from the mere presence of a ratio.
 * @module
 */
import { parseJapaneseDate } from '@onshikit/portal-forms/wareki';
import { EligibilityError } from '../errors.js';
import { deriveBurdenRatio, isIsoDate } from './burden-ratio.js';
import { isQualificationValidity, type QualificationValidity } from './codes.js';
import type { EligibilityQuery, EligibilityService, ServiceCallOptions } from '../service/types.js';
import type { EligibilityResponse, EligibilityResult } from './result.js';
import { validateEligibilityResult } from './validate-result.js';

/** What {@link parseAppText} returns. */
export interface AppTextImportResult {
  readonly result: EligibilityResult;
  /** Key/values not mapped to the model, as `section/key` (or `key` outside sections); a null-prototype object. */
  readonly unknown: Readonly<Record<string, string>>;
}

/** Thrown (as `TEXT_IMPORT_INVALID`, detail `field: '資格有効性'`) when neither the text nor the caller states the validity. */
export const VALIDITY_NOT_STATED = 'validity not stated';

/** Options of {@link parseAppText}. */
export interface AppTextOptions {
  /** 資格確認日 when the text has no 確認日 (ISO `YYYY-MM-DD`). */
  readonly checkDate?: string;
  /**
   * 資格有効性 the staff read on the app's screen, used only when the text states none. Without
   * it, a text that states no validity is refused: the import never assumes 有効.
   */
  readonly validity?: QualificationValidity;
}

type Fields = Record<string, unknown>;
type Setter = (fields: Fields, value: string) => void;

/** A null-prototype record: keys from outside cannot reach Object.prototype. */
function bare<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** 資格有効性 as the app words it (OQSCD006; docs/reference/oqs-messages.md#codes), or its digit. */
export function parseValidityText(value: string): QualificationValidity | undefined {
  const v = value.normalize('NFKC').replace(/\s+/g, '').replace(/[()]/g, '');
  if (/^[1-6]$/.test(v)) return Number(v) as QualificationValidity;
  const byLabel = new Map<string, QualificationValidity>([
    ['有効', 1],
    ['無効', 2],
    ['無効新しい資格あり', 3],
    ['該当資格なし', 4],
    ['複数該当', 5],
    ['有効未登録', 6],
  ]);
  const found = byLabel.get(v);
  return found !== undefined && isQualificationValidity(found) ? found : undefined;
}

/** A 和暦 or 西暦 date as the app prints it, read with portal-forms (the SDK's one calendar), as ISO `YYYY-MM-DD`. */
function isoDate(text: string): string | undefined {
  const parsed = parseJapaneseDate(text);
  return parsed.ok ? parsed.value.iso : undefined;
}

function date(key: string): Setter {
  return (f, v) => {
    const parsed = isoDate(v);
    if (parsed === undefined)
      throw new EligibilityError('TEXT_IMPORT_INVALID', { detail: { field: key, reason: 'not a date' } });
    f[key] = parsed;
  };
}

const text =
  (key: string): Setter =>
  (f, v) => {
    f[key] = v;
  };

const digits =
  (key: string): Setter =>
  (f, v) => {
    f[key] = v.normalize('NFKC').replace(/\s+/g, '');
  };

/** Top-level keys of the app's text (docs/reference/oqs-messages.md#app-text). */
const KEYS: ReadonlyMap<string, Setter> = new Map<string, Setter>(
  Object.entries({
    氏名: text('name'),
    フリガナ: text('nameKana'),
    カナ氏名: text('nameKana'),
    生年月日: date('birthDate'),
    性別: (f, v) => {
      f.sex1 = v.startsWith('男') ? '1' : v.startsWith('女') ? '2' : '3';
    },
    記号: (f, v) => {
      f.symbol = v.normalize('NFKC').trim();
    },
    番号: (f, v) => {
      f.number = v.normalize('NFKC').trim();
    },
    枝番: digits('branch'),
    保険者番号: digits('insurerNumber'),
    保険者名: text('insurerName'),
    保険者名称: text('insurerName'),
    被保険者氏名: text('insuredName'),
    '本人・家族の別': (f, v) => {
      f.personalFamily = v.includes('家族') ? '2' : v.includes('本人') ? '1' : undefined;
    },
    住所: text('address'),
    郵便番号: digits('postNumber'),
    資格取得年月日: date('qualificationDate'),
    資格喪失年月日: date('disqualificationDate'),
    有効開始日: date('cardValidFrom'),
    有効終了日: date('cardValidUntil'),
    交付年月日: date('certificateIssuanceDate'),
    確認日: date('checkDate'),
    一部負担金割合: (f, v) => {
      const m = /^(\d+)\s*割$/.exec(v.normalize('NFKC').trim());
      if (m === null || !['1', '2', '3'].includes(m[1] as string))
        throw new EligibilityError('TEXT_IMPORT_INVALID', {
          detail: { field: '一部負担金割合', reason: 'not 1, 2 or 3割' },
        });
      f.statedRatioPercent = Number(m[1]) * 10;
    },
    資格有効性: validity,
    資格の有効性: validity,
    有効性: validity,
  } satisfies Record<string, Setter>),
);

function validity(f: Fields, v: string): void {
  const parsed = parseValidityText(v);
  if (parsed === undefined)
    throw new EligibilityError('TEXT_IMPORT_INVALID', { detail: { field: '資格有効性', reason: 'unknown value' } });
  f.validity = parsed;
}

/** Keys inside the 限度額適用認定証 section. */
const LIMIT_KEYS: ReadonlyMap<string, string> = new Map([
  ['有効開始年月日', 'validFrom'],
  ['有効終了年月日', 'validUntil'],
  ['交付年月日', 'issuanceDate'],
]);

function splitLine(line: string): [string, string] | undefined {
  const m = /^\s*([^\t:：]+?)\s*(?:\t+|[:：]|\s{2,}|\s(?=\S))\s*(.*?)\s*$/.exec(line);
  if (m === null) return undefined;
  return [(m[1] as string).trim(), (m[2] as string).trim()];
}

function sectionName(line: string): string | undefined {
  const m = /^\s*(?:【(.+)】|［(.+)］|\[(.+)\]|■\s*(.+?))\s*$/.exec(line);
  if (m === null) return undefined;
  return (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').trim();
}

/** Parses the app's result text; throws `TEXT_IMPORT_INVALID` (or `RESULT_INVALID` naming the field). */
export function parseAppText(input: string, options: AppTextOptions = {}): AppTextImportResult {
  if (typeof input !== 'string' || input.trim() === '')
    throw new EligibilityError('TEXT_IMPORT_INVALID', { detail: { reason: 'empty' } });
  if (input.length > 64 * 1024) throw new EligibilityError('TEXT_IMPORT_INVALID', { detail: { reason: 'too long' } });
  const fields = bare<unknown>();
  const limit = bare<unknown>();
  const unknown = bare<string>();
  let section = '';
  for (const raw of input.replace(/\r\n?/g, '\n').split('\n')) {
    if (raw.trim() === '') continue;
    const heading = sectionName(raw);
    if (heading !== undefined) {
      section = heading;
      continue;
    }
    const pair = splitLine(raw);
    if (pair === undefined || pair[1] === '') {
      section = raw.trim();
      continue;
    }
    const [key, value] = pair;
    const limitKey = section.includes('限度額') ? LIMIT_KEYS.get(key) : undefined;
    if (limitKey !== undefined) {
      const iso = isoDate(value);
      if (iso === undefined)
        throw new EligibilityError('TEXT_IMPORT_INVALID', {
          detail: { field: `${section}/${key}`, reason: 'not a date' },
        });
      limit[limitKey] = iso;
      continue;
    }
    // Only top-level keys map to the model; a section's keys (裏面記載情報…) are kept as they are.
    const setter = section === '' ? KEYS.get(key) : undefined;
    if (setter !== undefined) {
      setter(fields, value);
      continue;
    }
    unknown[section === '' ? key : `${section}/${key}`] = value;
  }
  const checkDate = (fields.checkDate as string | undefined) ?? options.checkDate;
  if (checkDate === undefined)
    throw new EligibilityError('TEXT_IMPORT_INVALID', { detail: { field: '確認日', reason: 'missing' } });
  const validityValue = fields.validity ?? options.validity;
  if (validityValue === undefined)
    throw new EligibilityError('TEXT_IMPORT_INVALID', { detail: { field: '資格有効性', reason: VALIDITY_NOT_STATED } });
  const { statedRatioPercent, ...known } = fields;
  const ratioFields = placeStatedRatio(statedRatioPercent as number | undefined, known, checkDate, unknown);
  const result = validateEligibilityResult({
    referenceClassification: 1,
    sex1: '3',
    ...known,
    ...ratioFields,
    validity: validityValue,
    checkDate,
    ...(Object.keys(limit).length > 0 ? { limitApplication: { ...limit } } : {}),
  });
  return { result, unknown };
}

/**
 * Puts a stated 一部負担金割合 where the facts say it belongs: 後期高齢者 (8-digit 法別 39 or 75+)
 * → the 後期高齢者 ratio; 70-74 in the 2割 months → the 高齢受給者証 ratio. Anyone else's share
 * follows from age alone, so the stated value is kept in `unknown` and not used.
 */
function placeStatedRatio(
  percent: number | undefined,
  fields: Fields,
  checkDate: string,
  unknown: Record<string, string>,
): Fields {
  if (percent === undefined) return {};
  const birthDate = fields.birthDate;
  const insurerNumber = fields.insurerNumber;
  if (
    typeof birthDate !== 'string' ||
    !isIsoDate(birthDate) ||
    !isIsoDate(checkDate) ||
    typeof insurerNumber !== 'string' ||
    checkDate < birthDate
  ) {
    unknown.一部負担金割合 = `${percent / 10}割`;
    return {};
  }
  const band = deriveBurdenRatio({ birthDate, checkDate, insurerNumber }).rule;
  if (band === 'late-elderly-default') return { lateElderlyRatioPercent: percent };
  if (band === 'elderly-70-74-default') return { elderlyRecipient: { ratioPercent: percent } };
  unknown.一部負担金割合 = `${percent / 10}割`;
  return {};
}

/**
 * An {@link EligibilityService} over the app's text: `readText` obtains the text for a query
 * (e.g. the staff pastes it). Answers a one-result 有効 response (the app shows only found
 * people); an empty text is 該当資格なし.
 */
export class AppTextImport implements EligibilityService {
  readonly name = 'app-text';
  readonly #readText: (query: EligibilityQuery, options: ServiceCallOptions) => Promise<string>;

  readonly #validity: QualificationValidity | undefined;

  /**
   * @param options.readText obtains the text for a query.
   * @param options.validity the 資格有効性 the staff read on the screen, for texts that state none
   *   (see {@link AppTextOptions.validity}); without it such a text is refused.
   */
  constructor(options: {
    readText: (query: EligibilityQuery, options: ServiceCallOptions) => Promise<string>;
    validity?: QualificationValidity;
  }) {
    this.#readText = options.readText;
    this.#validity = options.validity;
  }

  async query(query: EligibilityQuery, options: ServiceCallOptions = {}): Promise<EligibilityResponse> {
    const raw = await this.#readText(query, options);
    const header = {
      checkDate: query.checkDate,
      institutionCode: query.institutionCode,
      fileId: query.fileId,
      referenceClassification: query.kind === 'card' ? (1 as const) : (2 as const),
      segmentOfResult: 1 as const,
    };
    if (raw.trim() === '') return { header, status: 1, validity: 4, results: [] };
    const { result } = parseAppText(raw, {
      checkDate: query.checkDate,
      ...(this.#validity === undefined ? {} : { validity: this.#validity }),
    });
    return {
      header,
      status: 1,
      validity: result.validity,
      results: [{ ...result, referenceClassification: header.referenceClassification }],
    };
  }
}
