/**
 * `AppTextImport`: reads the text the マイナ資格確認アプリ copies for a result (memo
 * eligibility.md §1.6; keys seen in the SIKAKUXML bridge) into an {@link EligibilityResult}.
 * Lines are `key<tab|:|：|spaces>value`; a line without a value, or in 【】/［］/■, opens a
 * section (裏面記載情報, 限度額適用認定証). Dates may be 和暦. Keys it does not know are kept in
 * `unknown` (prefixed by their section), never dropped.
 * @module
 */
import { EligibilityError } from '../errors.js';
import type { EligibilityQuery, EligibilityService, ServiceCallOptions } from '../service/types.js';
import type { EligibilityResponse, EligibilityResult } from './result.js';
import { validateEligibilityResult } from './validate-result.js';
import { parseJapaneseDate } from './wareki.js';

/** What {@link parseAppText} returns. */
export interface AppTextImportResult {
  readonly result: EligibilityResult;
  /** Key/values not mapped to the model, as `section/key` (or `key` outside sections). */
  readonly unknown: Readonly<Record<string, string>>;
}

/** Options of {@link parseAppText}. */
export interface AppTextOptions {
  /** 資格確認日 when the text has no 確認日 (ISO `YYYY-MM-DD`). */
  readonly checkDate?: string;
}

type Setter = (fields: Record<string, unknown>, value: string) => void;

function date(key: string): Setter {
  return (f, v) => {
    const parsed = parseJapaneseDate(v);
    if (parsed === undefined) throw new EligibilityError('TEXT_IMPORT_INVALID', { detail: { field: key, reason: 'not a date' } });
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

/** Top-level keys of the app's text (memo §1.6). */
const KEYS: Readonly<Record<string, Setter>> = {
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
    const m = /(\d+)\s*割/.exec(v.normalize('NFKC'));
    if (m !== null) f.lateElderlyRatioPercent = Number(m[1]) * 10;
  },
};

/** Keys inside the 限度額適用認定証 section. */
const LIMIT_KEYS: Readonly<Record<string, string>> = {
  有効開始年月日: 'validFrom',
  有効終了年月日: 'validUntil',
  交付年月日: 'issuanceDate',
};

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
  if (typeof input !== 'string' || input.trim() === '') throw new EligibilityError('TEXT_IMPORT_INVALID', { detail: { reason: 'empty' } });
  if (input.length > 64 * 1024) throw new EligibilityError('TEXT_IMPORT_INVALID', { detail: { reason: 'too long' } });
  const fields: Record<string, unknown> = {};
  const limit: Record<string, unknown> = {};
  const unknown: Record<string, string> = {};
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
    if (section.includes('限度額') && LIMIT_KEYS[key] !== undefined) {
      const iso = parseJapaneseDate(value);
      if (iso === undefined) throw new EligibilityError('TEXT_IMPORT_INVALID', { detail: { field: `${section}/${key}`, reason: 'not a date' } });
      limit[LIMIT_KEYS[key] as string] = iso;
      continue;
    }
    // Only top-level keys map to the model; a section's keys (裏面記載情報…) are kept as they are.
    const setter = section === '' ? KEYS[key] : undefined;
    if (setter !== undefined) {
      setter(fields, value);
      continue;
    }
    unknown[section === '' ? key : `${section}/${key}`] = value;
  }
  const checkDate = (fields.checkDate as string | undefined) ?? options.checkDate;
  if (checkDate === undefined) throw new EligibilityError('TEXT_IMPORT_INVALID', { detail: { field: '確認日', reason: 'missing' } });
  const result = validateEligibilityResult({
    validity: 1,
    referenceClassification: 1,
    sex1: '3',
    ...fields,
    checkDate,
    ...(Object.keys(limit).length > 0 ? { limitApplication: limit } : {}),
  });
  return { result, unknown };
}

/**
 * An {@link EligibilityService} over the app's text: `readText` obtains the text for a query
 * (e.g. the staff pastes it). Answers a one-result 有効 response (the app shows only found
 * people); an empty text is 該当資格なし.
 */
export class AppTextImport implements EligibilityService {
  readonly name = 'app-text';
  readonly #readText: (query: EligibilityQuery, options: ServiceCallOptions) => Promise<string>;

  constructor(options: { readText: (query: EligibilityQuery, options: ServiceCallOptions) => Promise<string> }) {
    this.#readText = options.readText;
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
    const { result } = parseAppText(raw, { checkDate: query.checkDate });
    return { header, status: 1, validity: result.validity, results: [{ ...result, referenceClassification: header.referenceClassification }] };
  }
}
