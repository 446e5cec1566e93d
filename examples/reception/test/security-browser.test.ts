/**
 * The issue 14 attacks from a real browser: Debian's Chromium (playwright-core, headless) opens a
 * hostile page on another origin while a patient's PIN check waits, and that page does what any
 * site can do: simple `no-cors` POSTs (text/plain) to start checks, confirm the last try and send
 * PINs, CORS reads of the history and the page, a guessed token header. Then DNS rebinding:
 * `attacker.example` resolves to 127.0.0.1 (Chromium's host resolver rules), so the browser
 * believes the desk's port is the attacker's own origin. The card must keep its tries and the
 * hostile page must read no patient data and no token.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openEvents,
  pagePost,
  patientMarkers,
  runVisualCheck,
  startTestDesk,
  type EventReader,
  type TestDesk,
} from './security-helpers.js';
import { chromiumOptions } from '../../../test-support/browser/chromium.js';

let desk: TestDesk;
let events: EventReader;
let markers: string[] = [];
let attacker: Server;
let attackerPort = 0;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  desk = await startTestDesk();
  events = await openEvents(desk);
  expect((await runVisualCheck(desk, events, 'valid')).type).toBe('done');
  markers = await patientMarkers(desk);
  attacker = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html><head><title>cute cats</title></head><body>cats</body></html>');
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerPort = (attacker.address() as AddressInfo).port;
  browser = await chromium.launch(chromiumOptions(['--host-resolver-rules=MAP attacker.example 127.0.0.1']));
  page = await browser.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (attacker ? attacker.close(() => resolve()) : resolve()));
  events?.close();
  await desk?.close();
});

/** What the hostile page reports back: statuses it could read and texts it could read. */
interface Loot {
  readonly readable: string[];
  readonly errors: number;
}

async function attack(from: string, desk: string): Promise<Loot> {
  await page.goto(from);
  return page.evaluate(async (target) => {
    const readable: string[] = [];
    let errors = 0;
    const simple = (route: string, body: string) =>
      // biome-ignore lint/plugin/no-swallowed-rejection: the attack only has to be sent; an opaque or refused response is the expected outcome
      fetch(target + route, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body }).catch(
        () => undefined,
      );
    for (let i = 0; i < 3; i++) {
      await simple('/api/pin', '{"digits":"0000"}');
      await simple('/api/checks/current/last-try', '{"confirm":true}');
      await simple('/api/checks', '{"patient":"valid","mode":"pin"}');
    }
    for (const route of ['/api/history', '/api/events', '/', '/index.html']) {
      try {
        readable.push(await (await fetch(target + route)).text());
      } catch {
        errors += 1;
      }
      try {
        readable.push(await (await fetch(target + route, { headers: { 'x-onshikit-token': 'guess' } })).text());
      } catch {
        errors += 1;
      }
    }
    try {
      readable.push(
        await (
          await fetch(target + '/api/pin', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"digits":"0000"}',
          })
        ).text(),
      );
    } catch {
      errors += 1;
    }
    return { readable, errors };
  }, desk);
}

describe('a hostile page in the receptionist’s Chromium', () => {
  it('another origin: every simple POST is refused, the waiting card keeps 3 tries, nothing is readable', async () => {
    const from = events.events.length;
    expect((await pagePost(desk, '/api/checks', { patient: 'valid', mode: 'pin' })).status).toBe(202);
    await events.next('pin-required', from);
    const card = desk.server.desk.slot.card!;

    const loot = await attack(`http://attacker.example:${attackerPort}/`, `http://127.0.0.1:${desk.port}`);
    expect(loot.readable).toEqual([]); // no CORS grant: the browser hides every answer
    expect(loot.errors).toBe(9);
    expect(card.pinState('auth')).toMatchObject({ triesLeft: 3, verified: false, blocked: false });
    const after = events.events.slice(from).map((e) => e.type);
    expect(after).not.toContain('pin-wrong');
    expect(after.filter((type) => type === 'pin-required')).toHaveLength(1);

    expect((await pagePost(desk, '/api/checks/current/cancel')).status).toBe(200);
    await events.next('cancelled', from);
    expect(card.pinState('auth')?.triesLeft).toBe(3);
  });

  it('DNS rebinding: the desk’s port under attacker.example is refused, so the page, token and history stay out of reach', async () => {
    const response = await page.goto(`http://attacker.example:${desk.port}/`);
    expect(response?.status()).toBe(421);
    const html = await page.content();
    expect(html).not.toContain(desk.server.token);
    const same = await page.evaluate(async () => {
      const texts: string[] = [];
      for (const route of ['/api/history', '/api/events', '/api/patients']) {
        const answer = await fetch(route, { headers: { 'x-onshikit-token': 'guess' } });
        texts.push(`${answer.status} ${await answer.text()}`);
      }
      return texts;
    });
    for (const text of same) {
      expect(text.startsWith('421 ')).toBe(true);
      for (const marker of markers) expect(text).not.toContain(marker);
    }
  });
});
