/**
 * The 新患登録 routes of the reception server under the same attacks as the check's: no token, a
 * foreign Host, another site's Origin, a text/plain body. None of them starts a read, and the
 * draft a read produced (name, address, birth date) never reaches a request that fails the
 * guards. Consent is a required boolean; the PIN and 照合番号B never come back in an answer; the
 * last try of the card-info PIN is used only after the staff confirmed it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRequest, rawRequest } from './raw-http.js';
import {
  openEvents,
  pageHeaders,
  pagePost,
  startTestDesk,
  type EventReader,
  type StreamEvent,
  type TestDesk,
} from './security-helpers.js';

let desk: TestDesk;
let events: EventReader;

beforeAll(async () => {
  desk = await startTestDesk({ headersTimeoutMs: 1_000, requestTimeoutMs: 2_000 });
  events = await openEvents(desk);
});

afterAll(async () => {
  events?.close();
  await desk?.close();
});

const ROUTES = [
  '/api/registrations',
  '/api/registrations/current/pin',
  '/api/registrations/current/last-try',
  '/api/registrations/current/cancel',
];

/** The first registration outcome after the `from`-th event. */
const outcome = (from: number): Promise<StreamEvent> =>
  Promise.race([events.next('registration-done', from), events.next('registration-failed', from)]);

async function auditOutcomes(): Promise<string[]> {
  return (await desk.server.desk.store.listAudit()).filter((a) => a.action === 'register').map((a) => a.outcome);
}

/** Requests that fail one guard each, for `route` with `body`. */
function failing(route: string, body: string): [string, Uint8Array][] {
  const host = `127.0.0.1:${desk.port}`;
  const length = String(Buffer.byteLength(body));
  const base = (extra: [string, string][]): [string, string][] => [
    ...extra,
    ['Content-Length', length],
    ['Connection', 'close'],
  ];
  return [
    [
      'no token',
      buildRequest(
        'POST',
        route,
        base([
          ['Host', host],
          ['Origin', desk.origin],
          ['Content-Type', 'application/json'],
        ]),
        body,
      ),
    ],
    [
      'foreign host',
      buildRequest(
        'POST',
        route,
        base([
          ['Host', `attacker.example:${desk.port}`],
          ['X-Onshikit-Token', desk.server.token],
          ['Content-Type', 'application/json'],
        ]),
        body,
      ),
    ],
    [
      'cross-site origin',
      buildRequest(
        'POST',
        route,
        base([
          ['Host', host],
          ['X-Onshikit-Token', desk.server.token],
          ['Origin', 'http://attacker.example'],
          ['Sec-Fetch-Site', 'cross-site'],
          ['Content-Type', 'application/json'],
        ]),
        body,
      ),
    ],
    [
      'text/plain',
      buildRequest(
        'POST',
        route,
        base([
          ['Host', host],
          ['X-Onshikit-Token', desk.server.token],
          ['Origin', desk.origin],
          ['Content-Type', 'text/plain;charset=UTF-8'],
        ]),
        body,
      ),
    ],
  ];
}

