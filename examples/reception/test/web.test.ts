/**
 * Drives the web reception demo in Debian's Chromium (playwright-core, headless) against the
 * local server and the built-in simulator: visual and PIN checks, 事後閲覧, the forms tab and the
 * English toggle; then the whole desk by keyboard only (Esc and 中止 tell the server, PIN from the
 * keyboard or a USB テンキー, dialogs open on their title, the 複数該当 chooser, 和暦 dates); every
 * outcome the page can show, screenshotted at 1024x768 and 768x1024; and axe-core's WCAG 2.1 AA
 * rules on every screen and dialog in both languages. Screenshots go to test-output/ (gitignored);
 * the assertions are on what the page shows.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceptionServer, type ReceptionServer } from '../src/server/reception-server.js';
import { runAxe } from './axe.js';
import { type DeskPage, openDeskPage } from './support/desk-page.js';

const root = path.join(import.meta.dirname, '..');
const output = path.join(root, 'test-output');

let server: ReceptionServer;
let context: BrowserContext;
let page: Page;
let desk: DeskPage;

beforeAll(async () => {
  await mkdir(output, { recursive: true });
  desk = await openDeskPage('web', { width: 1000, height: 1100 });
  ({ server, context, page } = desk);
}, 180_000);

afterAll(async () => {
  await desk?.close();
});

const axeViolations = (label: string): Promise<string[]> => runAxe(page, label);

const shot = (name: string) => page.screenshot({ path: path.join(output, `${name}.png`), fullPage: true });
const finished = () => page.locator('body').getAttribute('data-check');

async function startCheck(patient: string, mode: 'visual' | 'pin'): Promise<void> {
  await page.locator('#patient').selectOption(patient);
  await page.locator('#mode').selectOption(mode);
  await page.locator('#start').click();
}

describe('web reception demo in Chromium', () => {
  it('opens the desk in Japanese with the simulated patients listed', async () => {
    expect(await page.locator('h1').textContent()).toBe('オンライン資格確認 受付');
    expect(await page.locator('#card-status-text').textContent()).toBe('カード待ち');
    expect(await page.locator('#patient option').count()).toBeGreaterThanOrEqual(10);
    await shot('01-desk-idle');
  });

  it('visual check: the confirmation dialog, then the result card', async () => {
    await startCheck('valid', 'visual');
    const dialog = page.locator('#visual-dialog');
    await expect.poll(() => dialog.getAttribute('open'), { timeout: 30_000 }).toBe('');
    expect(await dialog.locator('h2').textContent()).toBe('目視による本人確認');
    expect(await page.locator('#visual-cert').textContent()).toContain('電子証明書シリアル');
    // The card was released before staff are asked: the patient can take it back already.
    expect(await page.locator('#card-status-text').textContent()).toBe('カードをお返しください。');
    await shot('02-visual-confirmation');
    await page.locator('#visual-confirm').click();
    await expect.poll(finished, { timeout: 30_000 }).toBe('done');
    const result = page.locator('#result');
    expect(await result.locator('h2').textContent()).toBe('資格確認結果: 有効');
    expect(await result.locator('dl').textContent()).toContain('一部負担割合3割');
    expect(await result.locator('dl').textContent()).toContain('本人確認目視');
    await shot('03-visual-result');
  });

  it('PIN check: the on-screen pad shows only dots and the check completes', async () => {
    await startCheck('valid', 'pin');
    const dialog = page.locator('#pin-dialog');
    await expect.poll(() => dialog.getAttribute('open'), { timeout: 30_000 }).toBe('');
    expect(await page.locator('#pin-tries').textContent()).toBe('残り回数: 3');
    for (const key of ['1', '2', '3']) await page.locator(`#pin-pad [data-key="${key}"]`).click();
    expect(await page.locator('#pin-dots span.filled').count()).toBe(3);
    expect((await page.locator('#pin-dots').textContent())?.trim()).toBe('');
    expect(await dialog.locator('input').count()).toBe(0);
    await shot('04-pin-pad');
    await page.locator('#pin-pad [data-key="4"]').click();
    await page.locator('#pin-pad [data-key="ok"]').click();
    await expect.poll(finished, { timeout: 30_000 }).toBe('done');
    expect(await page.locator('#result dl').textContent()).toContain('本人確認暗証番号');
    await shot('05-pin-result');
  });

  it('expired certificate: a clear stop with the renewal message', async () => {
    await startCheck('expired', 'visual');
    await expect.poll(finished, { timeout: 30_000 }).toBe('failed');
    expect(await page.locator('#message').textContent()).toContain('市区町村の窓口');
    expect(await page.locator('#card-status-text').textContent()).toBe('確認できませんでした(カードをお返しください)');
    expect(await page.locator('#result h2').textContent()).toBe('資格確認できませんでした');
    expect(await page.locator('#result .code').textContent()).toBe('サポート用コード: CERTIFICATE_EXPIRED');
    const shown = (await page.locator('main').textContent()) ?? '';
    const message = (await page.locator('#message').textContent()) ?? '';
    expect(shown.split(message).length - 1).toBe(1); // the message once, not three times
    await shot('06-expired-certificate');
  });

  it('事後閲覧 lists the saved checks', async () => {
    await page.locator('.tab[data-tab="history"]').click();
    await expect.poll(() => page.locator('#history tbody tr').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    const text = await page.locator('#history tbody').textContent();
    expect(text).toContain('目視');
    expect(text).toContain('有効');
    expect(await page.locator('#history tbody tr[data-outcome="valid"] td').nth(2).first().textContent()).toBe('有効');
    expect(await page.locator('#tabbtn-history').getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('#tabbtn-reception').getAttribute('aria-selected')).toBe('false');
    expect(text).toContain('暗証番号');
    await shot('07-history');
  });

  it('forms tab: the portal forms validate as you type', async () => {
    await page.locator('.tab[data-tab="forms"]').click();
    const form = page.locator('section[data-form="user-registration"]');
    await form.locator('[name="phoneNumber"]').fill('03-1234-567');
    await expect.poll(() => form.locator('[data-error-for="phoneNumber"]').textContent()).toContain('10桁');
    await shot('08-forms');
  });

  it('switches the desk to English', async () => {
    await page.locator('#lang-toggle').click();
    await page.locator('.tab[data-tab="reception"]').click();
    expect(await page.locator('h1').textContent()).toBe('Online eligibility check — reception');
    expect(await page.locator('#message').textContent()).toContain('municipal office');
    expect(await page.locator('#result h2').textContent()).toBe('The eligibility check did not complete');
    await shot('09-english');
  });
});

describe('the desk by keyboard only', () => {
  const activeId = () => page.evaluate(() => document.activeElement?.id ?? '');
  const dialogOpen = (id: string) => page.locator(id).evaluate((d) => (d as HTMLDialogElement).open);

  async function startByKeyboard(patient: string, mode: 'visual' | 'pin'): Promise<void> {
    await page.locator('#patient').selectOption(patient);
    await page.locator('#mode').selectOption(mode);
    await page.locator('#start').focus();
    await page.keyboard.press('Enter');
  }

  it('switches back to Japanese and moves between tabs with the arrow keys', async () => {
    await page.locator('#lang-toggle').focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('h1').textContent()).toBe('オンライン資格確認 受付');
    await page.locator('#tabbtn-reception').focus();
    await page.keyboard.press('ArrowRight');
    expect(await activeId()).toBe('tabbtn-history');
    expect(await page.locator('#tab-history').isVisible()).toBe(true);
    await page.keyboard.press('Home');
    expect(await activeId()).toBe('tabbtn-reception');
    expect(await page.locator('#tab-reception').isVisible()).toBe(true);
    expect(await page.locator('#tabbtn-history').getAttribute('tabindex')).toBe('-1');
  });

  it('the visual dialog opens on its title (Enter answers nothing) and Esc cancels the check on the server', async () => {
    await startByKeyboard('valid', 'visual');
    await expect.poll(() => dialogOpen('#visual-dialog'), { timeout: 30_000 }).toBe(true);
    expect(await activeId()).toBe('visual-title');
    await page.keyboard.press('Enter');
    expect(await dialogOpen('#visual-dialog')).toBe(true);
    expect(await finished()).toBe('running');
    await shot('10-visual-focus-on-title');
    await page.keyboard.press('Escape');
    await expect.poll(finished, { timeout: 30_000 }).toBe('cancelled');
    expect(await dialogOpen('#visual-dialog')).toBe(false);
    expect(await page.locator('#result h2').textContent()).toBe('資格確認を中止しました');
    expect(await activeId()).toBe('start');
  });

  it('PIN from the keyboard and a USB numeric keypad (NumLock off too), Backspace corrects, Enter sends', async () => {
    await startByKeyboard('valid', 'pin');
    await expect.poll(() => dialogOpen('#pin-dialog'), { timeout: 30_000 }).toBe(true);
    expect(await activeId()).toBe('pin-title');
    await page.keyboard.type('19');
    await page.keyboard.press('Backspace');
    expect(await page.locator('#pin-dots span.filled').count()).toBe(1);
    await page.keyboard.press('Numpad2');
    await page.keyboard.press('Numpad3');
    await page.keyboard.press('4');
    expect(await page.locator('#pin-dots span.filled').count()).toBe(4);
    expect((await page.locator('#pin-dots').textContent())?.trim()).toBe('');
    expect(await page.locator('#pin-dots').getAttribute('aria-label')).toBe('4 / 4');
    await page.keyboard.press('Enter');
    await expect.poll(finished, { timeout: 30_000 }).toBe('done');
    expect(await page.locator('#result dl').textContent()).toContain('本人確認暗証番号');
  });

  it('the PIN pad has 中止, reachable by Tab, and Esc there cancels too', async () => {
    await startByKeyboard('valid', 'pin');
    await expect.poll(() => dialogOpen('#pin-dialog'), { timeout: 30_000 }).toBe(true);
    await page.keyboard.press('1');
    const cancel = page.locator('#pin-dialog [data-action="cancel"]');
    expect(await cancel.textContent()).toBe('中止');
    for (let i = 0; i < 20 && !(await cancel.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(finished, { timeout: 30_000 }).toBe('cancelled');
    await startByKeyboard('valid', 'pin');
    await expect.poll(() => dialogOpen('#pin-dialog'), { timeout: 30_000 }).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(finished, { timeout: 30_000 }).toBe('cancelled');
  });

  it('複数該当: staff choose between the results, what differs is marked, and the choice is used', async () => {
    await startByKeyboard('multiple', 'visual');
    await expect.poll(() => dialogOpen('#visual-dialog'), { timeout: 30_000 }).toBe(true);
    await page.locator('#visual-confirm').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => dialogOpen('#select-dialog'), { timeout: 30_000 }).toBe(true);
    expect(await activeId()).toBe('select-title');
    expect(await page.locator('#select-list li').count()).toBe(2);
    const marked = await page.locator('#select-list dt.differs').allTextContents();
    expect(marked).toContain('保険者番号');
    expect(marked).not.toContain('氏名');
    await shot('11-multiple-chooser');
    await page.locator('#select-list [data-choice="1"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(finished, { timeout: 30_000 }).toBe('done');
    expect(await page.locator('#result dl').textContent()).toContain('試験市');
  });

  it('dates in 和暦 with the 西暦 beside them', async () => {
    const text = (await page.locator('#result dl').textContent()) ?? '';
    expect(text).toMatch(/生年月日(昭和|平成|令和)\d+年\d+月\d+日\(\d{4}-\d{2}-\d{2}\)/);
    expect(text).toMatch(/確認日令和\d+年\d+月\d+日\(\d{4}-\d{2}-\d{2}\)/);
    await shot('12-wareki-result');
  });

  it('forms: numeric keyboards on number fields, and 確認する moves focus to the first error', async () => {
    await page.locator('#tabbtn-forms').focus();
    await page.keyboard.press('Enter');
    const form = page.locator('section[data-form="user-registration"]');
    expect(await form.locator('[name="phoneNumber"]').getAttribute('inputmode')).toBe('tel');
    expect(await form.locator('[name="practitionerNumber"]').getAttribute('inputmode')).toBe('numeric');
    await form.locator('button[type="submit"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('familyName');
    await shot('13-forms-first-error');
  });
});

describe('every outcome the desk can show, at 1024x768 and 768x1024', () => {
  const sizes = [
    { width: 1024, height: 768 },
    { width: 768, height: 1024 },
  ];
  const dialogOpen = (id: string) => page.locator(id).evaluate((d) => (d as HTMLDialogElement).open);

  async function shots(name: string): Promise<void> {
    for (const size of sizes) {
      await page.setViewportSize(size);
      await page.screenshot({ path: path.join(output, `state-${name}-${size.width}x${size.height}.png`) });
    }
    await page.setViewportSize({ width: 1000, height: 1100 });
  }

  /** What every finished state must show: a plain status (no raw code) and one message. */
  async function expectPlain(): Promise<void> {
    const status = (await page.locator('#card-status-text').textContent()) ?? '';
    expect(status).not.toMatch(/^[A-Z_]+$/);
    const message = (await page.locator('#message').textContent()) ?? '';
    expect(message.length).toBeGreaterThan(0);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main.split(message).length - 1).toBe(1);
  }

  beforeAll(async () => {
    await page.locator('#tabbtn-reception').click();
  });

  for (const [patient, mode, expected] of [
    ['blocked', 'pin', 'failed'],
    ['not-found', 'visual', 'done'],
    ['lost', 'visual', 'done'],
    ['expired', 'visual', 'failed'],
  ] as const) {
    it(`${patient}: a plain outcome`, async () => {
      await startCheck(patient, mode);
      if (mode === 'visual' && expected === 'done') {
        await expect.poll(() => dialogOpen('#visual-dialog'), { timeout: 30_000 }).toBe(true);
        await page.locator('#visual-confirm').click();
      }
      await expect.poll(finished, { timeout: 30_000 }).toBe(expected);
      await expectPlain();
      await shots(patient);
    });
  }

  for (const patient of ['expiring-soon', 'expired-grace']) {
    it(`${patient}: the check completes and the certificate notice stays beside the result`, async () => {
      await startCheck(patient, 'visual');
      await expect.poll(() => dialogOpen('#visual-dialog'), { timeout: 30_000 }).toBe(true);
      await page.locator('#visual-confirm').click();
      await expect.poll(finished, { timeout: 30_000 }).toBe('done');
      const notice = (await page.locator('#result .notice').textContent()) ?? '';
      expect(notice.length).toBeGreaterThan(0);
      expect(await page.locator('#result h2').textContent()).toBe('資格確認結果: 有効');
      await shots(patient);
    });
  }

  it('last try: the question first (screenshot), Esc declines and the card is not touched', async () => {
    await startCheck('last-try', 'pin');
    await expect.poll(() => dialogOpen('#last-try-dialog'), { timeout: 30_000 }).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('last-try-title');
    await shots('last-try-question');
    await page.keyboard.press('Escape');
    await expect.poll(finished, { timeout: 30_000 }).toBe('failed');
    expect(await page.locator('#result .code').textContent()).toContain('LAST_TRY_DECLINED');
    await expectPlain();
    await shots('last-try-declined');
  });

  it('several results: the chooser (screenshot)', async () => {
    await startCheck('multiple', 'visual');
    await expect.poll(() => dialogOpen('#visual-dialog'), { timeout: 30_000 }).toBe(true);
    await page.locator('#visual-confirm').click();
    await expect.poll(() => dialogOpen('#select-dialog'), { timeout: 30_000 }).toBe(true);
    await shots('multiple-chooser');
    await page.keyboard.press('Escape');
    await expect.poll(finished, { timeout: 30_000 }).toBe('cancelled');
  });

  it('service down: the check fails plainly with what to do next', async () => {
    const deskTab = page;
    const downDir = await mkdtemp(path.join(tmpdir(), 'onshikit-web-down-'));
    const down = await startReceptionServer({
      staticDir: desk.pageDir,
      dataDir: downDir,
      service: 'http://127.0.0.1:9/',
    });
    try {
      page = await context.newPage();
      await page.goto(down.url);
      await page.waitForSelector('body[data-connected="true"]', { timeout: 20_000 });
      await startCheck('valid', 'visual');
      await expect.poll(() => dialogOpen('#visual-dialog'), { timeout: 30_000 }).toBe(true);
      await page.locator('#visual-confirm').click();
      await expect.poll(finished, { timeout: 30_000 }).toBe('failed');
      await expectPlain();
      await shots('service-down');
    } finally {
      await page.close();
      page = deskTab;
      await down.close();
      await rm(downDir, { recursive: true, force: true });
    }
  });

  it('card removed mid-check: the check fails plainly and the desk is ready for the next patient', async () => {
    await startCheck('valid', 'pin');
    await expect.poll(() => dialogOpen('#pin-dialog'), { timeout: 30_000 }).toBe(true);
    server.desk.slot.remove(); // the card leaves the reader while the patient types the PIN
    await page.keyboard.type('1234');
    await page.keyboard.press('Enter');
    await expect.poll(finished, { timeout: 30_000 }).toBe('failed');
    expect(await page.locator('#result .code').textContent()).toMatch(/CARD_REMOVED|CARD_MUTE/); // the demo slot powers the card off
    await expectPlain();
    expect(await page.locator('#start').isEnabled()).toBe(true);
    await shots('card-removed');
  });
});

