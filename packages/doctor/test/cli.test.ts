import { TransportError } from '@onshikit/apdu';
import { formatReport, parseCliArgs, runCli, type DoctorPcscPort, type DoctorReport } from '@onshikit/doctor';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardProfiles, fakePort } from './helpers/fake-port.js';

async function run(argv: string[], port?: DoctorPcscPort): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => void (stdout += `${t}\n`),
    stderr: (t) => void (stderr += `${t}\n`),
    ...(port ? { port: () => port } : {}),
  });
  return { code, stdout, stderr };
}

describe('parseCliArgs', () => {
  it('defaults: ja, text, 30 s', () => {
    expect(parseCliArgs(['doctor'])).toEqual({ kind: 'doctor', lang: 'ja', json: false, timeoutMs: 30_000 });
  });

  it('reads --lang, --json and --timeout (also --timeout=)', () => {
    expect(parseCliArgs(['doctor', '--lang', 'en', '--json', '--timeout', '5'])).toEqual({
      kind: 'doctor',
      lang: 'en',
      json: true,
      timeoutMs: 5000,
    });
    expect(parseCliArgs(['--timeout=0.5', 'doctor'])).toMatchObject({ kind: 'doctor', timeoutMs: 500 });
  });

  it('help', () => {
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help', lang: 'ja' });
    expect(parseCliArgs(['doctor', '-h', '--lang', 'en'])).toEqual({ kind: 'help', lang: 'en' });
    expect(parseCliArgs(['help'])).toEqual({ kind: 'help', lang: 'ja' });
  });

  it.each([
    [[]],
    [['dcotor']],
    [['doctor', 'extra']],
    [['doctor', '--lang', 'fr']],
    [['doctor', '--timeout', '0']],
    [['doctor', '--timeout', '0.0001']],
    [['doctor', '--timeout', '-3']],
    [['doctor', '--timeout', 'abc']],
    [['doctor', '--timeout', '1e3']],
    [['doctor', '--timeout', '99999']],
    [['doctor', '--timeout']],
    [['doctor', '--verbose']],
    [['doctor', '--json=yes']],
  ])('%j is a usage error', (argv) => {
    expect(parseCliArgs(argv).kind).toBe('usage-error');
  });
});

describe('parseCliArgs property', () => {
  it('any argv gives help, doctor or a usage error, never a throw', () => {
    const token = fc.oneof(
      fc.constantFrom(
        'doctor',
        'help',
        '--lang',
        'ja',
        'en',
        '--json',
        '--timeout',
        '-h',
        '--help',
        '5',
        '--timeout=3',
      ),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 8 }), (argv) => {
        const parsed = parseCliArgs(argv);
        expect(['doctor', 'help', 'usage-error']).toContain(parsed.kind);
        if (parsed.kind === 'doctor') expect(parsed.timeoutMs).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('runCli', () => {
  it('--help prints the usage and exits 0 without touching PC/SC', async () => {
    const result = await run(['--help', '--lang', 'en']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: onshikit doctor');
  });

  it('bad usage exits 2 with the message and usage on stderr', async () => {
    const result = await run(['doctor', '--timeout', 'x']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('--timeout');
    expect(result.stderr).toContain('使い方');
  });

  it('a good card exits 0 with a Japanese verdict by default', async () => {
    const result = await run(['doctor'], fakePort({ card: cardProfiles.standard() }));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('マイナンバーカードを確認しました');
    expect(result.stdout).toContain('残り 3 回');
    expect(result.stdout).toContain('問題は見つかりませんでした');
    expect(result.stdout).toContain('Sony RC-S300');
    expect(result.stdout).toContain('「NFCポート/パソリ」の設定');
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe(
      '✔ 判定: 問題は見つかりませんでした。オンライン資格確認に使えます。',
    );
  });

  it('a blocked PIN exits 1 and says what to do, in English', async () => {
    const result = await run(['doctor', '--lang', 'en'], fakePort({ card: cardProfiles.blocked() }));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('The authentication PIN is blocked.');
    expect(result.stdout).toContain('→ Only the municipal office can unblock it.');
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('✖ Verdict: The authentication PIN is blocked.');
  });

  it('--json prints one parseable report with messages and next steps', async () => {
    const result = await run(
      ['doctor', '--json', '--lang', 'en', '--timeout', '2'],
      fakePort({ card: new TransportError('TIMEOUT') }),
    );
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      ok: boolean;
      verdict: string;
      lang: string;
      findings: { code: string; message: string; nextStep?: string }[];
    };
    expect(report).toMatchObject({ ok: false, verdict: 'CARD_TIMEOUT', lang: 'en' });
    const timeout = report.findings.find((f) => f.code === 'CARD_TIMEOUT');
    expect(timeout?.message).toBe('No card was presented within 2 s.');
    expect(timeout?.nextStep).toContain('--timeout');
  });

  it('--json for a good card includes the certificate and PIN status', async () => {
    const result = await run(['doctor', '--json'], fakePort({ card: cardProfiles.standard() }));
    const report = JSON.parse(result.stdout) as {
      ok: boolean;
      card: { kind: string; authPin: { triesLeft: number }; certificate: { notAfter: string } };
    };
    expect(report.ok).toBe(true);
    expect(report.card.kind).toBe('mynumber-card');
    expect(report.card.authPin.triesLeft).toBe(3);
    expect(Number.isNaN(Date.parse(report.card.certificate.notAfter))).toBe(false);
  });

  it('PC/SC missing exits 1 with the install step', async () => {
    const result = await run(['doctor'], fakePort({ service: { available: false, reason: 'pcscd not running' } }));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('apt install pcscd');
  });
});

describe('formatReport', () => {
  const report: DoctorReport = {
    ok: false,
    verdict: 'CERT_EXPIRED',
    readers: [
      {
        name: 'Virtual PCD 00 00',
        model: 'vsmartcard vpcd (simulator)',
        notes: 'test stack, not a real reader',
        ignored: false,
        cardPresent: true,
      },
    ],
    findings: [
      { code: 'CERT_EXPIRED', severity: 'error', params: { notAfter: '2025-01-31' } },
      { code: 'PIN_LAST_TRY', severity: 'warning', params: { triesLeft: 1 } },
    ],
  };

  it('marks warnings and errors, gives each next step, and counts the other findings', () => {
    const text = formatReport(report, 'en').split('\n');
    expect(text).toContain('✖ The user-authentication certificate has expired (2025-01-31).');
    expect(text).toContain('! Authentication PIN: 1 try left. One more mistake blocks it.');
    expect(text.filter((l) => l.startsWith('    → '))).toHaveLength(2);
    expect(text).toContain('      test stack, not a real reader');
    expect(text.slice(-2)).toEqual([
      '✖ Verdict: The user-authentication certificate has expired (2025-01-31).',
      '  (1 more finding above)',
    ]);
    expect(formatReport(report, 'ja')).toContain('ほかに 1 件の指摘があります');
  });

  it('a warning verdict gets the warning mark', () => {
    const warning: DoctorReport = { ...report, verdict: 'PIN_LAST_TRY', findings: [report.findings[1]!] };
    expect(formatReport(warning, 'ja').split('\n').at(-1)).toBe(
      '! 判定: 利用者証明用暗証番号: 残り 1 回です。次に間違えるとロックされます。',
    );
  });
});
