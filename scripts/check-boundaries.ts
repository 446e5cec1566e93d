/**
 * Checks the package boundaries (DEVELOPERS.md, "Layout and conventions"): the dependency
 * direction, browser-safe code without top-level Node built-ins, `@onshikit/*` imports declared in
 * package.json, nothing using examples/. The rules live in scripts/boundaries/policy.ts.
 *
 *   pnpm exec tsx scripts/check-boundaries.ts [--verbose] [--root <dir>]
 *
 * Exit 0 when no rule fails, 1 with one `file:line: [rule] message` line per violation.
 * Report-only rules print a count (and every finding with --verbose).
 */
import path from 'node:path';
import { POLICY } from './boundaries/policy.ts';
import { type BoundaryReport, checkBoundaries, type Finding, REPORT_ONLY, RULES } from './boundaries/rules.ts';

/** Formats a report for the terminal; returns the lines and the exit code. */
export function formatReport(report: BoundaryReport, verbose: boolean): { lines: string[]; exitCode: number } {
  const lines: string[] = [];
  const line = (item: Finding): string => `${item.file}:${item.line}: [${item.rule}] ${item.message}`;
  for (const item of report.violations) lines.push(line(item));
  for (const item of report.known) lines.push(`known (not failing): ${line(item)} (${item.reason})`);
  for (const item of report.stale) {
    lines.push(
      `note: the known ${item.rule} violation ${item.from} → ${item.to} no longer occurs: remove it from scripts/boundaries/policy.ts`,
    );
  }
  for (const rule of REPORT_ONLY) {
    const items = report.reportOnly.filter((item) => item.rule === rule);
    if (items.length === 0) continue;
    const byPackage = new Map<string, number>();
    for (const item of items) {
      const key = `${item.from}${item.to ? ` → ${item.to}` : ''}`;
      byPackage.set(key, (byPackage.get(key) ?? 0) + 1);
    }
    lines.push(`report-only [${rule}] ${RULES[rule]}: ${items.length} finding(s)`);
    for (const [key, count] of byPackage) lines.push(`  ${key}: ${count}`);
    if (verbose) for (const item of items) lines.push(`  ${line(item)}`);
  }
  const summary = `check-boundaries: ${report.packages} packages, ${report.files} files`;
  if (report.violations.length > 0) {
    lines.push(`${summary}: ${report.violations.length} violation(s)`);
    return { lines, exitCode: 1 };
  }
  lines.push(`${summary}: the boundaries hold`);
  return { lines, exitCode: 0 };
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === import.meta.filename;
if (invokedDirectly) {
  const rootAt = process.argv.indexOf('--root');
  const root = path.resolve(rootAt > 0 ? (process.argv[rootAt + 1] ?? '.') : path.join(import.meta.dirname, '..'));
  const { lines, exitCode } = formatReport(checkBoundaries(root, POLICY), process.argv.includes('--verbose'));
  for (const text of lines) (exitCode === 0 ? console.log : console.error)(text);
  process.exitCode = exitCode;
}
