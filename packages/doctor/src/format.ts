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
      // describeReader's notes are English; the Sony PaSoRi ones have a catalogue entry (docs/reference/card-protocol.md#pitfalls item 12).
      const note =
        reader.notes && /sony/i.test(reader.model ?? '') ? doctorText('PASORI_SETTINGS', lang) : reader.notes;
      if (note) lines.push(`      ${note}`);
    }
  }
  const verdict = report.findings.find((f) => f.code === report.verdict);
  lines.push(
    '',
    `${MARK[verdict?.severity ?? 'ok']} ${doctorText('VERDICT', lang)} ${doctorText(report.verdict, lang, verdict?.params)}`,
  );
  const problems = report.findings.filter((f) => f.severity !== 'ok').length;
  if (problems > 1)
    lines.push(
      lang === 'ja'
        ? `  (ほかに ${problems - 1} 件の指摘があります)`
        : `  (${problems - 1} more finding${problems > 2 ? 's' : ''} above)`,
    );
  return lines.join('\n');
}
