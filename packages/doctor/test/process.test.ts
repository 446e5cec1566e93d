// The `onshikit` process itself, without any PC/SC stack: the real port, pointed at a pcscd
// socket that does not exist (PCSCLITE_CSOCK_NAME, as libpcsclite reads it).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const packageRoot = path.join(import.meta.dirname, '..');

function onshikit(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', ...args],
      {
        cwd: packageRoot,
        timeout: 60_000,
        env: { ...process.env, PCSCLITE_CSOCK_NAME: path.join(packageRoot, 'no-such-pcscd.comm') },
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

describe('onshikit process', () => {
  it('PC/SC missing: exit 1 and the install step, in JSON', async () => {
    const run = await onshikit(['doctor', '--json', '--lang', 'en']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { verdict: string; findings: { code: string; nextStep?: string }[] };
    expect(report.verdict).toBe('PCSC_UNAVAILABLE');
    expect(report.findings[0]?.nextStep).toContain('apt install pcscd');
  }, 60_000);

  it('--help exits 0 and bad usage exits 2', async () => {
    expect((await onshikit(['--help'])).code).toBe(0);
    const bad = await onshikit(['doctor', '--lang', 'de']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--lang must be ja or en');
  }, 60_000);
});
