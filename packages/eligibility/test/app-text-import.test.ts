import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppTextImport, EligibilityError, parseAppText, parseJapaneseDate } from '@onshikit/eligibility';

const SAMPLE = `氏名\t試験　花子
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

  it('is an EligibilityService: empty text is 該当資格なし', async () => {
    const service = new AppTextImport({ readText: async () => '' });
    const response = await service.query({ kind: 'numbers', checkDate: '2026-11-26', institutionCode: 'x', fileId: 'a', insurerNumber: '06270015', number: '1', birthDate: '1980-01-01' });
    expect(response.validity).toBe(4);
  });

  it('rejects bad text with typed errors and never crashes on arbitrary text', () => {
    expect(() => parseAppText('')).toThrow(EligibilityError);
    expect(() => parseAppText(SAMPLE.replace('昭和55年2月17日', '昭和55年2月30日'))).toThrow(EligibilityError);
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.array(fc.constantFrom('氏名', '生年月日', '確認日', '保険者番号', '番号', '【限度額】', '\t', ':', '\n', '昭和', '元年', '1月', '2日'), { maxLength: 30 }), (s, parts) => {
        for (const text of [s, parts.join('')]) {
          try {
            parseAppText(text, { checkDate: '2026-11-26' });
          } catch (error) {
            if (!(error instanceof EligibilityError)) throw error;
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reads 和暦 with era boundaries and one-letter forms', () => {
    expect(parseJapaneseDate('平成31年4月30日')).toBe('2019-04-30');
    expect(parseJapaneseDate('令和元年5月1日')).toBe('2019-05-01');
    expect(parseJapaneseDate('平成31年5月1日')).toBeUndefined();
    expect(parseJapaneseDate('S55.02.17')).toBe('1980-02-17');
    expect(parseJapaneseDate('１９８０年２月１７日')).toBe('1980-02-17');
    expect(parseJapaneseDate('昭和64年1月7日')).toBe('1989-01-07');
    expect(parseJapaneseDate('昭和64年1月8日')).toBeUndefined();
    expect(parseJapaneseDate('明日')).toBeUndefined();
  });
});
