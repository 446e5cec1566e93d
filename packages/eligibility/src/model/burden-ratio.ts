/**
 * 一部負担割合 (the patient's share) derived from age on the check date and the result's own
 * fields. The OQS result carries a ratio only for 後期高齢者 and in the 高齢受給者証
 * (docs/reference/burden-rules.md#what-the-result-carries), so the SDK computes the rest from
 * the statutes (docs/reference/burden-rules.md#age-boundaries):
 * - 後期高齢者 (高齢者の医療の確保に関する法律 第50条, 第67条): an 8-digit insurer number with
 *   法別番号 39, a ratio in the result, or 75 years of age (from the 75th birthday itself): 1, 2
 *   or 3割 as the result says. A 6-digit 国保 number starts with its 都道府県番号 (高知県 is
 *   39) and never means 後期高齢者.
 * - 70-74 (健康保険法 第74条第1項第2号; 国民健康保険法 第42条第1項第3号): 2割 「七十歳に達する日の
 *   属する月の翌月以後」, or 3割 for 現役並み所得者 as the 高齢受給者証 says (第74条第1項第3号;
 *   第42条第1項第4号).
 * - 未就学 (健康保険法 第110条第2項第1号; 国民健康保険法 第42条第1項第2号): 2割 up to 「六歳に達する
 *   日以後の最初の三月三十一日」.
 * - Everyone else: 3割 (健康保険法 第74条第1項第1号; 国民健康保険法 第42条第1項第1号).
 * One "reaches" an age at the end of the day before the birthday (年齢計算ニ関スル法律 with 民法
 * 第143条第2項; a 29 February birth reaches it on 28 February in a common year).
 * @module
 */
import type { IsoDate } from './result.js';

/** Which rule gave the ratio. */
export type BurdenRule =
  | 'late-elderly-ratio'
  | 'late-elderly-default'
  | 'elderly-recipient-ratio'
  | 'elderly-70-74-default'
  | 'preschool'
  | 'working-age';

/** The derived 一部負担割合. */
export interface BurdenRatio {
  /** Share the patient pays, in percent (10, 20 or 30). */
  readonly percent: number;
  /** The rule applied. */
  readonly rule: BurdenRule;
  /** Statute the rule comes from. */
  readonly citation: string;
  /** Age in full years on the check date. */
  readonly ageOnCheckDate: number;
}

/** The fields the derivation reads. */
export interface BurdenRatioInput {
  readonly birthDate: IsoDate;
  readonly checkDate: IsoDate;
  readonly insurerNumber: string;
  readonly lateElderlyRatioPercent?: number;
  readonly elderlyRecipient?: { readonly ratioPercent?: number };
  readonly preschool?: boolean;
}

const CITATIONS: Readonly<Record<BurdenRule, string>> = {
  'late-elderly-ratio': '高齢者の医療の確保に関する法律 第67条第1項',
  'late-elderly-default': '高齢者の医療の確保に関する法律 第50条 / 第67条第1項第1号',
  'elderly-recipient-ratio': '健康保険法 第74条第1項第2号・第3号 / 国民健康保険法 第42条第1項第3号・第4号',
  'elderly-70-74-default': '健康保険法 第74条第1項第2号 / 国民健康保険法 第42条第1項第3号',
  preschool: '健康保険法 第110条第2項第1号 / 国民健康保険法 第42条第1項第2号',
  'working-age': '健康保険法 第74条第1項第1号 / 国民健康保険法 第42条第1項第1号',
};

/** Splits an ISO date; throws RangeError on a malformed one (callers validate first). */
export function parseIsoDate(date: IsoDate): { y: number; m: number; d: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) throw new RangeError(`not an ISO date: ${date}`);
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) throw new RangeError(`not a calendar date: ${date}`);
  return { y, m, d };
}

