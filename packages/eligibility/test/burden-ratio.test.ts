import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn, dayReachingAge, deriveBurdenRatio, isLateElderlyInsurer } from '@onshikit/eligibility';

// Statutes: docs/reference/burden-rules.md#age-boundaries.
const ratio = (birthDate: string, checkDate: string, extra: Partial<Parameters<typeof deriveBurdenRatio>[0]> = {}) =>
  deriveBurdenRatio({ birthDate, checkDate, insurerNumber: '01130012', ...extra });

const iso = (y: number, m: number, d: number): string =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const dim = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();
const isLeap = (y: number): boolean => dim(y, 2) === 29;
/** The day before `d` (calendar arithmetic written independently of the module). */
function previousDay(y: number, m: number, d: number): string {
  if (d > 1) return iso(y, m, d - 1);
  if (m > 1) return iso(y, m - 1, dim(y, m - 1));
  return iso(y - 1, 12, 31);
}
/** Every calendar day of 1900-2100 as [y, m, d]. */
function* everyDay(): Generator<[number, number, number]> {
  for (let y = 1900; y <= 2100; y += 1)
    for (let m = 1; m <= 12; m += 1) for (let d = 1; d <= dim(y, m); d += 1) yield [y, m, d];
}
/** The anniversary that starts a new age: the same date, or 1 March for a 29 February birth in a common year. */
/** Collects mismatches of an exhaustive loop and asserts once (expect per day is slow). */
function mismatches(): { eq: (actual: unknown, expected: unknown, what: string) => void; list: string[] } {
  const list: string[] = [];
  return {
    list,
    eq: (actual, expected, what) =>
      void (actual === expected || list.length >= 5 || list.push(`${what}: ${String(actual)} ≠ ${String(expected)}`)),
  };
}
const birthday = (y: number, m: number, d: number, age: number): [number, number, number] =>
  d > dim(y + age, m) ? [y + age, m + 1, 1] : [y + age, m, d];

describe('年齢計算ニ関スル法律 + 民法 第143条第2項: the day one reaches an age', () => {
  it('is the day before the birthday; 29 February births reach it on 28 February', () => {
    expect(dayReachingAge('1956-05-15', 70)).toBe('2026-05-14');
    expect(dayReachingAge('1956-05-01', 70)).toBe('2026-04-30');
    expect(dayReachingAge('1956-01-01', 70)).toBe('2025-12-31');
    expect(dayReachingAge('1956-02-29', 70)).toBe('2026-02-28');
    expect(dayReachingAge('1956-02-29', 72)).toBe('2028-02-28');
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26);
    expect(ageOn('2000-02-29', '2028-02-28')).toBe(27);
    expect(ageOn('2000-02-29', '2028-02-29')).toBe(28);
  });

  it('property (every birth day 1900-2100): the age goes up on the birthday itself, never a day early', () => {
    const m_ = mismatches();
    for (const [y, m, d] of everyDay()) {
      const birth = iso(y, m, d);
      for (const age of [6, 70, 75]) {
        const [by, bm, bd] = birthday(y, m, d, age);
        m_.eq(ageOn(birth, previousDay(by, bm, bd)), age - 1, `${birth} eve of ${age}`);
        m_.eq(ageOn(birth, iso(by, bm, bd)), age, `${birth} birthday ${age}`);
      }
    }
    expect(m_.list).toEqual([]);
  });
});

