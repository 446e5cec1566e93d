/**
 * Fails when code or docs cite something outside the repository: the research notes the
 * project started from (the word "memo", `../shared/…`, `eligibility.md`, `mynumber-card.md`),
 * or a `docs/reference/<file>.md#<anchor>` that does not exist. Domain facts are cited into
 * docs/reference/ (see docs/reference/README.md).
 *
 * Before checking the repository it checks its own fixture (scripts/fixtures/citations), which
 * holds one of each bad citation: if any of them is not reported, the checker itself is broken
 * and the run fails.
 *
 *   pnpm exec tsx --tsconfig tsconfig.base.json scripts/check-citations.ts [files or folders…]
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const SELF = path.relative(root, import.meta.filename);
const FIXTURE = 'scripts/fixtures/citations';
const SCANNED = ['packages', 'examples', 'docs', 'scripts', 'test-support', 'README.md', 'DEVELOPERS.md'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.turbo', 'coverage', '.git']);
/** Generated output (typedoc). */
const SKIPPED_PATHS = new Set(['docs/api']);
const TEXT = /\.(ts|tsx|mts|cts|js|mjs|cjs|md|json|sh|ya?ml|html|css|txt)$/;
const REFERENCE = 'docs/reference';

/** One bad citation. */
export interface CitationProblem {
  readonly file: string;
  readonly line: number;
  readonly rule: 'research-note' | 'outside-repo' | 'note-file' | 'missing-reference' | 'missing-anchor';
  readonly text: string;
}

const RULES: readonly { readonly rule: CitationProblem['rule']; readonly pattern: RegExp }[] = [
  // `fc.memo(…)` / `fc.Memo<T>` (fast-check) are code, not citations.
  { rule: 'research-note', pattern: /(?<![.\w])memo\b(?!\s*[(<])/gi },
  { rule: 'outside-repo', pattern: /(?:\.\.\/)+shared\/|\bshared\/(?:domain|seed)\b/g },
  { rule: 'note-file', pattern: /\b(?:eligibility|mynumber-card)\.md\b/g },
];

/** Every id a reference page can be linked to: explicit `<a id>` anchors and GitHub heading slugs. */
function anchorsOf(file: string): Set<string> {
  const ids = new Set<string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    for (const m of line.matchAll(/<a id="([^"]+)"><\/a>/g)) ids.add(m[1] as string);
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading !== null) {
      ids.add(
        (heading[1] as string)
          .toLowerCase()
          .replace(/[^\p{L}\p{N}\s-]/gu, '')
          .trim()
          .replace(/\s/g, '-'),
      );
    }
  }
  return ids;
}

const anchorCache = new Map<string, Set<string> | undefined>();
function anchors(referenceFile: string): Set<string> | undefined {
  if (!anchorCache.has(referenceFile)) {
    const full = path.join(root, referenceFile);
    anchorCache.set(referenceFile, existsSync(full) ? anchorsOf(full) : undefined);
  }
  return anchorCache.get(referenceFile);
}

/** Checks `docs/reference/x.md#a` mentions, and relative `](x.md#a)` / `](#a)` links inside docs/reference. */
function referenceProblems(file: string, lineNo: number, line: string): CitationProblem[] {
  const found: CitationProblem[] = [];
  const check = (target: string, anchor: string | undefined, text: string): void => {
    const ids = anchors(target);
    if (ids === undefined) found.push({ file, line: lineNo, rule: 'missing-reference', text });
    else if (anchor !== undefined && !ids.has(anchor)) found.push({ file, line: lineNo, rule: 'missing-anchor', text });
  };
  for (const m of line.matchAll(/docs\/reference\/([\w.-]+\.md)(?:#([\w-]+))?/g))
    check(`${REFERENCE}/${m[1]}`, m[2], m[0]);
  if (path.dirname(file) === REFERENCE) {
    for (const m of line.matchAll(/\]\((?:\.\/)?([\w-]+\.md)?(?:#([\w-]+))?\)/g)) {
      if (m[1] === undefined && m[2] === undefined) continue;
      check(`${REFERENCE}/${m[1] ?? path.basename(file)}`, m[2], m[0]);
    }
  }
  return found;
}

/** The problems of one file's text (`file` is repository-relative). */
export function citationProblems(file: string, text: string): CitationProblem[] {
  const found: CitationProblem[] = [];
  text.split('\n').forEach((line, i) => {
    for (const { rule, pattern } of RULES)
      for (const m of line.matchAll(pattern)) found.push({ file, line: i + 1, rule, text: m[0] });
    found.push(...referenceProblems(file, i + 1, line));
  });
  return found;
}

function* walk(relative: string): Generator<string> {
  const full = path.join(root, relative);
  if (!existsSync(full)) return;
  if (statSync(full).isDirectory()) {
    for (const entry of readdirSync(full).sort()) {
      if (SKIPPED_DIRS.has(entry) || SKIPPED_PATHS.has(path.join(relative, entry))) continue;
      yield* walk(path.join(relative, entry));
    }
  } else if (TEXT.test(relative)) {
    yield relative;
  }
}

/** Checks files and folders (repository-relative). */
export function checkCitations(targets: readonly string[]): CitationProblem[] {
  const problems: CitationProblem[] = [];
  for (const target of targets) {
    for (const file of walk(target)) {
      if (target !== FIXTURE && (file === SELF || file.startsWith(`${FIXTURE}/`))) continue;
      problems.push(...citationProblems(file, readFileSync(path.join(root, file), 'utf8')));
    }
  }
  return problems;
}

/** The fixture must produce exactly these rules, one per marked line (`expect: <rule>`). */
function selfTest(): string[] {
  const errors: string[] = [];
  const expected: string[] = [];
  for (const file of walk(FIXTURE)) {
    readFileSync(path.join(root, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const m = /expect: ([\w-]+)/.exec(line);
        if (m !== null) expected.push(`${file}:${i + 1}:${m[1]}`);
      });
  }
  const got = checkCitations([FIXTURE]).map((p) => `${p.file}:${p.line}:${p.rule}`);
  for (const e of expected) if (!got.includes(e)) errors.push(`self-test: not reported: ${e}`);
  for (const g of got)
    if (!expected.includes(g)) errors.push(`self-test: reported a line the fixture does not mark: ${g}`);
  if (expected.length === 0) errors.push(`self-test: no fixture under ${FIXTURE}`);
  return errors;
}

function main(): void {
  const selfErrors = selfTest();
  const args = process.argv.slice(2);
  const problems = checkCitations(args.length > 0 ? args : SCANNED);
  for (const e of selfErrors) console.error(e);
  for (const p of problems) {
    const why = {
      'research-note':
        'cites the research notes, which are not in this repository: cite docs/reference/<file>.md#<anchor>',
      'outside-repo': 'points outside the repository (../shared)',
      'note-file': 'names a research note outside the repository: cite docs/reference/<file>.md#<anchor>',
      'missing-reference': 'no such page under docs/reference',
      'missing-anchor': 'no such anchor in that docs/reference page',
    }[p.rule];
    console.error(`${p.file}:${p.line}: ${why} (${p.text})`);
  }
  if (selfErrors.length > 0 || problems.length > 0) {
    console.error(
      `check-citations: ${problems.length} bad citation(s)${selfErrors.length > 0 ? `, ${selfErrors.length} self-test failure(s)` : ''}`,
    );
    process.exit(1);
  }
  console.log('check-citations: every citation points into the repository');
}

main();
