import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ERAS,
  formatIsoDate,
  formatWareki,
  fromWareki,
  parseJapaneseDate,
  PortalFormsError,
  todayInJapan,
  toWareki,
  warekiToCalendarDate,
  type CalendarDate,
  type Validation,
} from '@onshikit/portal-forms';

const d = (year: number, month: number, day: number): CalendarDate => ({ year, month, day });
const iso = (r: Validation<{ iso: string }>): string => (r.ok ? r.value.iso : `error:${r.error.code}`);

describe('era table', () => {
  it('has the exact start dates and contiguous eras', () => {
    expect(ERAS.map((e) => [e.ja, formatIsoDate(e.start)])).toEqual([
      ['明治', '1868-01-25'],
      ['大正', '1912-07-30'],
      ['昭和', '1926-12-25'],
      ['平成', '1989-01-08'],
      ['令和', '2019-05-01'],
    ]);
    for (let i = 1; i < ERAS.length; i++) {
      const end = ERAS[i - 1]!.end!;
      const next = new Date(Date.UTC(end.year, end.month - 1, end.day + 1));
      expect(formatIsoDate(d(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()))).toBe(
        formatIsoDate(ERAS[i]!.start),
      );
    }
  });
});

describe('西暦 → 和暦', () => {
  it('converts boundary days to the new era', () => {
    expect(toWareki(d(1989, 1, 7))).toEqual({ era: 'showa', year: 64, month: 1, day: 7 });
    expect(toWareki(d(1989, 1, 8))).toEqual({ era: 'heisei', year: 1, month: 1, day: 8 });
    expect(toWareki(d(2019, 4, 30))).toEqual({ era: 'heisei', year: 31, month: 4, day: 30 });
    expect(toWareki(d(2019, 5, 1))).toEqual({ era: 'reiwa', year: 1, month: 5, day: 1 });
    expect(toWareki(d(1912, 7, 30)).era).toBe('taisho');
    expect(toWareki(d(1926, 12, 25)).era).toBe('showa');
    expect(toWareki(d(1868, 1, 25))).toEqual({ era: 'meiji', year: 1, month: 1, day: 25 });
  });

  it('rejects dates before 明治 and impossible dates with typed errors', () => {
    expect(() => toWareki(d(1868, 1, 24))).toThrow(PortalFormsError);
    expect(() => toWareki(d(2023, 2, 29))).toThrow(/FORM_DATE_IMPOSSIBLE/);
  });

  it('formats with 元年 and initials', () => {
    expect(formatWareki(toWareki(d(2019, 5, 1)))).toBe('令和元年5月1日');
    expect(formatWareki(toWareki(d(2019, 5, 1)), { gannen: false })).toBe('令和1年5月1日');
    expect(formatWareki(toWareki(d(1980, 2, 17)))).toBe('昭和55年2月17日');
    expect(formatWareki(toWareki(d(1980, 2, 17)), { style: 'initial' })).toBe('S55.2.17');
  });
});

describe('和暦 → 西暦', () => {
  it('converts and checks the era range', () => {
    expect(fromWareki({ era: 'showa', year: 55, month: 2, day: 17 })).toEqual(d(1980, 2, 17));
    expect(fromWareki({ era: 'reiwa', year: 1, month: 5, day: 1 })).toEqual(d(2019, 5, 1));
    expect(() => fromWareki({ era: 'showa', year: 64, month: 1, day: 8 })).toThrow(/FORM_DATE_ERA_RANGE/);
    expect(() => fromWareki({ era: 'reiwa', year: 1, month: 4, day: 30 })).toThrow(/FORM_DATE_ERA_RANGE/);
    expect(() => fromWareki({ era: 'meiji', year: 1, month: 1, day: 24 })).toThrow(/FORM_DATE_ERA_RANGE/);
    expect(() => fromWareki({ era: 'heisei', year: 31, month: 2, day: 29 })).toThrow(/FORM_DATE_IMPOSSIBLE/);
    expect(fromWareki({ era: 'heisei', year: 32, month: 1, day: 1 }, { allowPastEraEnd: true })).toEqual(d(2020, 1, 1));
    expect(warekiToCalendarDate({ era: 'showa', year: 0, month: 1, day: 1 }).ok).toBe(false);
  });
});

