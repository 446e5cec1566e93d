import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppTextImport, EligibilityError, parseAppText } from '@onshikit/eligibility';

const SAMPLE = `資格有効性\t有効
氏名\t試験　花子
フリガナ\tｼｹﾝ ﾊﾅｺ
生年月日\t昭和55年2月17日
性別\t女
保険者番号\t06270015
保険者名\t試験健康保険組合
記号\t１２３
番号\t４５６
枝番\t01
被保険者氏名\t試験　太郎
本人・家族の別\t家族
住所\t東京都千代田区一丁目１
資格取得年月日\t平成22年4月1日
有効開始日\t令和元年5月1日
確認日\t令和8年11月26日
【裏面記載情報】
住所\t大阪府
備考\tなし
【限度額適用認定証】
有効開始年月日\t令和8年8月1日
有効終了年月日\t令和9年7月31日
`;

describe('AppTextImport', () => {
  it('maps the app text keys, 和暦 dates and sections; keeps unknown keys', () => {
    const { result, unknown } = parseAppText(SAMPLE);
    expect(result).toMatchObject({
      name: '試験　花子',
      nameKana: 'ｼｹﾝ ﾊﾅｺ',
      birthDate: '1980-02-17',
      sex1: '2',
      insurerNumber: '06270015',
      symbol: '123',
      number: '456',
      branch: '01',
      personalFamily: '2',
      qualificationDate: '2010-04-01',
      cardValidFrom: '2019-05-01',
      checkDate: '2026-11-26',
      limitApplication: { validFrom: '2026-08-01', validUntil: '2027-07-31' },
      burdenRatio: { percent: 30 },
    });
    expect(unknown).toEqual({ '裏面記載情報/住所': '大阪府', '裏面記載情報/備考': 'なし' });
  });

  it('carries the validity the text states (OQSCD006 labels or digits)', () => {
    expect(parseAppText(SAMPLE.replace('資格有効性\t有効', '資格有効性\t無効')).result.validity).toBe(2);
    expect(parseAppText(SAMPLE.replace('資格有効性\t有効', '資格有効性\t無効（新しい資格あり）')).result.validity).toBe(
      3,
    );
    expect(parseAppText(SAMPLE.replace('資格有効性\t有効', '有効性：有効(未登録)')).result.validity).toBe(6);
    expect(parseAppText(SAMPLE.replace('資格有効性\t有効', '資格有効性\t５')).result.validity).toBe(5);
    expect(() => parseAppText(SAMPLE.replace('資格有効性\t有効', '資格有効性\tたぶん'))).toThrow(EligibilityError);
  });

  it('refuses to guess when the text states no validity; the caller may state what the screen showed', async () => {
    const bare = SAMPLE.replace('資格有効性\t有効\n', '');
    let caught: unknown;
    try {
      parseAppText(bare);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EligibilityError);
    expect(caught).toMatchObject({
      code: 'TEXT_IMPORT_INVALID',
      detail: { field: '資格有効性', reason: 'validity not stated' },
    });
    expect(parseAppText(bare, { validity: 2 }).result.validity).toBe(2);
    // The text's own statement wins over the caller's.
    expect(parseAppText(SAMPLE, { validity: 2 }).result.validity).toBe(1);
    const query = {
      kind: 'numbers',
      checkDate: '2026-11-26',
      institutionCode: 'x',
      fileId: 'a',
      insurerNumber: '06270015',
      number: '1',
      birthDate: '1980-01-01',
    } as const;
    await expect(new AppTextImport({ readText: async () => bare }).query(query)).rejects.toMatchObject({
      code: 'TEXT_IMPORT_INVALID',
    });
    expect((await new AppTextImport({ readText: async () => bare, validity: 1 }).query(query)).validity).toBe(1);
  });

  it('a stated 3割 of a 45-year-old is 健康保険法 第74条第1項第1号 (working-age), not 高確法 第67条', () => {
    const { result, unknown } = parseAppText(
      SAMPLE.replace('生年月日\t昭和55年2月17日', '生年月日\t昭和56年2月17日') + '一部負担金割合\t3割\n',
    );
    expect(result.burdenRatio).toMatchObject({ percent: 30, rule: 'working-age' });
    expect(result.lateElderlyRatioPercent).toBeUndefined();
    // Placed after a section, the key is kept under the section; at top level it is kept unmapped.
    const top = parseAppText(`一部負担金割合\t3割\n${SAMPLE}`);
    expect(top.result.burdenRatio.rule).toBe('working-age');
    expect(top.unknown.一部負担金割合).toBe('3割');
    expect(unknown['限度額適用認定証/一部負担金割合']).toBe('3割');
  });

  it('a stated ratio goes to 後期高齢者 (高確法 第67条, 法別 39) or to the 高齢受給者証 (健康保険法 第74条第1項第3号) by the facts', () => {
    const late = parseAppText(
      `一部負担金割合\t3割\n${SAMPLE.replace('06270015', '39131156').replace('昭和55年2月17日', '昭和15年2月17日')}`,
    );
    expect(late.result).toMatchObject({
      lateElderlyRatioPercent: 30,
      burdenRatio: { percent: 30, rule: 'late-elderly-ratio' },
    });
    const elderly = parseAppText(`一部負担金割合\t3割\n${SAMPLE.replace('昭和55年2月17日', '昭和29年2月17日')}`);
    expect(elderly.result).toMatchObject({
      elderlyRecipient: { ratioPercent: 30 },
      burdenRatio: { percent: 30, rule: 'elderly-recipient-ratio' },
    });
    // A 6-digit 高知県 国保 number (都道府県番号 39) is not 後期高齢者.
    const kochi = parseAppText(`一部負担金割合\t1割\n${SAMPLE.replace('06270015', '390013')}`);
    expect(kochi.result.burdenRatio).toMatchObject({ percent: 30, rule: 'working-age' });
    expect(() => parseAppText(`一部負担金割合\t5割\n${SAMPLE}`)).toThrow(EligibilityError);
  });

  it('keys named like Object.prototype members are plain unknown keys, never a crash (issue 14: valueOf !)', () => {
    expect(() => parseAppText('valueOf !')).toThrow(EligibilityError);
    for (const key of [
      'valueOf',
      'toString',
      'constructor',
      '__proto__',
      'hasOwnProperty',
      '__defineGetter__',
      'isPrototypeOf',
    ]) {
      const { unknown, result } = parseAppText(`${key}\tx\n${SAMPLE}【限度額適用認定証】\n${key}\ty\n`);
      expect(Object.getOwnPropertyDescriptor(unknown, key)?.value).toBe('x');
      expect(unknown[`限度額適用認定証/${key}`]).toBe('y');
      expect(result.name).toBe('試験　花子');
      expect(({} as Record<string, unknown>).x).toBeUndefined();
    }
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom(
              'valueOf',
              'toString',
              'constructor',
              '__proto__',
              'hasOwnProperty',
              'toLocaleString',
              '氏名',
              '【限度額】',
            ),
            fc.string({ maxLength: 8 }),
          ),
          { maxLength: 10 },
        ),
        (pairs) => {
          const text = pairs.map(([k, v]) => `${k}\t${v}`).join('\n');
          try {
            parseAppText(text, { checkDate: '2026-11-26', validity: 1 });
          } catch (error) {
            if (!(error instanceof EligibilityError)) throw error;
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is an EligibilityService: empty text is 該当資格なし', async () => {
    const service = new AppTextImport({ readText: async () => '' });
    const response = await service.query({
      kind: 'numbers',
      checkDate: '2026-11-26',
      institutionCode: 'x',
      fileId: 'a',
      insurerNumber: '06270015',
      number: '1',
      birthDate: '1980-01-01',
    });
    expect(response.validity).toBe(4);
  });

  it('rejects bad text with typed errors and never crashes on arbitrary text', () => {
    expect(() => parseAppText('')).toThrow(EligibilityError);
    expect(() => parseAppText(SAMPLE.replace('昭和55年2月17日', '昭和55年2月30日'))).toThrow(EligibilityError);
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.array(
          fc.constantFrom(
            '氏名',
            '生年月日',
            '確認日',
            '保険者番号',
            '番号',
            '【限度額】',
            '\t',
            ':',
            '\n',
            '昭和',
            '元年',
            '1月',
            '2日',
          ),
          { maxLength: 30 },
        ),
        (s, parts) => {
          for (const text of [s, parts.join('')]) {
            try {
              parseAppText(text, { checkDate: '2026-11-26' });
            } catch (error) {
              if (!(error instanceof EligibilityError)) throw error;
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads 和暦 with era boundaries and one-letter forms (with portal-forms, the one calendar of the SDK)', () => {
    const isoDate = (typed: string): string | undefined => {
      try {
        return parseAppText(SAMPLE.replace('生年月日\t昭和55年2月17日', `生年月日\t${typed}`)).result.birthDate;
      } catch (error) {
        if (error instanceof EligibilityError && error.code === 'TEXT_IMPORT_INVALID') return undefined;
        throw error;
      }
    };
    expect(isoDate('平成31年4月30日')).toBe('2019-04-30');
    expect(isoDate('令和元年5月1日')).toBe('2019-05-01');
    expect(isoDate('平成31年5月1日')).toBeUndefined();
    expect(isoDate('S55.02.17')).toBe('1980-02-17');
    expect(isoDate('１９８０年２月１７日')).toBe('1980-02-17');
    expect(isoDate('昭和64年1月7日')).toBe('1989-01-07');
    expect(isoDate('昭和64年1月8日')).toBeUndefined();
    expect(isoDate('明日')).toBeUndefined();
  });
});
