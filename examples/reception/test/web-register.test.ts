/**
 * The 新患登録 tab of the web reception demo in Debian's Chromium (playwright-core, headless),
 * against the local server and the built-in simulator: by keyboard only through consent, the
 * card-info PIN and the draft; 照合番号B typed by staff, in English; the draft at 1024x768 and
 * 768x1024 (screenshots in test-output/, gitignored); and axe-core's WCAG 2.1 AA rules on the tab
 * in Japanese and English.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { cardProfiles, VirtualMyNumberCard } from '@onshikit/simulator';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReceptionServer } from '../src/server/reception-server.js';
import { runAxe } from './axe.js';
import { type DeskPage, openDeskPage } from './support/desk-page.js';

const root = path.join(import.meta.dirname, '..');
const output = path.join(root, 'test-output');

let server: ReceptionServer;
let page: Page;
let desk: DeskPage;

beforeAll(async () => {
  await mkdir(output, { recursive: true });
  desk = await openDeskPage('register', { width: 1024, height: 768 });
  ({ server, page } = desk);
}, 180_000);

afterAll(async () => {
  await desk?.close();
});

const axeViolations = (label: string): Promise<string[]> => runAxe(page, label);

const activeId = () => page.evaluate(() => document.activeElement?.id ?? '');
const value = (id: string) => page.locator(`#${id}`).inputValue();
const draftShown = () => page.locator('#register-draft').isVisible();

/** Presses Tab until the element with `id` has focus (at most 15 times). */
async function tabTo(id: string): Promise<void> {
  for (let i = 0; i < 15 && (await activeId()) !== id; i++) await page.keyboard.press('Tab');
  expect(await activeId()).toBe(id);
}

