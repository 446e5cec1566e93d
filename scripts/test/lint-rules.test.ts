import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = path.join(import.meta.dirname, '..', '..');
const biome = path.join(repoRoot, 'node_modules', '.bin', 'biome');
let root = '';

/** Lints one file with the repository's biome.json and plugin; returns `line rule` per diagnostic, by line. */
function lint(name: string, lines: readonly string[]): string[] {
  writeFileSync(path.join(root, name), `${lines.join('\n')}\n`);
  let output = '';
  try {
    output = execFileSync(biome, ['lint', '--vcs-enabled=false', '--reporter=github', '--max-diagnostics=none', name], {
      cwd: root,
      encoding: 'utf8',
      stdio: 'pipe',
    });
  } catch (error) {
    const failed = error as { stdout: string; stderr: string };
    // Exit 1 with findings is expected; exit 1 without any (a configuration error) is not.
    if (!failed.stdout.includes('::')) throw new Error(`biome did not lint ${name}: ${failed.stderr}`);
    output = failed.stdout;
  }
  const found = [...output.matchAll(/^::\w+ title=([^,]+),file=[^,]+,line=(\d+)/gm)].map((m) => `${m[2]} ${m[1]}`);
  return found.sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
}

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'lint-rules-'));
  mkdirSync(path.join(root, 'scripts', 'lint'), { recursive: true });
  copyFileSync(path.join(repoRoot, 'biome.json'), path.join(root, 'biome.json'));
  const plugin = path.join('scripts', 'lint', 'no-swallowed-rejection.grit');
  copyFileSync(path.join(repoRoot, plugin), path.join(root, plugin));
  writeFileSync(path.join(root, '.gitignore'), '');
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('the lint rules in biome.json', () => {
  it('report floating promises, swallowed rejections, explicit any and prototype builtins', () => {
    const found = lint('bad.ts', [
      'async function read(): Promise<number> {',
      '  return 1;',
      '}',
      'export function run(p: Promise<void>, o: object): unknown {',
      '  read();',
      '  p.catch(() => undefined);',
      '  p.catch((_error) => {});',
      '  const loose: any = o;',
      "  return o.hasOwnProperty('x') ? loose : undefined;",
      '}',
    ]);
    expect(found).toEqual([
      '5 lint/nursery/noFloatingPromises',
      '6 plugin',
      '7 plugin',
      '8 lint/suspicious/noExplicitAny',
      '9 lint/suspicious/noPrototypeBuiltins',
    ]);
  });

  it('accept awaited and voided promises, a logged rejection and a swallow whose reason is written down', () => {
    const found = lint('good.ts', [
      'async function read(): Promise<number> {',
      '  return 1;',
      '}',
      'export async function run(p: Promise<void>, o: object): Promise<boolean> {',
      '  await read();',
      '  void read();',
      '  p.catch((error: unknown) => console.error(error));',
      '  // biome-ignore lint/plugin/no-swallowed-rejection: a best-effort close after the error that matters',
      '  p.catch(() => undefined);',
      "  return Object.hasOwn(o, 'x');",
      '}',
    ]);
    expect(found).toEqual([]);
  });
});
