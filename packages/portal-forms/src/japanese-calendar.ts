/**
 * 和暦 ↔ 西暦 for 明治 to 令和.
 *
 * Era start dates (Gregorian): 明治 1868-01-25, 大正 1912-07-30, 昭和 1926-12-25, 平成 1989-01-08,
 * 令和 2019-05-01. On the change-over days (1912-07-30, 1926-12-25) both era names were in use;
 * like the government's and most software, the day belongs to the new era.
 *
 * 明治 was proclaimed in 1868 (慶応4年9月8日) and applied from the first day of that year; Japan used
 * the lunisolar calendar until 明治5年12月2日 (the next day was 明治6年1月1日 = 1873-01-01). As is
 * usual in software, 明治1-5 dates here are the year offset with Gregorian months and days, which
 * makes 明治元年1月25日 = 1868-01-25 the first representable date (the Gregorian date of the lunar
 * 明治元年1月1日) and every later date convert exactly.
 * @module
 */
import { fail, PortalFormsError, type Validation } from './errors.js';
import { normalizeFormValue } from './normalize.js';

/** A Gregorian calendar date, no time and no time zone. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The eras from 明治 on. */
export type EraKey = 'meiji' | 'taisho' | 'showa' | 'heisei' | 'reiwa';

/** One era with its first (and, except the current one, last) day. */
export interface Era {
  readonly key: EraKey;
  readonly ja: '明治' | '大正' | '昭和' | '平成' | '令和';
  /** One-letter abbreviation used on forms: M, T, S, H, R. */
  readonly initial: 'M' | 'T' | 'S' | 'H' | 'R';
  readonly en: 'Meiji' | 'Taisho' | 'Showa' | 'Heisei' | 'Reiwa';
  readonly start: CalendarDate;
  /** Last day, undefined for the current era. */
  readonly end: CalendarDate | undefined;
}

/** The eras, oldest first. */
export const ERAS: readonly Era[] = [
  {
    key: 'meiji',
    ja: '明治',
    initial: 'M',
    en: 'Meiji',
    start: { year: 1868, month: 1, day: 25 },
    end: { year: 1912, month: 7, day: 29 },
  },
  {
    key: 'taisho',
    ja: '大正',
    initial: 'T',
    en: 'Taisho',
    start: { year: 1912, month: 7, day: 30 },
    end: { year: 1926, month: 12, day: 24 },
  },
  {
    key: 'showa',
    ja: '昭和',
    initial: 'S',
    en: 'Showa',
    start: { year: 1926, month: 12, day: 25 },
    end: { year: 1989, month: 1, day: 7 },
  },
  {
    key: 'heisei',
    ja: '平成',
    initial: 'H',
    en: 'Heisei',
    start: { year: 1989, month: 1, day: 8 },
    end: { year: 2019, month: 4, day: 30 },
  },
  { key: 'reiwa', ja: '令和', initial: 'R', en: 'Reiwa', start: { year: 2019, month: 5, day: 1 }, end: undefined },
];

