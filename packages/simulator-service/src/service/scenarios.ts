/**
 * The scripted population of the simulated eligibility service: one insured person (or none,
 * or several) per scenario of issue 7 §3, with ages relative to the check date so the burden
 * rules (eligibility's `deriveBurdenRatio`) land where each scenario says. Test data only:
 * insurer numbers carry valid check digits (設定要領 第1, docs/reference/numbers-and-forms.md#insurer-number) but belong
 * to no real insurer list we cite.
 * @module
 */
import type { EligibilityResultInput, QualificationValidity } from '@onshikit/eligibility';

/** The scripted cases. */
export type PopulationScenario =
  | 'valid'
  | 'lost'
  | 'new-qualification'
  | 'not-found'
  | 'multiple'
  | 'late-elderly'
  | 'age-70-74'
  | 'preschool';

/** Every scenario, in a stable order. */
export const POPULATION_SCENARIOS: readonly PopulationScenario[] = [
  'valid',
  'lost',
  'new-qualification',
  'not-found',
  'multiple',
  'late-elderly',
  'age-70-74',
  'preschool',
];

/** A result without the per-query fields (validity, check date, 照会区分 come from the query). */
export type PersonTemplate = Omit<EligibilityResultInput, 'validity' | 'checkDate' | 'referenceClassification'>;

/** One scripted entry. */
export interface PopulationEntry {
  readonly scenario: PopulationScenario;
  /** 資格有効性 the service answers. */
  readonly validity: QualificationValidity;
  /** The results (0 for not-found, 2 for multiple). */
  readonly people: readonly PersonTemplate[];
  /** Expected 一部負担割合 in percent on the scenario's check date (for tests). */
  readonly expectedBurdenPercent?: number;
}

/** 設定要領 第1 check digit (docs/reference/numbers-and-forms.md#insurer-number). */
export function checkDigit(body: string): string {
  let sum = 0;
  for (let i = body.length - 1, f = 2; i >= 0; i -= 1, f = f === 2 ? 1 : 2) {
    const p = Number(body[i]) * f;
    sum += p >= 10 ? p - 9 : p;
  }
  return String((10 - (sum % 10)) % 10);
}

function insurer(body: string): string {
  return body + checkDigit(body);
}

/** `YYYY-MM-DD` of the date `years` before `on` (same month and day; Feb 29 → Feb 28). */
export function yearsBefore(on: string, years: number, dayShift = 0): string {
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y - years, m - 1, Math.min(d, 28) + dayShift));
  return date.toISOString().slice(0, 10);
}

/** Builds the scripted entries for checks made on `checkDate` (JST date, `YYYY-MM-DD`). */
export function scriptedEntries(checkDate: string): Record<PopulationScenario, PopulationEntry> {
  const kyokai = insurer('0113001'); // 法別 01 協会けんぽ, 東京 13
  const kumiai = insurer('0627123'); // 法別 06 組合, 大阪 27
  const kokuho = insurer('13805'); // 国保 6 digits, 東京
  const koki = insurer('3913115'); // 法別 39 後期高齢, 東京
  // A field set to `undefined` in `over` is dropped (no 記号 on a 後期高齢者 card).
  const base = (over: { [K in keyof PersonTemplate]?: PersonTemplate[K] | undefined }): PersonTemplate => {
    const defaults: PersonTemplate = {
      insuredCardClassification: '01',
      insurerNumber: kyokai,
      insurerName: '全国健康保険協会 東京支部',
      symbol: '12345678',
      number: '101',
      branch: '00',
      personalFamily: '1',
      name: '試験　太郎',
      nameKana: 'ｼｹﾝ ﾀﾛｳ',
      sex1: '1',
      birthDate: yearsBefore(checkDate, 40),
      qualificationDate: '2015-04-01',
      cardValidFrom: '2015-04-01',
    };
    const merged: Record<string, unknown> = { ...defaults, ...over };
    for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
    return merged as PersonTemplate;
  };
  return {
    valid: {
      scenario: 'valid',
      validity: 1,
      people: [base({ name: '試験　一郎', nameKana: 'ｼｹﾝ ｲﾁﾛｳ', number: '101' })],
      expectedBurdenPercent: 30,
    },
    lost: {
      scenario: 'lost',
      validity: 2,
      people: [
        base({
          name: '試験　二郎',
          nameKana: 'ｼｹﾝ ｼﾞﾛｳ',
          number: '102',
          insurerNumber: kumiai,
          insurerName: '試験健康保険組合',
          disqualificationDate: yearsBefore(checkDate, 0, -30),
          reasonOfLoss: '03',
        }),
      ],
      expectedBurdenPercent: 30,
    },
    'new-qualification': {
      scenario: 'new-qualification',
      validity: 3,
      people: [
        base({
          name: '試験　三郎',
          nameKana: 'ｼｹﾝ ｻﾌﾞﾛｳ',
          number: '103',
          disqualificationDate: yearsBefore(checkDate, 0, -10),
          reasonOfLoss: '03',
        }),
      ],
      expectedBurdenPercent: 30,
    },
    'not-found': { scenario: 'not-found', validity: 4, people: [] },
    multiple: {
      scenario: 'multiple',
      validity: 5,
      people: [
        base({ name: '試験　四郎', nameKana: 'ｼｹﾝ ｼﾛｳ', number: '104' }),
        base({
          name: '試験　四郎',
          nameKana: 'ｼｹﾝ ｼﾛｳ',
          number: '204',
          insurerNumber: kokuho,
          insurerName: '試験市',
          symbol: '東京-1',
          branch: '01',
        }),
      ],
      expectedBurdenPercent: 30,
    },
    'late-elderly': {
      scenario: 'late-elderly',
      validity: 1,
      people: [
        base({
          name: '試験　五子',
          nameKana: 'ｼｹﾝ ｲﾂｺ',
          sex1: '2',
          insurerNumber: koki,
          insurerName: '東京都後期高齢者医療広域連合',
          symbol: undefined,
          number: '39000105',
          branch: undefined,
          personalFamily: undefined,
          insuredCardClassification: '01',
          birthDate: yearsBefore(checkDate, 80),
          lateElderlyRatioPercent: 10,
        }),
      ],
      expectedBurdenPercent: 10,
    },
    'age-70-74': {
      scenario: 'age-70-74',
      validity: 1,
      people: [
        base({
          name: '試験　六郎',
          nameKana: 'ｼｹﾝ ﾛｸﾛｳ',
          number: '106',
          insurerNumber: kokuho,
          insurerName: '試験市',
          symbol: '東京-1',
          birthDate: yearsBefore(checkDate, 72),
          elderlyRecipient: { validFrom: yearsBefore(checkDate, 1), ratioPercent: 20 },
        }),
      ],
      expectedBurdenPercent: 20,
    },
    preschool: {
      scenario: 'preschool',
      validity: 1,
      people: [
        base({
          name: '試験　七海',
          nameKana: 'ｼｹﾝ ﾅﾅﾐ',
          sex1: '2',
          number: '101',
          branch: '03',
          personalFamily: '2',
          birthDate: yearsBefore(checkDate, 3),
          preschool: true,
        }),
      ],
      expectedBurdenPercent: 20,
    },
  };
}