describe('parseJapaneseDate', () => {
  it('reads what people type', () => {
    const cases: [string, string][] = [
      ['昭和55年2月17日', '1980-02-17'],
      ['S55.2.17', '1980-02-17'],
      ['s55/2/17', '1980-02-17'],
      ['S55-02-17', '1980-02-17'],
      ['昭55.2.17', '1980-02-17'],
      ['S550217', '1980-02-17'],
      ['昭和５５年２月１７日', '1980-02-17'],
      ['Ｓ５５．２．１７', '1980-02-17'],
      ['㍼55年2月17日', '1980-02-17'],
      ['昭和 55 年 2 月 17 日', '1980-02-17'],
      ['令和元年5月1日', '2019-05-01'],
      ['R1.5.1', '2019-05-01'],
      ['R01.05.01', '2019-05-01'],
      ['㋿元年5月1日', '2019-05-01'],
      ['H1.1.8', '1989-01-08'],
      ['平成元年1月8日', '1989-01-08'],
      ['T1.7.30', '1912-07-30'],
      ['M45.7.29', '1912-07-29'],
      ['明治元年1月25日', '1868-01-25'],
      ['大正15年12月24日', '1926-12-24'],
      ['1980-02-17', '1980-02-17'],
      ['1980/2/17', '1980-02-17'],
      ['1980年2月17日', '1980-02-17'],
      ['西暦1980年2月17日', '1980-02-17'],
      ['19800217', '1980-02-17'],
      ['１９８０－０２－１７', '1980-02-17'],
      [' 1980.2.17 ', '1980-02-17'],
      ['昭和55年2月17', '1980-02-17'],
    ];
    for (const [typed, expected] of cases) expect(iso(parseJapaneseDate(typed)), typed).toBe(expected);
  });

  it('rejects impossible, out-of-era and unreadable dates with their codes', () => {
    const cases: [string, string][] = [
      ['昭和55年2月30日', 'error:FORM_DATE_IMPOSSIBLE'],
      ['2023-02-29', 'error:FORM_DATE_IMPOSSIBLE'],
      ['1980-13-01', 'error:FORM_DATE_IMPOSSIBLE'],
      ['昭和64年1月8日', 'error:FORM_DATE_ERA_RANGE'],
      ['平成31年5月1日', 'error:FORM_DATE_ERA_RANGE'],
      ['令和元年4月30日', 'error:FORM_DATE_ERA_RANGE'],
      ['S0.1.1', 'error:FORM_DATE_FORMAT'],
      ['昭和', 'error:FORM_DATE_FORMAT'],
      ['X55.2.17', 'error:FORM_DATE_FORMAT'],
      ['yesterday', 'error:FORM_DATE_FORMAT'],
      ['', 'error:FORM_REQUIRED'],
      ['   ', 'error:FORM_REQUIRED'],
    ];
    for (const [typed, expected] of cases) expect(iso(parseJapaneseDate(typed)), typed).toBe(expected);
    expect(iso(parseJapaneseDate('平成32年1月1日', { allowPastEraEnd: true }))).toBe('2020-01-01');
  });

  it('keeps the 和暦 it read', () => {
    const r = parseJapaneseDate('S55.2.17');
    expect(r.ok && r.value.wareki).toEqual({ era: 'showa', year: 55, month: 2, day: 17 });
  });

  it('never throws on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => void parseJapaneseDate(s)),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[MTSHR明大昭平令元年月日0-9./ -]{0,14}$/), (s) => void parseJapaneseDate(s)),
      { numRuns: 1000 },
    );
  });
});

describe('round trip 西暦 → 和暦 → 西暦 for every date 1868-01-25 .. 2100-12-31', () => {
  it('holds for every day, through the number form and through both text forms', () => {
    let days = 0;
    const end = Date.UTC(2100, 11, 31);
    for (let t = Date.UTC(1868, 0, 25); t <= end; t += 86_400_000) {
      const at = new Date(t);
      const date = d(at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate());
      const wareki = toWareki(date);
      const back = fromWareki(wareki);
      if (back.year !== date.year || back.month !== date.month || back.day !== date.day)
        throw new Error(`round trip failed at ${formatIsoDate(date)}`);
      const text = parseJapaneseDate(formatWareki(wareki));
      const initial = parseJapaneseDate(formatWareki(wareki, { style: 'initial' }));
      if (!text.ok || text.value.iso !== formatIsoDate(date))
        throw new Error(`text round trip failed at ${formatIsoDate(date)}`);
      if (!initial.ok || initial.value.iso !== formatIsoDate(date))
        throw new Error(`initial round trip failed at ${formatIsoDate(date)}`);
      days++;
    }
    expect(days).toBe(85_078); // (2100-12-31 − 1868-01-25) + 1 days
  });

  it('holds as a property too', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(Date.UTC(1868, 0, 25)), max: new Date(Date.UTC(2100, 11, 31)), noInvalidDate: true }),
        (t) => {
          const date = d(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
          expect(fromWareki(toWareki(date))).toEqual(date);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('todayInJapan', () => {
  it('uses UTC+9', () => {
    expect(todayInJapan(new Date('2026-11-25T15:00:00Z'))).toEqual(d(2026, 11, 26));
    expect(todayInJapan(new Date('2026-11-25T14:59:59Z'))).toEqual(d(2026, 11, 25));
  });
});