describe('健康保険法 第74条第1項第2号 / 国民健康保険法 第42条第1項第3号: 2割 from the month after the month one reaches 70', () => {
  it('born on the 2nd (reaches 70 on the 1st): 3割 for the whole birthday month, 2割 from the next month', () => {
    expect(ratio('1956-05-02', '2026-05-01').percent).toBe(30);
    expect(ratio('1956-05-31', '2026-05-31').percent).toBe(30);
    expect(ratio('1956-05-02', '2026-06-01')).toMatchObject({
      percent: 20,
      rule: 'elderly-70-74-default',
      citation: expect.stringContaining('第74条第1項第2号'),
    });
  });

  it('born on the 1st (reaches 70 on the last day of the previous month): 2割 from the birthday month itself', () => {
    expect(ratio('1956-05-01', '2026-04-30').percent).toBe(30);
    expect(ratio('1956-05-01', '2026-05-01').percent).toBe(20);
    expect(ratio('1956-01-01', '2025-12-31').percent).toBe(30);
    expect(ratio('1956-01-01', '2026-01-01').percent).toBe(20);
  });

  it('born on the last day of a month, and on 29 February (reaches 70 on 28 February): 2割 from 1 March', () => {
    expect(ratio('1956-05-15', '2026-05-31').percent).toBe(30);
    expect(ratio('1956-05-15', '2026-06-01').percent).toBe(20);
    expect(ratio('1956-02-29', '2026-02-28').percent).toBe(30);
    expect(ratio('1956-02-29', '2026-03-01').percent).toBe(20);
    expect(ratio('1956-12-31', '2026-12-31').percent).toBe(30);
    expect(ratio('1956-12-31', '2027-01-01').percent).toBe(20);
  });

  it('第74条第1項第3号 / 第42条第1項第4号: the 高齢受給者証 ratio wins (現役並み 3割)', () => {
    expect(ratio('1954-01-10', '2026-11-26', { elderlyRecipient: { ratioPercent: 30 } })).toMatchObject({
      percent: 30,
      rule: 'elderly-recipient-ratio',
    });
  });

  it('property (every birth day 1900-2100): 3割 on the last day before the 2割 month, 2割 on its first day', () => {
    const m_ = mismatches();
    for (const [y, m, d] of everyDay()) {
      // Closed form of the statute: born on the 1st → the birthday month; otherwise the month after it.
      const [sy, sm] = d === 1 ? [y + 70, m] : m === 12 ? [y + 71, 1] : [y + 70, m + 1];
      const birth = iso(y, m, d);
      m_.eq(ratio(birth, previousDay(sy, sm, 1)).percent, 30, `${birth} before`);
      m_.eq(ratio(birth, iso(sy, sm, 1)).percent, 20, `${birth} from`);
    }
    expect(m_.list).toEqual([]);
  });
});

describe('健康保険法 第110条第2項第1号 / 国民健康保険法 第42条第1項第2号: 未就学 2割 up to the first 31 March after reaching 6', () => {
  it('born 2 April: reaches 6 on 1 April → 2割 until the next year’s 31 March', () => {
    expect(ratio('2020-04-02', '2027-03-31')).toMatchObject({ percent: 20, rule: 'preschool' });
    expect(ratio('2020-04-02', '2027-04-01').percent).toBe(30);
  });

  it('born 1 April: reaches 6 on 31 March → 2割 until that very day', () => {
    expect(ratio('2020-04-01', '2026-03-31').percent).toBe(20);
    expect(ratio('2020-04-01', '2026-04-01').percent).toBe(30);
  });

  it('born on the last day of a month and on 29 February', () => {
    expect(ratio('2020-02-29', '2026-03-31').percent).toBe(20);
    expect(ratio('2020-02-29', '2026-04-01').percent).toBe(30);
    expect(ratio('2020-03-31', '2026-03-31').percent).toBe(20);
    expect(ratio('2020-03-31', '2026-04-01').percent).toBe(30);
  });

  it('the 未就学区分 flag alone also gives 2割', () => {
    expect(ratio('2010-01-01', '2026-11-26', { preschool: true }).rule).toBe('preschool');
  });

  it('property (every birth day 1900-2100): 2割 on the last 31 March, 3割 the day after', () => {
    const m_ = mismatches();
    for (const [y, m, d] of everyDay()) {
      const endYear = m < 4 || (m === 4 && d === 1) ? y + 6 : y + 7;
      const birth = iso(y, m, d);
      m_.eq(ratio(birth, iso(endYear, 3, 31)).percent, 20, `${birth} last day`);
      m_.eq(ratio(birth, iso(endYear, 4, 1)).percent, 30, `${birth} day after`);
    }
    expect(m_.list).toEqual([]);
  });
});

