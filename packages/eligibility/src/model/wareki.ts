/**
 * Japanese-era (和暦) dates as the マイナ資格確認アプリ prints them (memo eligibility.md §1.6:
 * 昭和…年…月…日). Accepts 令和/平成/昭和/大正/明治 with 元年, the one-letter forms (R/H/S/T/M
 * with `.`/`/`/`-`), and Gregorian `YYYY年M月D日` or `YYYY/MM/DD`; full-width digits allowed.
 * @module
 */
import { isIsoDate } from './burden-ratio.js';

/** Era start dates (first day of each era). */
const ERAS: readonly { readonly names: readonly string[]; readonly start: readonly [number, number, number] }[] = [
  { names: ['令和', 'R'], start: [2019, 5, 1] },
  { names: ['平成', 'H'], start: [1989, 1, 8] },
  { names: ['昭和', 'S'], start: [1926, 12, 25] },
  { names: ['大正', 'T'], start: [1912, 7, 30] },
  { names: ['明治', 'M'], start: [1868, 1, 25] },
];

function iso(y: number, m: number, d: number): string | undefined {
  const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isIsoDate(text) ? text : undefined;
}

/** Parses a 和暦 or Gregorian date to ISO `YYYY-MM-DD`; `undefined` when it is not one. */
export function parseJapaneseDate(input: string): string | undefined {
  const s = input.normalize('NFKC').replace(/\s+/g, '');
  let m = /^(\d{4})(?:年|[./-])(\d{1,2})(?:月|[./-])(\d{1,2})日?$/.exec(s);
  if (m !== null) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(令和|平成|昭和|大正|明治|[RHSTMrhstm])(元|\d{1,2})(?:年|[./-])(\d{1,2})(?:月|[./-])(\d{1,2})日?$/.exec(s);
  if (m === null) return undefined;
  const eraName = (m[1] as string).toUpperCase();
  const era = ERAS.find((e) => e.names.includes(eraName) || e.names.includes(m![1] as string));
  if (era === undefined) return undefined;
  const year = m[2] === '元' ? 1 : Number(m[2]);
  if (year < 1) return undefined;
  const date = iso(era.start[0] + year - 1, Number(m[3]), Number(m[4]));
  if (date === undefined) return undefined;
  // The date must fall inside the era (e.g. 平成31年5月1日 does not exist: that day is 令和元年).
  const start = iso(...era.start) as string;
  const next = ERAS[ERAS.indexOf(era) - 1];
  if (date < start || (next !== undefined && date >= (iso(...next.start) as string))) return undefined;
  return date;
}
