// fast-check generators for the result model and queries.
import fc from 'fast-check';
import { buildEligibilityResult, type EligibilityResponse, type EligibilityResult } from '@onshikit/eligibility';

const KANJI = [...'山田太郎花子髙橋𠮷野鈴木佐藤東京都千代田区一丁目健康保険組合協会'];
const KANA = [...'ｱｲｳｴｵｶｷｸｹｺﾀﾞﾔﾏﾊﾅｺﾞﾟｰ'];
const ASCII = [...'ABCxyz0123-&<>"\'#;'];

export const jpText = (max: number): fc.Arbitrary<string> =>
  fc
    .array(fc.constantFrom(...KANJI, ...KANA, ...ASCII, ' '), { minLength: 1, maxLength: max })
    .map((chars) => chars.join('').trim())
    .filter((s) => s.length > 0);

export const sjisText = (max: number): fc.Arbitrary<string> =>
  fc
    .array(fc.constantFrom(...KANJI.filter((c) => c !== '𠮷' && c !== '髙'), ...KANA, ...ASCII, ' '), {
      minLength: 1,
      maxLength: max,
    })
    .map((chars) => chars.join('').trim())
    .filter((s) => s.length > 0);

export const isoDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));

export function resultArbitrary(text: (max: number) => fc.Arbitrary<string> = jpText): fc.Arbitrary<EligibilityResult> {
  return fc
    .record(
      {
        validity: fc.constantFrom(1, 2, 3, 5, 6) as fc.Arbitrary<1 | 2 | 3 | 5 | 6>,
        referenceClassification: fc.constantFrom(1, 2) as fc.Arbitrary<1 | 2>,
        insuredCardClassification: fc.constantFrom('01', '05', 'A1'),
        insurerNumber: fc.oneof(digits(8), digits(6)),
        insurerName: text(40),
        symbol: text(20),
        number: text(20),
        branch: digits(2),
        personalFamily: fc.constantFrom('1', '2') as fc.Arbitrary<'1' | '2'>,
        insuredName: text(30),
        name: text(30),
        nameKana: text(30),
        sex1: fc.constantFrom('1', '2', '3') as fc.Arbitrary<'1' | '2' | '3'>,
        birthDate: isoDate,
        qualificationDate: isoDate,
        cardValidUntil: isoDate,
        lateElderlyRatioPercent: fc.constantFrom(10, 20, 30),
        preschool: fc.constant(true),
        elderlyRecipient: fc.record(
          { validFrom: isoDate, ratioPercent: fc.constantFrom(20, 30) },
          { requiredKeys: [] },
        ),
        limitConsent: fc.constant(true),
        limitApplication: fc.record(
          {
            certificateClassification: fc.constantFrom('01', '02'),
            applicationClassification: fc.constantFrom('A01', 'B03'),
            validUntil: isoDate,
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: ['validity', 'referenceClassification', 'insurerNumber', 'number', 'name', 'sex1', 'birthDate'] },
    )
    .map((r) => buildEligibilityResult({ ...r, checkDate: '2026-12-31' }));
}

export function responseArbitrary(
  text: (max: number) => fc.Arbitrary<string> = jpText,
): fc.Arbitrary<EligibilityResponse> {
  return fc
    .tuple(fc.array(resultArbitrary(text), { minLength: 0, maxLength: 3 }), fc.option(text(30), { nil: undefined }))
    .map(([results, message]) => {
      const validity = results.length === 0 ? 4 : results.length > 1 ? 5 : (results[0] as EligibilityResult).validity;
      const referenceClassification = results[0]?.referenceClassification ?? 1;
      const fixed = results.map((r) => buildEligibilityResult({ ...r, validity, referenceClassification }));
      return {
        header: {
          processedAt: '2026-12-31T09:10:11',
          checkDate: '2026-12-31',
          institutionCode: '1312345678',
          fileId: 'chk-1',
          referenceClassification,
          segmentOfResult: 1,
        },
        status: 1,
        validity,
        ...(message === undefined ? {} : { processingResultCode: 'W001', processingResultMessage: message }),
        results: fixed.map((r) => {
          const { burdenRatio: _b, ...rest } = r;
          return buildEligibilityResult(rest);
        }),
      } as EligibilityResponse;
    });
}