describe('accessibility (axe-core, WCAG 2.1 AA) on every screen and dialog, in Japanese and English', () => {
  const dialogOpen = (id: string) => page.locator(id).evaluate((d) => (d as HTMLDialogElement).open);

  for (const lang of ['ja', 'en'] as const) {
    it(`${lang}: desk, history, forms, and each dialog`, async () => {
      if ((await page.locator('html').getAttribute('lang')) !== lang) await page.locator('#lang-toggle').click();
      await page.locator('#tabbtn-reception').click();
      // The check can fail: an image without alt text is reported.
      await page.evaluate(() =>
        document
          .querySelector('main')
          ?.append(Object.assign(document.createElement('img'), { id: 'axe-canary', src: 'data:,' })),
      );
      expect((await axeViolations(`${lang} canary`)).some((v) => v.startsWith('image-alt'))).toBe(true);
      await page.evaluate(() => document.getElementById('axe-canary')?.remove());
      const found: string[] = [];
      found.push(...(await axeViolations(`${lang} desk with a result`)));
      await page.locator('#tabbtn-history').click();
      found.push(...(await axeViolations(`${lang} history`)));
      await page.locator('#tabbtn-forms').click();
      await page.locator('section[data-form="user-registration"] button[type="submit"]').click();
      found.push(...(await axeViolations(`${lang} forms with errors`)));
      await page.locator('#tabbtn-reception').click();

      await startCheck('multiple', 'visual');
      await expect.poll(() => dialogOpen('#visual-dialog'), { timeout: 30_000 }).toBe(true);
      found.push(...(await axeViolations(`${lang} visual dialog`)));
      await page.locator('#visual-confirm').click();
      await expect.poll(() => dialogOpen('#select-dialog'), { timeout: 30_000 }).toBe(true);
      found.push(...(await axeViolations(`${lang} chooser`)));
      await page.locator('#select-list [data-choice="0"]').click();
      await expect.poll(finished, { timeout: 30_000 }).toBe('done');

      await startCheck('valid', 'pin');
      await expect.poll(() => dialogOpen('#pin-dialog'), { timeout: 30_000 }).toBe(true);
      found.push(...(await axeViolations(`${lang} PIN pad`)));
      await page.keyboard.press('Escape');
      await expect.poll(finished, { timeout: 30_000 }).toBe('cancelled');

      await startCheck('last-try', 'pin');
      await expect.poll(() => dialogOpen('#last-try-dialog'), { timeout: 30_000 }).toBe(true);
      found.push(...(await axeViolations(`${lang} last-try question`)));
      await page.keyboard.press('Escape');
      await expect.poll(finished, { timeout: 30_000 }).toBe('failed');
      found.push(...(await axeViolations(`${lang} failed check`)));
      expect(found).toEqual([]);
    }, 60_000);
  }
});
