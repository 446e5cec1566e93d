/**
 * 法別番号: the first two digits of an 8-digit 保険者番号 or 公費負担者番号.
 * Health insurance codes: docs/reference/numbers-and-forms.md#houbetsu (DOCOMO, MEDI-LOCUS, CHEERING, ZUU);
 * 公費 codes: §2.2 (CHIGASAKI, NANBYO, MHLW-KOSEI).
 * @module
 */

/** What a 法別番号 is used for. */
export type HoubetsuCategory = 'insurance' | 'public-expense';

/** One 法別番号. */
export interface Houbetsu {
  readonly code: string;
  readonly category: HoubetsuCategory;
  readonly ja: string;
  readonly en: string;
  /**
   * The 柔整 申請書 保険種別 box (1 協, 2 組, 3 共, 4 国, 5 退, 6 後期;
   * docs/reference/numbers-and-forms.md#claim-form-boxes). 5 退 is the 国保 退職者医療 (法別 67)
   * only: 特例退職 members (63, 72-75) stay in their 健保組合 (2 組) or 共済組合 (3 共).
   */
  readonly claimKind?: 1 | 2 | 3 | 5 | 6;
  /** `confirmed` where docs/reference/numbers-and-forms.md#houbetsu rates it high, `uncertain` where it rates it lower. */
  readonly confidence: 'confirmed' | 'uncertain';
}

const h = (
  code: string,
  category: HoubetsuCategory,
  ja: string,
  en: string,
  confidence: Houbetsu['confidence'],
  claimKind?: Houbetsu['claimKind'],
): Houbetsu =>
  claimKind === undefined ? { code, category, ja, en, confidence } : { code, category, ja, en, confidence, claimKind };

/** Every 法別番号 docs/reference/numbers-and-forms.md#houbetsu documents. 市町村国保 and 国保組合 have none (6-digit numbers). */
export const HOUBETSU: readonly Houbetsu[] = [
  h(
    '01',
    'insurance',
    '全国健康保険協会管掌健康保険(協会けんぽ)',
    'Japan Health Insurance Association (Kyokai Kenpo)',
    'confirmed',
    1,
  ),
  h('02', 'insurance', '船員保険', 'Seamen’s Insurance', 'confirmed', 1),
  h('03', 'insurance', '日雇特例被保険者(一般)', 'Day-labourer special insured (general)', 'confirmed', 1),
  h(
    '04',
    'insurance',
    '日雇特例被保険者(特別療養費)',
    'Day-labourer special insured (special medical care)',
    'confirmed',
    1,
  ),
  h('06', 'insurance', '組合管掌健康保険(健保組合)', 'Society-managed health insurance', 'confirmed', 2),
  h('07', 'insurance', '自衛官等', 'Self-Defense Forces personnel', 'confirmed', 3),
  h('31', 'insurance', '国家公務員共済組合', 'National public servants’ mutual aid association', 'confirmed', 3),
  h('32', 'insurance', '地方公務員等共済組合', 'Local public servants’ mutual aid association', 'confirmed', 3),
  h('33', 'insurance', '警察共済組合', 'Police mutual aid association', 'confirmed', 3),
  h(
    '34',
    'insurance',
    '公立学校共済組合・日本私立学校振興・共済事業団',
    'Public school / private school mutual aid',
    'confirmed',
    3,
  ),
  h('39', 'insurance', '後期高齢者医療(広域連合)', 'Late-stage elderly medical care (wide-area union)', 'confirmed', 6),
  // 特例退職被保険者 are insured by their 特定健康保険組合 (健康保険法 附則第3条): box 2 組, not 5 退.
  h(
    '63',
    'insurance',
    '特例退職被保険者(特定健康保険組合)',
    'Special retired insured (designated health insurance society)',
    'uncertain',
    2,
  ),
  h(
    '67',
    'insurance',
    '国民健康保険法による退職者医療',
    'Retiree medical care under the National Health Insurance Act',
    'confirmed',
    5,
  ),
  // 特例退職組合員 stay members of their 共済組合: box 3 共, not 5 退.
  h(
    '72',
    'insurance',
    '特例退職組合員(国家公務員)',
    'Special retired member (national public servants)',
    'uncertain',
    3,
  ),
  h(
    '73',
    'insurance',
    '特例退職組合員(地方公務員等)',
    'Special retired member (local public servants)',
    'uncertain',
    3,
  ),
  h('74', 'insurance', '特例退職組合員(警察)', 'Special retired member (police)', 'uncertain', 3),
  h('75', 'insurance', '特例退職加入者(公立学校・私学)', 'Special retired member (schools)', 'uncertain', 3),
  h(
    '10',
    'public-expense',
    '感染症法による結核患者の適正医療',
    'Tuberculosis: appropriate medical care (Infectious Diseases Act)',
    'confirmed',
  ),
  h(
    '11',
    'public-expense',
    '感染症法による結核患者の入院',
    'Tuberculosis: hospitalisation (Infectious Diseases Act)',
    'confirmed',
  ),
  h(
    '12',
    'public-expense',
    '生活保護法による医療扶助',
    'Medical assistance under the Public Assistance Act',
    'confirmed',
  ),
  h(
    '15',
    'public-expense',
    '障害者総合支援法による更生医療',
    'Rehabilitation medical care (Services for Persons with Disabilities Act)',
    'confirmed',
  ),
  h(
    '21',
    'public-expense',
    '障害者総合支援法による精神通院医療',
    'Outpatient psychiatric care (Services for Persons with Disabilities Act)',
    'confirmed',
  ),
  h(
    '51',
    'public-expense',
    '特定疾患治療費・先天性血液凝固因子障害等治療費',
    'Specified diseases / congenital coagulation disorders',
    'uncertain',
  ),
  h('52', 'public-expense', '小児慢性特定疾病医療支援', 'Chronic specified paediatric diseases', 'uncertain'),
  h('53', 'public-expense', '児童福祉法による措置', 'Measures under the Child Welfare Act', 'uncertain'),
  h(
    '54',
    'public-expense',
    '難病法による特定医療',
    'Designated intractable diseases (Intractable Diseases Act)',
    'confirmed',
  ),
];

const BY_CODE = new Map(HOUBETSU.map((x) => [x.code, x]));

/** The entry for a two-digit 法別番号, or undefined when docs/reference/numbers-and-forms.md#houbetsu does not document it. */
export function houbetsuByCode(code: string): Houbetsu | undefined {
  return BY_CODE.get(code);
}