describe('新患登録 routes of the reception server', () => {
  it('a request without the token (or failing any guard) gets a bare error and starts nothing', async () => {
    const body = JSON.stringify({ patient: 'valid', consent: true, credential: 'pin' });
    const from = events.events.length;
    for (const [label, request] of failing('/api/registrations', body)) {
      const answer = await rawRequest(desk.port, request);
      expect(answer.status, label).toBeGreaterThanOrEqual(400);
      expect(answer.body, label).toMatch(/^\{"error":\{"code":"[A-Z_]+"/);
      expect(answer.raw, label).not.toContain(desk.server.token);
    }
    expect(desk.server.desk.slot.card).toBeUndefined();
    expect(events.events.slice(from).some((e) => e.type.startsWith('registration-'))).toBe(false);
    expect(await auditOutcomes()).toEqual([]);
  });

  it('consent is a required boolean; a malformed 照合番号B is refused without echoing a digit', async () => {
    const cases: [unknown, string][] = [
      [{ patient: 'valid', credential: 'pin' }, 'INVALID_FIELD'],
      [{ patient: 'valid', consent: 'yes', credential: 'pin' }, 'INVALID_FIELD'],
      [{ patient: 'valid', consent: true, credential: 'PROBE' }, 'INVALID_FIELD'],
      [{ patient: 'PROBE', consent: true }, 'INVALID_FIELD'],
      [
        {
          consent: true,
          credential: 'verification-number-b',
          verificationNumber: { birthDateEraYymmdd: '97531', expiryYear: '8642', securityCode: '1357' },
        },
        'PIN_INVALID',
      ],
      [{ consent: true, credential: 'verification-number-b', verificationNumber: '975319' }, 'INVALID_FIELD'],
      [{ digits: '1234' }, 'NOT_WAITING'],
    ];
    for (const [body, code] of cases) {
      const route = 'digits' in (body as object) ? '/api/registrations/current/pin' : '/api/registrations';
      const answer = await pagePost(desk, route, body);
      const text = await answer.text();
      expect(JSON.parse(text).error.code, JSON.stringify(body)).toBe(code);
      for (const secret of ['PROBE', '97531', '8642', '1357', '975319', '1234']) expect(text).not.toContain(secret);
    }
    expect(desk.server.desk.slot.card).toBeUndefined();
  });

  it('the draft read with consent and the PIN never reaches a request that fails the guards', async () => {
    const from = events.events.length;
    expect((await pagePost(desk, '/api/registrations', { patient: 'valid', consent: true })).status).toBe(202);
    const asked = await events.next('registration-pin-required', from);
    expect(asked.triesLeft).toBe(3);
    // A PIN sent past the guards is not taken.
    for (const [label, request] of failing('/api/registrations/current/pin', '{"digits":"1234"}')) {
      const answer = await rawRequest(desk.port, request);
      expect(answer.status, label).toBeGreaterThanOrEqual(400);
      expect(answer.raw, label).not.toContain('1234');
    }
    expect((await pagePost(desk, '/api/registrations/current/pin', { digits: '1234' })).status).toBe(200);
    const done = await outcome(from);
    expect(done.type).toBe('registration-done');
    const draft = done.draft as { name: string; address: string; birthDate: { iso: string; wareki: string } };
    const markers = [draft.name, draft.address, draft.birthDate.iso, draft.birthDate.wareki];
    expect(draft.birthDate.wareki).toMatch(/^昭和/);
    // Every route (and the event stream, history) to requests failing a guard: no draft value.
    for (const route of [...ROUTES, '/api/events', '/api/history']) {
      for (const [label, request] of failing(route, '{"patient":"valid","consent":true}')) {
        const answer = await rawRequest(desk.port, request);
        for (const marker of markers) expect(answer.raw, `${label} ${route}`).not.toContain(marker);
      }
    }
    // Audited without values.
    const audit = await desk.server.desk.store.listAudit();
    expect(await auditOutcomes()).toEqual(['ok']);
    for (const marker of markers) expect(JSON.stringify(audit)).not.toContain(marker);
    expect(desk.server.desk.slot.card).toBeUndefined(); // the card is off the reader
  });

  it('without consent nothing is read: the refusal comes back and is audited', async () => {
    const from = events.events.length;
    expect((await pagePost(desk, '/api/registrations', { patient: 'valid', consent: false })).status).toBe(202);
    const failed = await outcome(from);
    expect(failed).toMatchObject({ type: 'registration-failed', code: 'REGISTRATION_CONSENT_REQUIRED' });
    expect(events.events.slice(from).some((e) => e.type === 'registration-pin-required')).toBe(false);
  });

  it('last try of the card-info PIN: asked first; declined, the card keeps its last try', async () => {
    const from = events.events.length;
    expect((await pagePost(desk, '/api/registrations', { patient: 'valid', consent: true })).status).toBe(202);
    await events.next('registration-pin-required', from);
    const card = desk.server.desk.slot.card!;
    expect((await pagePost(desk, '/api/registrations/current/pin', { digits: '0000' })).status).toBe(200);
    const wrong = await events.next('registration-pin-wrong', from);
    await events.next('registration-pin-required', events.events.indexOf(wrong));
    expect((await pagePost(desk, '/api/registrations/current/pin', { digits: '0000' })).status).toBe(200);
    await events.next('registration-last-try-required', from);
    // A check cannot start while the read waits.
    const refused = await pagePost(desk, '/api/checks', { patient: 'valid', mode: 'visual' });
    expect((await refused.json()).error.code).toBe('REGISTRATION_RUNNING');
    const second = await pagePost(desk, '/api/registrations', { patient: 'valid', consent: true });
    expect((await second.json()).error.code).toBe('REGISTRATION_RUNNING');
    expect((await pagePost(desk, '/api/registrations/current/last-try', { confirm: 'PROBE' })).status).toBe(400);
    expect((await pagePost(desk, '/api/registrations/current/last-try', { confirm: false })).status).toBe(200);
    const failed = await outcome(from);
    expect(failed).toMatchObject({ type: 'registration-failed', code: 'LAST_TRY_DECLINED' });
    expect(card.pinState('inputSupport')?.triesLeft).toBe(1);
  });

  it('cancel stops a read that waits for the PIN', async () => {
    const from = events.events.length;
    expect((await pagePost(desk, '/api/registrations', { patient: 'valid', consent: true })).status).toBe(202);
    await events.next('registration-pin-required', from);
    expect((await pagePost(desk, '/api/registrations/current/cancel')).status).toBe(200);
    expect(await outcome(from)).toMatchObject({ type: 'registration-failed', code: 'CANCELLED' });
    expect(
      (
        await fetch(new URL('/api/registrations/current/pin', desk.server.url), {
          method: 'POST',
          headers: pageHeaders(desk, true),
          body: '{"digits":"1234"}',
        })
      ).status,
    ).toBe(409);
  });
});