/** A date in the Japanese calendar: era and year within the era (1 = 元年). */
export interface WarekiDate {
  readonly era: EraKey;
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The era for a key. */
export function eraByKey(key: EraKey): Era {
  return ERAS.find((e) => e.key === key)!;
}

/** Negative, zero or positive as `a` is before, equal to or after `b`. */
export function compareCalendarDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** Days in a Gregorian month. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Whether year/month/day name a real Gregorian date (year 1-9999). */
export function isRealDate(d: CalendarDate): boolean {
  return (
    Number.isInteger(d.year) &&
    Number.isInteger(d.month) &&
    Number.isInteger(d.day) &&
    d.year >= 1 &&
    d.year <= 9999 &&
    d.month >= 1 &&
    d.month <= 12 &&
    d.day >= 1 &&
    d.day <= daysInMonth(d.year, d.month)
  );
}

/** `1980-02-17`. */
export function formatIsoDate(d: CalendarDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

const MEIJI_START = ERAS[0]!.start;

/**
 * 西暦 → 和暦. Throws {@link PortalFormsError} `FORM_DATE_IMPOSSIBLE` for a date that does not
 * exist and `FORM_DATE_OUT_OF_RANGE` before 1868-01-25.
 *
 * @example
 * ```ts
 * toWareki({ year: 1980, month: 2, day: 17 }); // { era: 'showa', year: 55, month: 2, day: 17 }
 * ```
 */
export function toWareki(date: CalendarDate): WarekiDate {
  if (!isRealDate(date)) throw new PortalFormsError('FORM_DATE_IMPOSSIBLE', { detail: { ...date } });
  if (compareCalendarDates(date, MEIJI_START) < 0) {
    throw new PortalFormsError('FORM_DATE_OUT_OF_RANGE', {
      detail: { minimum: formatIsoDate(MEIJI_START), maximum: '9999-12-31' },
    });
  }
  let era = ERAS[0]!;
  for (const e of ERAS) if (compareCalendarDates(date, e.start) >= 0) era = e;
  return { era: era.key, year: date.year - era.start.year + 1, month: date.month, day: date.day };
}

/** Options for {@link fromWareki} and {@link parseJapaneseDate}. */
export interface WarekiOptions {
  /**
   * Accept a year past the era's end (平成32年 → 2020), as some forms printed before a change
   * still do. Default false: 平成31年5月1日 and 昭和64年1月8日 are rejected.
   */
  allowPastEraEnd?: boolean;
}

/** 和暦 → 西暦 without throwing. */
export function warekiToCalendarDate(w: WarekiDate, options: WarekiOptions = {}): Validation<CalendarDate> {
  const era = ERAS.find((e) => e.key === w.era);
  if (era === undefined || !Number.isInteger(w.year) || w.year < 1) return fail('FORM_DATE_FORMAT');
  const date: CalendarDate = { year: era.start.year + w.year - 1, month: w.month, day: w.day };
  if (!isRealDate(date)) return fail('FORM_DATE_IMPOSSIBLE', { detail: { ...date } });
  const beforeStart = compareCalendarDates(date, era.start) < 0;
  const afterEnd = era.end !== undefined && compareCalendarDates(date, era.end) > 0 && options.allowPastEraEnd !== true;
  if (beforeStart || afterEnd) {
    return fail('FORM_DATE_ERA_RANGE', {
      detail: {
        eraJa: era.ja,
        eraEn: era.en,
        eraYear: w.year === 1 ? '元' : w.year,
        month: w.month,
        day: w.day,
        start: formatIsoDate(era.start),
        end: era.end === undefined ? '' : formatIsoDate(era.end),
      },
    });
  }
  return { ok: true, value: date };
}

/**
 * 和暦 → 西暦. Throws `FORM_DATE_IMPOSSIBLE` (昭和55年2月30日) or `FORM_DATE_ERA_RANGE`
 * (昭和64年1月8日 is 平成元年).
 *
 * @example
 * ```ts
 * fromWareki({ era: 'reiwa', year: 1, month: 5, day: 1 }); // { year: 2019, month: 5, day: 1 }
 * ```
 */
export function fromWareki(w: WarekiDate, options?: WarekiOptions): CalendarDate {
  const result = warekiToCalendarDate(w, options);
  if (!result.ok) throw result.error;
  return result.value;
}

/** Options for {@link formatWareki}. */
export interface FormatWarekiOptions {
  /** Write year 1 as 元年 (default true) or 1年. */
  gannen?: boolean;
  /** `kanji` (昭和55年2月17日, default) or `initial` (S55.2.17). */
  style?: 'kanji' | 'initial';
}

/** `昭和55年2月17日`, `令和元年5月1日` or `S55.2.17`. */
export function formatWareki(w: WarekiDate, options: FormatWarekiOptions = {}): string {
  const era = eraByKey(w.era);
  if (options.style === 'initial') return `${era.initial}${w.year}.${w.month}.${w.day}`;
  const year = w.year === 1 && options.gannen !== false ? '元' : String(w.year);
  return `${era.ja}${year}年${w.month}月${w.day}日`;
}

/** A date read from what a person typed. */
export interface ParsedJapaneseDate {
  readonly date: CalendarDate;
  /** `YYYY-MM-DD`. */
  readonly iso: string;
  /** The 和暦 as typed, when the input was 和暦. */
  readonly wareki: WarekiDate | undefined;
}

const ERA_TOKENS: ReadonlyMap<string, EraKey> = new Map([
  ...ERAS.flatMap(
    (e) =>
      [
        [e.ja, e.key],
        [e.ja[0]!, e.key],
        [e.initial, e.key],
        [e.initial.toLowerCase(), e.key],
      ] as [string, EraKey][],
  ),
]);
const ERA = '(明治|大正|昭和|平成|令和|[明大昭平令MTSHRmtshr])';
const YEAR = '(元|[0-9]{1,2})';
const N = '([0-9]{1,2})';
const WAREKI_PATTERNS = [
  new RegExp(`^${ERA}\\s*${YEAR}\\s*年\\s*${N}\\s*月\\s*${N}\\s*日?$`),
  new RegExp(`^${ERA}\\s*${YEAR}\\s*[./-]\\s*${N}\\s*[./-]\\s*${N}$`),
  /^([MTSHRmtshr])([0-9]{2})([0-9]{2})([0-9]{2})$/,
];
const SEIREKI_PATTERNS = [
  /^(?:西暦)?\s*([0-9]{4})\s*[./-]\s*([0-9]{1,2})\s*[./-]\s*([0-9]{1,2})$/,
  /^(?:西暦)?\s*([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日?$/,
  /^([0-9]{4})([0-9]{2})([0-9]{2})$/,
];

/**
 * Reads a date in 西暦 or 和暦 as people type it: `1980-02-17`, `1980/2/17`, `19800217`,
 * `1980年2月17日`, `昭和55年2月17日`, `昭55.2.17`, `S55.2.17`, `S550217`, `令和元年5月1日`,
 * `R1.5.1`, with full-width digits or ㍼/㋿ too. Never throws.
 *
 * @example
 * ```ts
 * parseJapaneseDate('Ｓ５５．２．１７'); // { ok: true, value: { iso: '1980-02-17', … } }
 * ```
 */
export function parseJapaneseDate(input: unknown, options: WarekiOptions = {}): Validation<ParsedJapaneseDate> {
  if (typeof input !== 'string') return fail('FORM_REQUIRED');
  const text = normalizeFormValue(input, 'date');
  if (text === '') return fail('FORM_REQUIRED');
  for (const pattern of WAREKI_PATTERNS) {
    const m = pattern.exec(text);
    if (m === null) continue;
    const era = ERA_TOKENS.get(m[1]!)!;
    const wareki: WarekiDate = { era, year: m[2] === '元' ? 1 : Number(m[2]), month: Number(m[3]), day: Number(m[4]) };
    if (wareki.year === 0) return fail('FORM_DATE_FORMAT');
    const date = warekiToCalendarDate(wareki, options);
    if (!date.ok) return date;
    return { ok: true, value: { date: date.value, iso: formatIsoDate(date.value), wareki } };
  }
  for (const pattern of SEIREKI_PATTERNS) {
    const m = pattern.exec(text);
    if (m === null) continue;
    const date: CalendarDate = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
    if (!isRealDate(date)) return fail('FORM_DATE_IMPOSSIBLE', { detail: { ...date } });
    return { ok: true, value: { date, iso: formatIsoDate(date), wareki: undefined } };
  }
  return fail('FORM_DATE_FORMAT');
}

/** Today's date in Japan (UTC+9, no daylight saving), the reference for "not in the future". */
export function todayInJapan(now: Date = new Date()): CalendarDate {
  const jst = new Date(now.getTime() + 9 * 60 * 60 * 1000);
  return { year: jst.getUTCFullYear(), month: jst.getUTCMonth() + 1, day: jst.getUTCDate() };
}