describe('新患登録 in the web demo', () => {
  it('by keyboard only: the tab, consent, the card-info PIN, then the draft as a form to copy', async () => {
    await page.locator('#tabbtn-reception').focus();
    await page.keyboard.press('End');
    expect(await activeId()).toBe('tabbtn-register');
    expect(await page.locator('#tabbtn-register').getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('#tab-register').isVisible()).toBe(true);
    expect(await page.locator('#tab-reception').isVisible()).toBe(false);

    // Without consent nothing is sent: the page asks for it and focuses the checkbox.
    await tabTo('register-start');
    await page.keyboard.press('Enter');
    expect(await page.locator('#register-message').textContent()).toBe('ご本人の同意を確認してください。');
    expect(await activeId()).toBe('register-consent');
    await page.keyboard.press('Space');
    expect(await page.locator('#register-consent').isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(
      await page.locator('input[name="credential"][value="pin"]').evaluate((e) => e === document.activeElement),
    ).toBe(true);
    await tabTo('register-start');
    await page.keyboard.press('Enter');

    // The server asks for the PIN: focus moves to the PIN field; typed digits, Enter sends.
    await expect.poll(activeId, { timeout: 30_000 }).toBe('register-pin');
    expect(await page.locator('#register-pin-tries').textContent()).toBe('残り回数: 3');
    expect(await page.locator('#register-pin').getAttribute('type')).toBe('password');
    await page.keyboard.type('1234');
    await page.keyboard.press('Enter');
    await expect.poll(draftShown, { timeout: 30_000 }).toBe(true);
    expect(await activeId()).toBe('register-draft-title');
    expect(await value('register-pin')).toBe('');

    expect(await value('register-name')).toMatch(/^試験\s花子$/);
    expect(await value('register-family')).toBe('試験');
    expect(await value('register-given')).toBe('花子');
    expect(await value('register-kana')).toBe('');
    expect(await page.locator('#register-kana').getAttribute('aria-describedby')).toBe('register-kana-note');
    expect(await page.locator('#register-kana-note').textContent()).toContain('フリガナが記録されていません');
    expect((await value('register-address')).length).toBeGreaterThan(5);
    expect(await value('register-birth-wareki')).toBe('昭和55年2月17日');
    expect(await value('register-birth-iso')).toBe('1980-02-17');
    expect(await value('register-sex')).toBe('女');
    expect(await page.locator('#register-message').textContent()).toContain('読み取りました');
    expect(await page.locator('#register-start').isEnabled()).toBe(true);
    expect(await page.locator('#register-cancel').isDisabled()).toBe(true);

    for (const size of [
      { width: 1024, height: 768 },
      { width: 768, height: 1024 },
    ]) {
      await page.setViewportSize(size);
      await page.screenshot({ path: path.join(output, `register-draft-${size.width}x${size.height}.png`) });
      // The draft's fields are laid out within the viewport's width (no sideways scrolling).
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${size.width}x${size.height}`).toBeLessThanOrEqual(0);
    }
    await page.setViewportSize({ width: 1024, height: 768 });
    // The check can fail: an image without alt text in the tab is reported.
    await page.evaluate(() =>
      document
        .getElementById('tab-register')
        ?.append(Object.assign(document.createElement('img'), { id: 'axe-canary', src: 'data:,' })),
    );
    expect((await axeViolations('ja canary')).some((v) => v.startsWith('image-alt'))).toBe(true);
    await page.evaluate(() => document.getElementById('axe-canary')?.remove());
    expect(await axeViolations('ja 新患登録 draft')).toEqual([]);
    const audit = await server.desk.store.listAudit();
    expect(audit.filter((a) => a.action === 'register').map((a) => a.outcome)).toEqual(['ok']);
  }, 90_000);

  it('照合番号B typed by staff, in English; the typed digits are cleared', async () => {
    const card = await VirtualMyNumberCard.create(cardProfiles.standard());
    const printed = card.verificationNumberB;
    await page.locator('#lang-toggle').click();
    expect(await page.locator('#tabbtn-register').textContent()).toBe('New patient (read from the card)');
    await page.locator('#tabbtn-register').focus();
    await page.keyboard.press('Tab'); // into the page: the language toggle, then the panel
    await tabTo('register-consent');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown'); // the radio group: 照合番号B
    expect(await page.locator('#register-number-b').isVisible()).toBe(true);
    await tabTo('register-b-birth');
    await page.keyboard.type(printed.slice(0, 6));
    await page.keyboard.press('Tab');
    await page.keyboard.type(printed.slice(6, 10));
    await page.keyboard.press('Tab');
    await page.keyboard.type(printed.slice(10, 14));
    expect(await page.locator('#register-b-code').getAttribute('inputmode')).toBe('numeric');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#register-message').textContent(), { timeout: 30_000 }).toContain('Read.');
    expect(await value('register-given')).toBe('花子');
    expect(await value('register-sex')).toBe('Female');
    expect(await page.locator('#register-kana-note').textContent()).toContain('no kana');
    for (const id of ['register-b-birth', 'register-b-expiry', 'register-b-code']) expect(await value(id)).toBe('');
    await page.screenshot({ path: path.join(output, 'register-number-b-en-1024x768.png') });
    expect(await axeViolations('en 新患登録 draft')).toEqual([]);
  }, 60_000);

  it('Esc in the PIN field cancels the read on the server; the card is taken off', async () => {
    await page.locator('#tabbtn-register').click();
    await page.locator('input[name="credential"][value="pin"]').check();
    await page.locator('#register-consent').check();
    await page.locator('#register-start').click();
    await expect.poll(activeId, { timeout: 30_000 }).toBe('register-pin');
    await page.keyboard.type('12');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#register-start').isEnabled(), { timeout: 30_000 }).toBe(true);
    expect(await page.locator('#register-pin-form').isVisible()).toBe(false);
    expect(await value('register-pin')).toBe('');
    expect(server.desk.slot.card).toBeUndefined();
    const audit = await server.desk.store.listAudit();
    expect(audit.filter((a) => a.action === 'register').at(-1)?.outcome).not.toBe('ok');
  }, 60_000);

  it('while a check runs, a read is refused with the server’s message', async () => {
    if ((await page.locator('html').getAttribute('lang')) !== 'ja') await page.locator('#lang-toggle').click();
    await page.locator('#tabbtn-reception').click();
    await page.locator('#patient').selectOption('valid');
    await page.locator('#mode').selectOption('visual');
    await page.locator('#start').click();
    const visual = page.locator('#visual-dialog');
    await expect.poll(() => visual.evaluate((d) => (d as HTMLDialogElement).open), { timeout: 30_000 }).toBe(true);
    await page.keyboard.press('Escape'); // cancels the check on the server
    await page.locator('#start').click();
    await expect.poll(() => visual.evaluate((d) => (d as HTMLDialogElement).open), { timeout: 30_000 }).toBe(true);
    await page.evaluate(() => (document.getElementById('visual-dialog') as HTMLDialogElement).close()); // dialog out of the way, the check still waits
    await page.locator('#tabbtn-register').click();
    await page.locator('#register-consent').check();
    await page.locator('#register-start').click();
    await expect
      .poll(() => page.locator('#register-message').textContent(), { timeout: 30_000 })
      .toBe('資格確認の途中です。終わるか中止してから始めてください。');
    expect(await page.locator('#register-start').isEnabled()).toBe(true);
    await page.locator('#tabbtn-reception').click();
    await page.locator('#cancel').click();
    await expect.poll(() => page.locator('body').getAttribute('data-check'), { timeout: 30_000 }).toBe('cancelled');
  }, 60_000);

  for (const lang of ['ja', 'en'] as const) {
    it(`axe-core WCAG 2.1 AA on the tab (${lang}): form, 照合番号B, PIN entry, draft, last-try question`, async () => {
      if ((await page.locator('html').getAttribute('lang')) !== lang) await page.locator('#lang-toggle').click();
      await page.locator('#tabbtn-register').click();
      const found: string[] = [];
      found.push(...(await axeViolations(`${lang} 新患登録`)));
      await page.locator('input[name="credential"][value="verification-number-b"]').check();
      found.push(...(await axeViolations(`${lang} 新患登録 照合番号B`)));
      await page.locator('input[name="credential"][value="pin"]').check();
      await page.locator('#register-consent').check();
      await page.locator('#register-start').click();
      await expect.poll(activeId, { timeout: 30_000 }).toBe('register-pin');
      found.push(...(await axeViolations(`${lang} 新患登録 PIN entry`)));
      for (let i = 0; i < 2; i++) {
        await expect.poll(activeId, { timeout: 30_000 }).toBe('register-pin');
        await page.keyboard.type('0000');
        await page.keyboard.press('Enter');
        if (i === 0)
          await expect
            .poll(() => page.locator('#register-message').textContent(), { timeout: 30_000 })
            .toBe(lang === 'ja' ? '暗証番号が違います。残り回数: 2' : 'Wrong PIN. Tries left: 2');
      }
      const dialog = page.locator('#register-last-try-dialog');
      await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open), { timeout: 30_000 }).toBe(true);
      expect(await activeId()).toBe('register-last-try-title'); // neither answer is one Enter away
      found.push(...(await axeViolations(`${lang} 新患登録 last-try question`)));
      await page.screenshot({ path: path.join(output, `register-last-try-${lang}-1024x768.png`) });
      await page.keyboard.press('Escape'); // declines: the last try is not used
      await expect.poll(() => page.locator('#register-start').isEnabled(), { timeout: 30_000 }).toBe(true);
      expect(await page.locator('#register-message').textContent()).toContain('LAST_TRY_DECLINED');
      found.push(...(await axeViolations(`${lang} 新患登録 failed`)));
      expect(found).toEqual([]);
    }, 90_000);
  }
});
