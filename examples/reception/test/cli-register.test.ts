import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SqliteRececonStore } from '@onshikit/store-sqlite';
import { afterAll, describe, expect, it } from 'vitest';

const cli = path.join(import.meta.dirname, '../src/cli/main.ts');
const dirs: string[] = [];

/** Runs `pnpm demo --register …`, answering its prompts from `input`; returns the data folder too. */
async function register(args: string[], input = ''): Promise<{ code: number | null; out: string; dataDir: string }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'onshikit-register-test-'));
  dirs.push(dataDir);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--register', '--data-dir', dataDir, ...args], {
      cwd: path.join(import.meta.dirname, '..'),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, dataDir }));
    child.stdin.end(input);
  });
}

async function auditOf(dataDir: string) {
  const store = SqliteRececonStore.open({ filename: path.join(dataDir, 'rececon.sqlite') });
  try {
    return await store.listAudit();
  } finally {
    await store.close();
  }
}

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('pnpm demo --register (terminal)', () => {
  it('asks consent and the card-info PIN, prints the draft with 和暦 and the kana note, audits without values', async () => {
    const { code, out, dataDir } = await register([], 'y\n1234\n');
    expect(code).toBe(0);
    expect(out).toContain('ご本人の同意を得ましたか?');
    expect(out).toMatch(/│ 姓\s+│ 試験\s+│/);
    expect(out).toMatch(/│ 生年月日 │ 昭和55年2月17日.1980-02-17.\s+│/);
    expect(out).toContain('フリガナはご本人に確認して入力してください。');
    const audit = await auditOf(dataDir);
    expect(audit.map((a) => [a.action, a.outcome, a.detail])).toEqual([
      ['register', 'ok', { consent: true, credential: 'input-support-pin', items: 'name,address,birthDate,sex' }],
    ]);
    expect(JSON.stringify(audit)).not.toContain('試験');
  });

  it('照合番号B typed by staff, in English', async () => {
    const { code, out } = await register(['--verification-number', '--yes', '--lang', 'en']);
    expect(code).toBe(0);
    expect(out).toMatch(/│ Given name\s+│ 花子\s+│/);
    expect(out).toContain('The My Number Card holds no kana reading.');
  });

  it('without consent nothing is read: exit 3, the refusal audited', async () => {
    const { code, out, dataDir } = await register([], 'n\n');
    expect(code).toBe(3);
    expect(out).toContain('ご本人の同意が必要です。');
    expect(out).not.toContain('暗証番号(4桁)');
    expect((await auditOf(dataDir))[0]).toMatchObject({
      action: 'register',
      outcome: 'REGISTRATION_CONSENT_REQUIRED',
      detail: { consent: false },
    });
  });

  it('a wrong PIN asks again with the tries left; bad flags exit 2', async () => {
    const wrong = await register([], 'y\n0000\n1234\n');
    expect(wrong.code).toBe(0);
    expect(wrong.out).toContain('! 違います(残り 2 回)');
    expect((await register(['--lang', 'fr'])).code).toBe(2);
  });
});
