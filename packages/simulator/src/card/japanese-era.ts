/**
 * Japanese eras by start date (Gregorian), newest first. The SDK's one 和暦 implementation is
 * `@onshikit/portal-forms/wareki`; the simulator keeps its own table on purpose: a simulator is
 * written from the sources (docs/reference/), never importing the code it stands in for, so a
 * fault in the SDK's calendar cannot hide behind the same fault here.
 */
const ERAS = [
  { code: 5, name: '令和', start: '2019-05-01' },
  { code: 4, name: '平成', start: '1989-01-08' },
  { code: 3, name: '昭和', start: '1926-12-25' },
  { code: 2, name: '大正', start: '1912-07-30' },
  { code: 1, name: '明治', start: '1868-01-25' },
] as const;

/** Era of a `YYYY-MM-DD` date: its JPKI code (1 明治 … 5 令和) and year within the era. */
export function japaneseEra(isoDate: string): { code: number; name: string; year: number } {
  const era = ERAS.find((e) => isoDate >= e.start) ?? ERAS[ERAS.length - 1]!;
  return { code: era.code, name: era.name, year: Number(isoDate.slice(0, 4)) - Number(era.start.slice(0, 4)) + 1 };
}

/** `YYMMDD` in the Japanese era (the 生年月日 key and the head of 照合番号B, docs/reference/card-protocol.md#pins). */
export function eraYymmdd(isoDate: string): string {
  const { year } = japaneseEra(isoDate);
  return `${String(year).padStart(2, '0')}${isoDate.slice(5, 7)}${isoDate.slice(8, 10)}`;
}

/** `YYYYMMDD` from `YYYY-MM-DD`. */
export function compactDate(isoDate: string): string {
  return isoDate.replaceAll('-', '');
}
