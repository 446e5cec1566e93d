import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const cli = path.join(import.meta.dirname, '../src/cli/main.ts');
const dirs: string[] = [];

/** Runs the terminal demo with flags, answering its prompts from `input`. */
async function demo(args: string[], input = ''): Promise<{ code: number | null; out: string }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'onshikit-demo-test-'));
  dirs.push(dataDir);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--data-dir', dataDir, ...args], {
      cwd: path.join(import.meta.dirname, '..'),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
    child.stdin.end(input);
  });
}

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('pnpm demo (terminal)', () => {
  it('runs a visual check against the simulator and prints the result table in Japanese', async () => {
    const { code, out } = await demo(['--history'], 'y\n');
    expect(code).toBe(0);
    expect(out).toContain('目視確認: カードの顔写真と来院者は同一人物ですか?');
    // The card is handed back as soon as its last APDU is done, before the question to staff.
    expect(out.indexOf('✔ カードをお返しください。')).toBeGreaterThan(-1);
    expect(out.indexOf('✔ カードをお返しください。')).toBeLessThan(out.indexOf('目視確認: カードの顔写真'));
    expect(out).toMatch(/│ 資格有効性\s+│ 有効\s+│/);
    expect(out).toMatch(/│ 一部負担割合\s+│ 3割\s+│/);
    expect(out).toContain('✔ レセコンに保存しました');
    expect(out).toContain('事後閲覧(保存済みの資格確認)');
    expect(out).toMatch(/│ 生年月日\s+│ (昭和|平成|令和)\d+年\d+月\d+日\(\d{4}-\d{2}-\d{2}\)\s+│/);
    expect(out).toMatch(/目視 有効 \d{8}/); // the outcome in words, not `valid`
    expect(out).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/); // local time, not UTC ISO
  });

  it('runs a PIN check in English, reading the PIN from stdin, and never prints the PIN', async () => {
    const { code, out } = await demo(['--mode', 'pin', '--lang', 'en'], '1234\n');
    expect(code).toBe(0);
    expect(out).toContain('Enter the 4-digit PIN');
    expect(out).toMatch(/│ Identity check\s+│ PIN\s+│/);
    expect(out).not.toMatch(/(?<!\d)1234(?!\d)/);
  });

  it('stops with the renewal message for an expired certificate (exit 3)', async () => {
    const { code, out } = await demo(['--patient', 'expired', '--yes']);
    expect(code).toBe(3);
    expect(out).toContain('サポート用コード: CERTIFICATE_EXPIRED');
    expect(out).toContain('市区町村の窓口');
  });

  it('asks before the last PIN try and stops without a VERIFY when declined', async () => {
    const { code, out } = await demo(['--patient', 'last-try', '--mode', 'pin'], 'n\n');
    expect(code).toBe(3);
    expect(out).toContain('サポート用コード: LAST_TRY_DECLINED');
    expect(out).not.toContain('Enter the 4-digit PIN');
  });

  it('reports a blocked PIN with the municipal-office advice', async () => {
    const { code, out } = await demo(['--patient', 'blocked', '--mode', 'pin']);
    expect(code).toBe(3);
    expect(out).toContain('サポート用コード: CARD_PIN_BLOCKED');
    expect(out).toContain('市区町村の窓口');
    // The message once, in plain words.
    expect(out.split('市区町村の窓口').length - 1).toBe(1);
  });

  it('with the simulated 資格確認端末 file link, the card is read at the terminal and its face result saved', async () => {
    const { code, out } = await demo(['--patient', 'valid', '--service', 'filelink', '--yes', '--history']);
    expect(out).toContain('file link');
    expect(out).toContain('資格確認端末(模擬)のカードリーダー');
    expect(out).toContain('資格確認端末のカードリーダーにマイナンバーカードを置いてもらってください');
    expect(out).toMatch(/│ 資格有効性\s+│ 有効\s+│/);
    expect(out).toContain('レセコンに保存しました');
    expect(code).toBe(0);
  });

  it('with the file link, several qualifications in the face result are chosen by staff', async () => {
    const { code, out } = await demo(['--patient', 'multiple', '--service', 'filelink', '--lang', 'en'], '2\n');
    expect(out).toContain('Several qualifications match. Choose one.');
    expect(out).toMatch(/│ Insurer number\s+│ 138057\s+│/); // the second one, as chosen
    expect(code).toBe(0);
  });

  it('runs the same PIN check through a simulated BLE reader (ACR1255U-J1 profile)', async () => {
    const { code, out } = await demo(['--reader', 'ble-sim', '--mode', 'pin', '--lang', 'en'], '1234\n');
    expect(out).toContain('simulated BLE reader (ACR1255U-J1)');
    expect(code).toBe(0);
    expect(out).toMatch(/│ Eligibility\s+│ valid\s+│/);
  });

  it('rejects unknown flags with the usage text (exit 2)', async () => {
    const { code, out } = await demo(['--patient', 'nobody']);
    expect(code).toBe(2);
    expect(out).toContain('usage: pnpm demo');
  });
});