describe('高齢者の医療の確保に関する法律 第50条 / 第67条: 後期高齢者', () => {
  it('uses the result ratio; an 8-digit number with 法別番号 39 without a ratio defaults to 1割', () => {
    expect(ratio('1940-01-01', '2026-11-26', { lateElderlyRatioPercent: 30 })).toMatchObject({
      percent: 30,
      rule: 'late-elderly-ratio',
    });
    expect(ratio('1940-01-01', '2026-11-26', { insurerNumber: '39131156' })).toMatchObject({
      percent: 10,
      rule: 'late-elderly-default',
    });
    // 65-74 recognised by the 広域連合 (第50条第2号): the 法別 39 number decides.
    expect(ratio('1958-06-10', '2026-11-26', { insurerNumber: '39131156' }).rule).toBe('late-elderly-default');
  });

  it('a 6-digit 国保 number of 高知県 (都道府県番号 39) is not 後期高齢者: 3割 at 40, 2割 at 72', () => {
    expect(isLateElderlyInsurer('390013')).toBe(false);
    expect(isLateElderlyInsurer('39131156')).toBe(true);
    expect(isLateElderlyInsurer('  390013')).toBe(false);
    expect(ratio('1986-06-10', '2026-11-26', { insurerNumber: '390013' })).toMatchObject({
      percent: 30,
      rule: 'working-age',
    });
    expect(ratio('1954-06-10', '2026-11-26', { insurerNumber: '390013' })).toMatchObject({
      percent: 20,
      rule: 'elderly-70-74-default',
    });
  });

  it('from the 75th birthday itself (29 February births: 1 March in a common year)', () => {
    expect(ratio('1951-11-26', '2026-11-25', { insurerNumber: '390013' }).percent).toBe(20);
    expect(ratio('1951-11-26', '2026-11-26', { insurerNumber: '390013' })).toMatchObject({
      percent: 10,
      rule: 'late-elderly-default',
    });
    expect(ratio('1952-02-29', '2027-02-28').percent).toBe(20);
    expect(ratio('1952-02-29', '2027-03-01').rule).toBe('late-elderly-default');
    expect(ratio('1952-02-29', '2028-02-29').rule).toBe('late-elderly-default');
  });

  it('property (every birth day 1900-2100): 2割 the day before the 75th birthday, 後期高齢者 on it', () => {
    const m_ = mismatches();
    for (const [y, m, d] of everyDay()) {
      const [by, bm, bd] = birthday(y, m, d, 75);
      const birth = iso(y, m, d);
      m_.eq(ratio(birth, previousDay(by, bm, bd)).rule, 'elderly-70-74-default', `${birth} eve of 75`);
      m_.eq(ratio(birth, iso(by, bm, bd)).rule, 'late-elderly-default', `${birth} 75th birthday`);
      if (m === 2 && d === 29) m_.eq(iso(by, bm, bd), isLeap(by) ? iso(by, 2, 29) : iso(by, 3, 1), `${birth} leap`);
    }
    expect(m_.list).toEqual([]);
  });
});

describe('健康保険法 第74条第1項第1号 / 国民健康保険法 第42条第1項第1号: everyone else 3割', () => {
  it('property: always 10/20/30 with a citation, by age band, for any birth and check day 1900-2100', () => {
    const day = fc
      .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, (a, b) => {
        const [birth, check] = a <= b ? [a, b] : [b, a];
        const r = ratio(birth, check);
        expect(r.citation).toMatch(/法/);
        if (r.ageOnCheckDate >= 75) expect(r).toMatchObject({ percent: 10, rule: 'late-elderly-default' });
        if (r.ageOnCheckDate >= 71 && r.ageOnCheckDate <= 74) expect(r.percent).toBe(20);
        if (r.ageOnCheckDate >= 7 && r.ageOnCheckDate <= 68)
          expect(r).toMatchObject({ percent: 30, rule: 'working-age' });
        if (r.ageOnCheckDate <= 5) expect(r.percent).toBe(20);
      }),
      { numRuns: 2000 },
    );
  });
});
