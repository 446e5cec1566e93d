/**
 * 一部負担割合 (the patient's share) derived from age on the check date and the result's ratio
 * fields. The OQS result carries a ratio only for 後期高齢者 and in the 高齢受給者証 (memo §1.2
 * "Derived facts"), so the SDK computes the rest from the statutes:
 * - 後期高齢者 (高齢者の医療の確保に関する法律 第67条): 1, 2 or 3割 as the result says.
 * - 70-74 (健康保険法 第74条第1項第2号・第3号; 国民健康保険法 第42条): from the first day of the month
 *   after the day one reaches 70 (that month itself when the day is the 1st): 2割, or 3割 for
 *   現役並み所得者 as the 高齢受給者証 says.
 * - 未就学 (健康保険法 第74条第1項第3号): until the first 31 March on or after the day one
 *   reaches 6: 2割.
 * - Everyone else: 3割 (健康保険法 第74条第1項第1号).
 * "Reaching" an age is the day before the birthday (年齢計算ニ関スル法律, 民法 第143条).
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
  'late-elderly-ratio': '高齢者の医療の確保に関する法律 第67条',
  'late-elderly-default': '高齢者の医療の確保に関する法律 第67条第1項第1号',
  'elderly-recipient-ratio': '健康保険法 第74条第1項第3号 / 国民健康保険法 第42条第1項第4号',
  'elderly-70-74-default': '健康保険法 第74条第1項第3号 / 国民健康保険法 第42条第1項第4号',
  preschool: '健康保険法 第74条第1項第2号 / 国民健康保険法 第42条第1項第2号',
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

function serial(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** The day one "reaches" `age`: the day before the birthday in that year (Feb 29 births → Feb 28). */
function dayReaching(birth: { y: number; m: number; d: number }, age: number): number {
  const y = birth.y + age;
  const d = Math.min(birth.d, daysInMonth(y, birth.m));
  return serial(y, birth.m, d) - 1;
}

/** Full years of age on `on` (age increases on the day before the birthday's anniversary ends…: the birthday). */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  const b = parseIsoDate(birthDate);
  const c = parseIsoDate(on);
  let age = c.y - b.y;
  if (c.m < b.m || (c.m === b.m && c.d < b.d)) age -= 1;
  return Math.max(0, age);
}

/** Derives the 一部負担割合 with the rule and statute (see the module comment). */
export function deriveBurdenRatio(input: BurdenRatioInput): BurdenRatio {
  const birth = parseIsoDate(input.birthDate);
  const check = parseIsoDate(input.checkDate);
  const today = serial(check.y, check.m, check.d);
  const ageOnCheckDate = ageOn(input.birthDate, input.checkDate);
  const make = (percent: number, rule: BurdenRule): BurdenRatio => ({ percent, rule, citation: CITATIONS[rule], ageOnCheckDate });

  const lateElderly = input.lateElderlyRatioPercent !== undefined || input.insurerNumber.startsWith('39');
  if (lateElderly) {
    const percent = input.lateElderlyRatioPercent;
    return percent !== undefined && percent > 0 ? make(percent, 'late-elderly-ratio') : make(10, 'late-elderly-default');
  }
  // 70-74: from the first day of the month after the day one reaches 70 (that month if it is the 1st).
  const reach70 = new Date(dayReaching(birth, 70) * 86_400_000);
  const r70y = reach70.getUTCFullYear();
  const r70m = reach70.getUTCMonth() + 1;
  const start70 = reach70.getUTCDate() === 1 ? serial(r70y, r70m, 1) : serial(r70m === 12 ? r70y + 1 : r70y, (r70m % 12) + 1, 1);
  if (today >= start70) {
    const percent = input.elderlyRecipient?.ratioPercent;
    return percent !== undefined && percent > 0 ? make(percent, 'elderly-recipient-ratio') : make(20, 'elderly-70-74-default');
  }
  // 未就学: up to the first 31 March on or after the day one reaches 6.
  const reach6 = new Date(dayReaching(birth, 6) * 86_400_000);
  const r6y = reach6.getUTCFullYear();
  const march31 = serial(r6y, 3, 31) >= serial(r6y, reach6.getUTCMonth() + 1, reach6.getUTCDate()) ? serial(r6y, 3, 31) : serial(r6y + 1, 3, 31);
  if (input.preschool === true || today <= march31) return make(20, 'preschool');
  return make(30, 'working-age');
}
