import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn, deriveBurdenRatio } from '@onshikit/eligibility';

const ratio = (birthDate: string, checkDate: string, extra: Partial<Parameters<typeof deriveBurdenRatio>[0]> = {}) =>
  deriveBurdenRatio({ birthDate, checkDate, insurerNumber: '01130012', ...extra });

describe('deriveBurdenRatio (健保法 第74条, 高確法 第67条)', () => {
  it('70-74 starts the month after reaching 70 (the day before the birthday)', () => {
    // Born 1956-05-15: reaches 70 on 2026-05-14 → 2割 from 2026-06-01.
    expect(ratio('1956-05-15', '2026-05-31').percent).toBe(30);
    expect(ratio('1956-05-15', '2026-06-01')).toMatchObject({ percent: 20, rule: 'elderly-70-74-default' });
    // Born on the 2nd: reaches 70 on the 1st → that month itself.
    expect(ratio('1956-05-02', '2026-04-30').percent).toBe(30);
    expect(ratio('1956-05-02', '2026-05-01').percent).toBe(20);
    // Born on the 1st: reaches 70 on the last day of the previous month → from the 1st of the birthday month.
    expect(ratio('1956-05-01', '2026-04-30').percent).toBe(30);
    expect(ratio('1956-05-01', '2026-05-01').percent).toBe(20);
    // The 高齢受給者証 ratio wins (現役並み 3割).
    expect(ratio('1954-01-10', '2026-11-26', { elderlyRecipient: { ratioPercent: 30 } })).toMatchObject({ percent: 30, rule: 'elderly-recipient-ratio' });
  });

  it('未就学 lasts until the first 31 March after reaching 6', () => {
    // Born 2020-04-02: reaches 6 on 2026-04-01 → 2割 until 2027-03-31.
    expect(ratio('2020-04-02', '2027-03-31').percent).toBe(20);
    expect(ratio('2020-04-02', '2027-04-01').percent).toBe(30);
    // Born 2020-04-01: reaches 6 on 2026-03-31 → 2割 until that very day.
    expect(ratio('2020-04-01', '2026-03-31').percent).toBe(20);
    expect(ratio('2020-04-01', '2026-04-01').percent).toBe(30);
    // The 未就学区分 flag alone also gives 2割.
    expect(ratio('2010-01-01', '2026-11-26', { preschool: true }).rule).toBe('preschool');
  });

  it('後期高齢 uses the result ratio; 法別 39 without a ratio defaults to 1割', () => {
    expect(ratio('1940-01-01', '2026-11-26', { lateElderlyRatioPercent: 30 })).toMatchObject({ percent: 30, rule: 'late-elderly-ratio' });
    expect(ratio('1940-01-01', '2026-11-26', { insurerNumber: '39131156' })).toMatchObject({ percent: 10, rule: 'late-elderly-default' });
  });

  it('Feb 29 births and ages are consistent', () => {
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26);
    expect(ratio('1956-02-29', '2026-03-01').percent).toBe(20);
  });

  it('always gives 10/20/30 with a citation for any birth date before the check date', () => {
    const day = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, (a, b) => {
        const [birth, check] = a <= b ? [a, b] : [b, a];
        const r = ratio(birth, check);
        expect([20, 30]).toContain(r.percent);
        expect(r.citation).toMatch(/法/);
        if (r.ageOnCheckDate >= 71) expect(r.percent).toBe(20);
        if (r.ageOnCheckDate >= 7 && r.ageOnCheckDate <= 68) expect(r.percent).toBe(30);
        if (r.ageOnCheckDate <= 5) expect(r.percent).toBe(20);
      }),
      { numRuns: 1000 },
    );
  });
});