/** True for a real calendar date `YYYY-MM-DD` (years 1868-2999). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  try {
    const { y } = parseIsoDate(value);
    return y >= 1868 && y <= 2999;
  } catch {
    return false;
  }
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Days since 1970-01-01 (UTC calendar arithmetic, no time zones). */
function serial(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

function fromSerial(day: number): { y: number; m: number; d: number } {
  const date = new Date(day * 86_400_000);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

/**
 * The day one "reaches" `age` (年齢計算ニ関スル法律: age counts from the day of birth, so under 民法
 * 第143条第2項 the years end on the day before the birth date's anniversary, or on the last day of
 * the month when that month has no such day: a 29 February birth reaches every age on 28 February).
 */
export function dayReachingAge(birthDate: IsoDate, age: number): IsoDate {
  const r = fromSerial(reachSerial(parseIsoDate(birthDate), age));
  return `${String(r.y).padStart(4, '0')}-${String(r.m).padStart(2, '0')}-${String(r.d).padStart(2, '0')}`;
}

function reachSerial(birth: { y: number; m: number; d: number }, age: number): number {
  const y = birth.y + age;
  const last = daysInMonth(y, birth.m);
  return birth.d > last ? serial(y, birth.m, last) : serial(y, birth.m, birth.d) - 1;
}

/** Full years of age on `on`: the new age counts from the day after the day one reaches it. */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  const b = parseIsoDate(birthDate);
  const today = serial(...triple(parseIsoDate(on)));
  let age = parseIsoDate(on).y - b.y;
  if (age > 0 && today <= reachSerial(b, age)) age -= 1;
  return Math.max(0, age);
}

function triple(d: { y: number; m: number; d: number }): [number, number, number] {
  return [d.y, d.m, d.d];
}

/**
 * True when the insurer number is a 後期高齢者医療広域連合's: 8 digits with 法別番号 39. A 6-digit
 * 国保 number has no 法別番号 (its first two digits are the 都道府県番号; 高知県 is 39).
 */
export function isLateElderlyInsurer(insurerNumber: string): boolean {
  const n = insurerNumber.trim();
  return /^39\d{6}$/.test(n);
}

/** First day of the month after the month of `day` (健康保険法 第74条第1項第2号「…の属する月の翌月以後」). */
function firstOfNextMonth(day: number): number {
  const r = fromSerial(day);
  return r.m === 12 ? serial(r.y + 1, 1, 1) : serial(r.y, r.m + 1, 1);
}

/** The first 31 March on or after `day` (「六歳に達する日以後の最初の三月三十一日」). */
function firstMarch31OnOrAfter(day: number): number {
  const r = fromSerial(day);
  const same = serial(r.y, 3, 31);
  return same >= day ? same : serial(r.y + 1, 3, 31);
}

/** Derives the 一部負担割合 with the rule and statute (see the module comment). */
export function deriveBurdenRatio(input: BurdenRatioInput): BurdenRatio {
  const birth = parseIsoDate(input.birthDate);
  const today = serial(...triple(parseIsoDate(input.checkDate)));
  const ageOnCheckDate = ageOn(input.birthDate, input.checkDate);
  const make = (percent: number, rule: BurdenRule): BurdenRatio => ({
    percent,
    rule,
    citation: CITATIONS[rule],
    ageOnCheckDate,
  });

  // 後期高齢者: 高確法 第50条 (75歳以上, or 65-74 with the 広域連合's recognition: then the number is 法別 39).
  // Status starts on the 75th birthday itself: the day after the day one reaches 75.
  const lateElderly =
    input.lateElderlyRatioPercent !== undefined ||
    isLateElderlyInsurer(input.insurerNumber) ||
    today > reachSerial(birth, 75);
  if (lateElderly) {
    const percent = input.lateElderlyRatioPercent;
    return percent !== undefined && percent > 0
      ? make(percent, 'late-elderly-ratio')
      : make(10, 'late-elderly-default');
  }
  // 70-74: 健康保険法 第74条第1項第2号 / 国民健康保険法 第42条第1項第3号: from the month after the month
  // containing the day one reaches 70 (born on the 1st: that day is the last of the previous month).
  if (today >= firstOfNextMonth(reachSerial(birth, 70))) {
    const percent = input.elderlyRecipient?.ratioPercent;
    return percent !== undefined && percent > 0
      ? make(percent, 'elderly-recipient-ratio')
      : make(20, 'elderly-70-74-default');
  }
  // 未就学: 健康保険法 第110条第2項第1号 / 国民健康保険法 第42条第1項第2号: up to and including the first
  // 31 March on or after the day one reaches 6.
  if (input.preschool === true || today <= firstMarch31OnOrAfter(reachSerial(birth, 6))) return make(20, 'preschool');
  return make(30, 'working-age');
}
