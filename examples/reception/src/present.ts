/**
 * How the demo shows a result: the same rows in the terminal table and on the web page's result
 * card. Browser-safe (no node: imports).
 */
import { QUALIFICATION_VALIDITY_LABELS } from '@onshikit/eligibility';
import type { CheckSummary, EligibilityResult } from '@onshikit/eligibility';

export type Lang = 'ja' | 'en';

const SEX: Record<string, { ja: string; en: string }> = {
  '1': { ja: '男', en: 'male' },
  '2': { ja: '女', en: 'female' },
  '3': { ja: 'その他', en: 'other' },
};

const FAMILY: Record<string, { ja: string; en: string }> = {
  '1': { ja: '本人', en: 'insured person' },
  '2': { ja: '家族', en: 'family member' },
};

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

const MODES: Record<string, { ja: string; en: string }> = {
  visual: { ja: '目視', en: 'visual' },
  pin: { ja: '暗証番号', en: 'PIN' },
  manual: { ja: '番号入力', en: 'numbers' },
};

/** The label of one row, in the chosen language. */
export function label(key: keyof typeof LABELS, lang: Lang): string {
  return LABELS[key][lang];
}

/** Rows [label, value] describing a result, in display order. */
export function resultRows(result: EligibilityResult, lang: Lang, mode?: string): [string, string][] {
  const rows: [string, string][] = [
    [label('validity', lang), QUALIFICATION_VALIDITY_LABELS[result.validity][lang]],
    [label('name', lang), result.name],
  ];
  if (result.nameKana) rows.push([label('nameKana', lang), result.nameKana]);
  rows.push([label('birthDate', lang), result.birthDate]);
  rows.push([label('sex', lang), SEX[result.sex1]?.[lang] ?? result.sex1]);
  rows.push([label('insurerNumber', lang), result.insurerNumber]);
  if (result.insurerName) rows.push([label('insurerName', lang), result.insurerName]);
  rows.push([label('symbolNumber', lang), [result.symbol ?? '', result.number, result.branch ?? ''].filter((s) => s !== '').join(' ・ ')]);
  if (result.personalFamily) rows.push([label('personalFamily', lang), FAMILY[result.personalFamily]?.[lang] ?? result.personalFamily]);
  if (result.qualificationDate) rows.push([label('qualificationDate', lang), result.qualificationDate]);
  if (result.disqualificationDate) rows.push([label('disqualificationDate', lang), result.disqualificationDate]);
  rows.push([label('burden', lang), lang === 'ja' ? `${result.burdenRatio.percent / 10}割` : `${result.burdenRatio.percent}%`]);
  rows.push([label('checkDate', lang), result.checkDate]);
  if (mode) rows.push([label('mode', lang), MODES[mode]?.[lang] ?? mode]);
  return rows;
}

/** The headline of a finished check. */
export function summaryTitle(summary: CheckSummary, lang: Lang): string {
  if (summary.result) return `${lang === 'ja' ? '資格確認結果' : 'Eligibility result'}: ${QUALIFICATION_VALIDITY_LABELS[summary.result.validity][lang]}`;
  if (summary.error) return summary.error.messages[lang];
  return lang === 'ja' ? '資格確認は完了しませんでした' : 'The check did not complete';
}

/** The name of an identity mode. */
export function modeName(mode: string, lang: Lang): string {
  return MODES[mode]?.[lang] ?? mode;
}
