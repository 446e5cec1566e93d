import type { DoctorReport } from './diagnose.js';
import { doctorNextStep, doctorText, type DoctorLang } from './messages.js';

const MARK = { ok: '✔', warning: '!', error: '✖' } as const;

/** The report as text for the terminal: one line per finding, the next step under each problem, then the verdict. */
export function formatReport(report: DoctorReport, lang: DoctorLang): string {
  const lines: string[] = [lang === 'ja' ? 'onshikit doctor — 診断結果' : 'onshikit doctor — results', ''];
  for (const finding of report.findings) {
    if (finding.code === 'ALL_GOOD') continue;
    lines.push(`${MARK[finding.severity]} ${doctorText(finding.code, lang, finding.params)}`);
    const next = finding.severity === 'ok' ? undefined : doctorNextStep(finding.code, lang, finding.params);
    if (next) lines.push(`    → ${next}`);
  }
  if (report.readers.length > 0) {
    lines.push('', lang === 'ja' ? 'リーダー:' : 'Readers:');
    for (const reader of report.readers) {
      const facts = [
        reader.model,
        reader.ignored ? (lang === 'ja' ? '対象外(仮想/FIDO)' : 'ignored (virtual/FIDO)') : undefined,
        reader.cardPresent ? (lang === 'ja' ? 'カードあり' : 'card present') : undefined,
        report.card?.reader === reader.name && report.card.extendedLength !== undefined
          ? `${lang === 'ja' ? '拡張長 APDU' : 'extended-length APDUs'}: ${report.card.extendedLength ? 'yes' : 'no'}`
          : undefined,
      ].filter((f): f is string => f !== undefined && f !== '');
      lines.push(`  - ${reader.name}${facts.length > 0 ? ` (${facts.join(', ')})` : ''}`);
      if (reader.notes) lines.push(`      ${reader.notes}`);
    }
  }
  lines.push('', `${report.ok ? MARK.ok : MARK.error} ${report.ok ? doctorText('ALL_GOOD', lang) : doctorText(report.verdict, lang, report.findings.find((f) => f.code === report.verdict)?.params)}`);
  return lines.join('\n');
}
