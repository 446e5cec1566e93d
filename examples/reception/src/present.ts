/**
 * How the demo shows a result: the same rows in the terminal table and on the web page's result
 * card. Browser-safe (no node: imports).
 */
import { QUALIFICATION_VALIDITY_LABELS } from '@onshikit/eligibility';
import type { CheckSummary, EligibilityResult } from '@onshikit/eligibility';

export type Lang = 'ja' | 'en';

/** Labels keyed by codes that come from outside: a Map, so no code can reach a prototype. */
const table = (entries: Record<string, { ja: string; en: string }>): ReadonlyMap<string, { ja: string; en: string }> =>
  new Map(Object.entries(entries));

const SEX = table({
  '1': { ja: '男', en: 'male' },
  '2': { ja: '女', en: 'female' },
  '3': { ja: 'その他', en: 'other' },
});

const FAMILY = table({
  '1': { ja: '本人', en: 'insured person' },
  '2': { ja: '家族', en: 'family member' },
});

const LABELS = {
  validity: { ja: '資格有効性', en: 'Eligibility' },
  name: { ja: '氏名', en: 'Name' },
  nameKana: { ja: 'カナ氏名', en: 'Name (kana)' },
  birthDate: { ja: '生年月日', en: 'Birth date' },
  sex: { ja: '性別', en: 'Sex' },
  insurerNumber: { ja: '保険者番号', en: 'Insurer number' },
  insurerName: { ja: '保険者名', en: 'Insurer' },
  symbolNumber: { ja: '記号・番号・枝番', en: 'Symbol / number / branch' },
  personalFamily: { ja: '本人・家族', en: 'Insured / family' },
  qualificationDate: { ja: '資格取得日', en: 'Qualified since' },
  disqualificationDate: { ja: '資格喪失日', en: 'Qualification lost on' },
  burden: { ja: '一部負担割合', en: 'Co-payment' },
  checkDate: { ja: '確認日', en: 'Check date' },
  mode: { ja: '本人確認', en: 'Identity check' },
} as const;

const MODES = table({
  visual: { ja: '目視', en: 'visual' },
  pin: { ja: '暗証番号', en: 'PIN' },
  manual: { ja: '番号入力', en: 'numbers' },
});

/** The label of one row, in the chosen language. */
export function label(key: keyof typeof LABELS, lang: Lang): string {
  return LABELS[key][lang];
}

/** Formats an ISO date (`1986-12-03`) for display; the identity by default. */
export type DateFormatter = (iso: string, lang: Lang) => string;

/** Rows [label, value] describing a result, in display order; dates through `formatDate`. */
export function resultRows(
  result: EligibilityResult,
  lang: Lang,
  mode?: string,
  formatDate: DateFormatter = (iso) => iso,
): [string, string][] {
  const rows: [string, string][] = [
    [label('validity', lang), QUALIFICATION_VALIDITY_LABELS[result.validity][lang]],
    [label('name', lang), result.name],
  ];
  if (result.nameKana) rows.push([label('nameKana', lang), result.nameKana]);
  rows.push([label('birthDate', lang), formatDate(result.birthDate, lang)]);
  rows.push([label('sex', lang), SEX.get(result.sex1)?.[lang] ?? result.sex1]);
  rows.push([label('insurerNumber', lang), result.insurerNumber]);
  if (result.insurerName) rows.push([label('insurerName', lang), result.insurerName]);
  rows.push([
    label('symbolNumber', lang),
    [result.symbol ?? '', result.number, result.branch ?? ''].filter((s) => s !== '').join(' ・ '),
  ]);
  if (result.personalFamily)
    rows.push([label('personalFamily', lang), FAMILY.get(result.personalFamily)?.[lang] ?? result.personalFamily]);
  if (result.qualificationDate)
    rows.push([label('qualificationDate', lang), formatDate(result.qualificationDate, lang)]);
  if (result.disqualificationDate)
    rows.push([label('disqualificationDate', lang), formatDate(result.disqualificationDate, lang)]);
  rows.push([
    label('burden', lang),
    lang === 'ja' ? `${result.burdenRatio.percent / 10}割` : `${result.burdenRatio.percent}%`,
  ]);
  rows.push([label('checkDate', lang), formatDate(result.checkDate, lang)]);
  if (mode) rows.push([label('mode', lang), MODES.get(mode)?.[lang] ?? mode]);
  return rows;
}

/** The headline of a finished check. */
export function summaryTitle(summary: CheckSummary, lang: Lang): string {
  if (summary.result)
    return `${lang === 'ja' ? '資格確認結果' : 'Eligibility result'}: ${QUALIFICATION_VALIDITY_LABELS[summary.result.validity][lang]}`;
  if (summary.error) return summary.error.messages[lang];
  return lang === 'ja' ? '資格確認は完了しませんでした' : 'The check did not complete';
}

/** The name of an identity mode. */
export function modeName(mode: string, lang: Lang): string {
  return MODES.get(mode)?.[lang] ?? mode;
}

const OUTCOMES = table({
  valid: { ja: '有効', en: 'valid' },
  invalid: { ja: '無効', en: 'not valid' },
  'invalid-new-qualification': { ja: '無効(新しい資格あり)', en: 'not valid (newer qualification)' },
  'not-found': { ja: '該当資格なし', en: 'not found' },
  multiple: { ja: '複数該当', en: 'several found' },
  'valid-unregistered': { ja: '有効(未登録)', en: 'valid (not registered)' },
  error: { ja: 'エラー', en: 'error' },
  cancelled: { ja: '中止', en: 'cancelled' },
});

/** The plain name of a check's outcome (`valid` → 有効). */
export function outcomeName(outcome: string, lang: Lang): string {
  return OUTCOMES.get(outcome)?.[lang] ?? outcome;
}
