/**
 * Drives the built demo page in Debian's Chromium (playwright-core, headless): fills each form
 * wrongly and rightly and checks the messages shown, in Japanese and after the English toggle.
 * Screenshots go to test-output/ (gitignored).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumOptions } from '../../../test-support/browser/chromium.js';
import { serveStatic } from './static-server.js';

const root = path.join(import.meta.dirname, '..');
const output = path.join(root, 'test-output');

let server: Awaited<ReturnType<typeof serveStatic>>;
let profile = '';
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'error' });
  await mkdir(output, { recursive: true });
  server = await serveStatic(path.join(root, 'dist'));
  profile = await mkdtemp(path.join(tmpdir(), 'onshikit-forms-chromium-'));
  // launchPersistentContext is how playwright takes a fresh --user-data-dir of our own.
  context = await chromium.launchPersistentContext(profile, {
    ...chromiumOptions(),
    viewport: { width: 900, height: 1400 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  await page.goto(server.url);
}, 120_000);

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (profile !== '') await rm(profile, { recursive: true, force: true });
});

const form = (id: string): Locator => page.locator(`section[data-form="${id}"]`);
const errorOf = (id: string, field: string): Locator => form(id).locator(`[data-error-for="${field}"]`);
const shot = (name: string): Promise<Buffer> =>
  page.screenshot({ path: path.join(output, `${name}.png`), fullPage: true });

describe('form demo page in Chromium', () => {
  it('opens in Japanese with no messages before typing', async () => {
    await expect.poll(() => page.locator('h1').textContent()).toContain('入力チェック');
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    expect(await form('user-registration').locator('.error').allTextContents()).toEqual(Array(12).fill(''));
  });

  it('user registration: wrong input shows the rules as you type', async () => {
    const f = form('user-registration');
    await f.locator('[name="phoneNumber"]').fill('03-1234-567');
    await expect
      .poll(() => errorOf('user-registration', 'phoneNumber').textContent())
      .toBe('「03」で始まる電話番号は10桁です(入力は9桁)。');
    await f.locator('[name="registrationSymbolNumber"]').fill('契4804440-0-0');
    await expect
      .poll(() => errorOf('user-registration', 'registrationSymbolNumber').textContent())
      .toContain('都道府県番号「48」');
    await f.locator('[name="password"]').fill('a'.repeat(101));
    await expect.poll(() => errorOf('user-registration', 'password').textContent()).toContain('入力は101文字');
    expect(await errorOf('user-registration', 'password').textContent()).toContain('英大文字');
    await f.locator('[name="passwordConfirmation"]').fill('b');
    await expect
      .poll(() => errorOf('user-registration', 'passwordConfirmation').textContent())
      .toBe('パスワード(確認用)がパスワードと一致しません。');
    // Untouched fields stay quiet while typing.
    expect(await errorOf('user-registration', 'email').textContent()).toBe('');
    await shot('user-registration-wrong-ja');
  });

  it('switches every message to English and back', async () => {
    await page.locator('#language-toggle').click();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expect
      .poll(() => errorOf('user-registration', 'phoneNumber').textContent())
      .toBe('Phone numbers starting "03" have 10 digits (got 9).');
    expect(await errorOf('user-registration', 'passwordConfirmation').textContent()).toBe(
      'The confirmation does not match the password.',
    );
    expect(await form('user-registration').locator('label[for="user-registration-phoneNumber"]').textContent()).toBe(
      'Phone number',
    );
    await shot('user-registration-wrong-en');
    await page.locator('#language-toggle').click();
    await expect.poll(() => errorOf('user-registration', 'phoneNumber').textContent()).toContain('10桁');
  });

  it('submitting shows every missing field', async () => {
    const f = form('user-registration');
    await f.locator('button[type="submit"]').click();
    await expect.poll(() => errorOf('user-registration', 'email').textContent()).toBe('入力してください。');
    expect(await errorOf('user-registration', 'affiliation').textContent()).toBe('選択してください。');
    expect(await errorOf('user-registration', 'agreeToTerms').textContent()).toBe('利用規約に同意してください。');
    expect(await f.locator('[data-status]').textContent()).toMatch(/件の入力エラーがあります/);
  });

  it('user registration: right input (full-width, hyphens) passes and is normalised', async () => {
    const f = form('user-registration');
    await f.locator('[name="familyName"]').fill(' 髙橋 ');
    await f.locator('[name="givenName"]').fill('一郎');
    await f.locator('[name="affiliation"]').selectOption('judo-therapy');
    await f.locator('input[name="agreementType"][value="契"]').check();
    await f.locator('[name="practitionerNumber"]').fill('１２３４５');
    await f.locator('[name="registrationSymbolNumber"]').fill('２８０４４４０００');
    await f.locator('[name="clinicName"]').fill('たかはし整骨院');
    await f.locator('[name="phoneNumber"]').fill('０７８ー１２３ー４５６７');
    await f.locator('[name="email"]').fill('info@takahashi.example.jp');
    await f.locator('[name="password"]').fill('Judo2024ok');
    await f.locator('[name="passwordConfirmation"]').fill('Judo2024ok');
    await f.locator('[name="agreeToTerms"]').check();
    await expect.poll(() => f.locator('[data-status]').textContent()).toBe('入力内容に問題はありません。');
    expect((await f.locator('.error').allTextContents()).join('')).toBe('');
    await f.locator('button[type="submit"]').click();
    await expect
      .poll(() => f.locator('[data-result]').textContent())
      .toContain('"registrationSymbolNumber": "契2804440-0-0"');
    const result = (await f.locator('[data-result]').textContent()) ?? '';
    expect(result).toContain('"phoneNumber": "0781234567"');
    expect(result).toContain('"familyName": "髙橋"');
    expect(result).not.toContain('Judo2024ok');
    await shot('user-registration-right');
  });

  it('usage-start application: 照合 with 和暦 dates and the device limit', async () => {
    const f = form('usage-start-application');
    expect(await f.locator('[data-field="managerBirthDate"]').isHidden()).toBe(true);
    await f.locator('input[name="facilityConfirmationMethod"][value="records"]').check();
    await expect.poll(() => f.locator('[data-field="managerBirthDate"]').isVisible()).toBe(true);
    await f.locator('[name="managerBirthDate"]').fill('S55.2.30');
    await expect
      .poll(() => errorOf('usage-start-application', 'managerBirthDate').textContent())
      .toBe('1980年2月30日という日付はありません。');
    await f.locator('[name="managerBirthDate"]').fill('昭和64年1月8日');
    await expect
      .poll(() => errorOf('usage-start-application', 'managerBirthDate').textContent())
      .toContain('昭和の期間');
    await f.locator('[name="deviceCount"]').fill('21');
    await expect
      .poll(() => errorOf('usage-start-application', 'deviceCount').textContent())
      .toBe('申請台数は1台から20台までです。');
    await f.locator('[name="staffCount"]').fill('0');
    await expect
      .poll(() => errorOf('usage-start-application', 'staffCount').textContent())
      .toBe('職員数は1以上の整数で入力してください。');
    await shot('usage-start-wrong');
    await f.locator('[name="managerBirthDate"]').fill('Ｓ５５．２．１７');
    await f.locator('[name="staffCount"]').fill('３');
    await f.locator('[name="deviceCount"]').fill('2');
    await f.locator('[name="agreeToLimitedTypeTerms"]').check();
    await f.locator('button[type="submit"]').click();
    await expect.poll(() => f.locator('[data-result]').textContent()).toContain('"managerBirthDate": "1980-02-17"');
    expect(await f.locator('[data-result]').textContent()).toContain('"staffCount": 3');
  });

  it('usage-start application: 書類添付 judges the file by its bytes, not its name', async () => {
    const f = form('usage-start-application');
    await f.locator('input[name="facilityConfirmationMethod"][value="document"]').check();
    await expect.poll(() => f.locator('[data-field="receiptNotice"]').isVisible()).toBe(true);
    await f
      .locator('[name="receiptNotice"]')
      .setInputFiles({ name: 'notice.pdf', mimeType: 'application/pdf', buffer: Buffer.from('just text, not a PDF') });
    await expect
      .poll(() => errorOf('usage-start-application', 'receiptNotice').textContent())
      .toContain('PDF・JPEG・PNG・HEIC');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    await f
      .locator('[name="receiptNotice"]')
      .setInputFiles({ name: 'scan.bin', mimeType: 'application/octet-stream', buffer: png });
    await expect.poll(() => errorOf('usage-start-application', 'receiptNotice').textContent()).toBe('');
    await f.locator('button[type="submit"]').click();
    await expect.poll(() => f.locator('[data-status]').textContent()).toBe('入力内容に問題はありません。');
    await shot('usage-start-document');
  });

  it('app settings sheet: wrong then right', async () => {
    const f = form('app-settings');
    await f.locator('[name="accountId"]').fill('W-0000001');
    await expect
      .poll(() => errorOf('app-settings', 'accountId').textContent())
      .toContain('半角英数字で入力してください');
    await page.locator('#language-toggle').click();
    await expect
      .poll(() => errorOf('app-settings', 'accountId').textContent())
      .toContain('Use half-width letters and digits');
    await page.locator('#language-toggle').click();
    await f.locator('[name="institutionCode"]').fill('２８１２３４５６７８');
    await f.locator('[name="institutionName"]').fill('たかはし整骨院');
    await f.locator('[name="accountId"]').fill('Ｗ０００００１２');
    await f.locator('[name="password"]').fill('Pa55-word!');
    await f.locator('[name="passcode"]').fill('123456');
    await f.locator('[name="activationCode"]').fill('ABCD-EFGH-1234');
    await f.locator('button[type="submit"]').click();
    await expect.poll(() => f.locator('[data-result]').textContent()).toContain('"accountId": "W0000012"');
    const result = (await f.locator('[data-result]').textContent()) ?? '';
    expect(result).toContain('"institutionCode": "2812345678"');
    expect(result).not.toContain('Pa55-word!');
    await shot('app-settings-right');
  });
});
