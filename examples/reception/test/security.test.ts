/**
 * The attacks of issue 14 on the reception web server, as regression tests: a web page of another
 * site in the receptionist's browser (simple cross-origin POSTs, DNS rebinding), malformed and
 * oversized requests, slow clients, and a PIN inside a broken body. Each attack is sent as the
 * browser or a hostile client would send it, against the real server, desk and virtual card.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRequest, rawRequest } from './raw-http.js';
import {
  openEvents,
  pagePost,
  pageHeaders,
  patientMarkers,
  runVisualCheck,
  startTestDesk,
  type EventReader,
  type TestDesk,
} from './security-helpers.js';

let desk: TestDesk;
let events: EventReader;
let markers: string[] = [];

beforeAll(async () => {
  desk = await startTestDesk({ headersTimeoutMs: 1_000, requestTimeoutMs: 2_000 });
  events = await openEvents(desk);
  const last = await runVisualCheck(desk, events, 'valid');
  expect(last.type).toBe('done');
  markers = await patientMarkers(desk);
  expect(markers.length).toBeGreaterThanOrEqual(3);
});

afterAll(async () => {
  events?.close();
  await desk?.close();
});

const host = () => `127.0.0.1:${desk.port}`;
const attackerPage = 'http://attacker.example';
const noPatientData = (text: string) => {
  for (const marker of markers) expect(text).not.toContain(marker);
};

/** A simple request a page on another site can send without a preflight. */
function simplePost(route: string, body: string, extra: [string, string][] = []): Uint8Array {
  return buildRequest(
    'POST',
    route,
    [
      ['Host', host()],
      ['Origin', attackerPage],
      ['Sec-Fetch-Site', 'cross-site'],
      ['Content-Type', 'text/plain;charset=UTF-8'],
      ['Content-Length', String(Buffer.byteLength(body))],
      ['Connection', 'close'],
      ...extra,
    ],
    body,
  );
}

describe('a page of another site in the receptionist browser', () => {
  it('cannot start a check, confirm the last try or submit a PIN with simple POSTs: the card keeps its tries', async () => {
    const from = events.events.length;
    expect((await pagePost(desk, '/api/checks', { patient: 'valid', mode: 'pin' })).status).toBe(202);
    const asked = await events.next('pin-required', from);
    expect(asked.triesLeft).toBe(3);
    const card = desk.server.desk.slot.card!;
    expect(card.pinState('auth')?.triesLeft).toBe(3);

    for (const route of [
      '/api/checks',
      '/api/checks/current/last-try',
      '/api/pin',
      '/api/checks/current/visual',
      '/api/checks/current/cancel',
    ]) {
      for (const body of ['{"patient":"last-try","mode":"pin"}', '{"confirm":true}', '{"digits":"0000"}']) {
        const answer = await rawRequest(desk.port, simplePost(route, body));
        expect(answer.status).toBe(403);
        expect(JSON.parse(answer.body).error.code).toBe('TOKEN_REQUIRED');
        expect(answer.headers.get('access-control-allow-origin')).toBeUndefined();
      }
    }
    // Even with the token (say, leaked), the other site's Origin or a text/plain body is refused.
    const withToken: [string, string] = ['X-Onshikit-Token', desk.server.token];
    expect((await rawRequest(desk.port, simplePost('/api/pin', '{"digits":"0000"}', [withToken]))).status).toBe(403);
    const plain = buildRequest(
      'POST',
      '/api/pin',
      [
        ['Host', host()],
        ['Origin', desk.origin],
        withToken,
        ['Content-Type', 'text/plain'],
        ['Content-Length', '17'],
        ['Connection', 'close'],
      ],
      '{"digits":"0000"}',
    );
    expect(JSON.parse((await rawRequest(desk.port, plain)).body).error.code).toBe('JSON_REQUIRED');
    const noOrigin = buildRequest(
      'POST',
      '/api/pin',
      [
        ['Host', host()],
        withToken,
        ['Content-Type', 'application/json'],
        ['Content-Length', '17'],
        ['Connection', 'close'],
      ],
      '{"digits":"0000"}',
    );
    expect(JSON.parse((await rawRequest(desk.port, noOrigin)).body).error.code).toBe('ORIGIN_NOT_ALLOWED');

    expect(card.pinState('auth')).toMatchObject({ triesLeft: 3, verified: false, blocked: false });
    expect(events.events.slice(from).some((e) => e.type === 'pin-wrong')).toBe(false);
    expect((await pagePost(desk, '/api/checks/current/cancel')).status).toBe(200);
    expect((await events.next('cancelled', from)).type).toBe('cancelled');
    expect(card.pinState('auth')?.triesLeft).toBe(3);
  });

  it('DNS rebinding: with Host attacker.example there is no page, token, history or event stream', async () => {
    for (const badHost of [
      'attacker.example',
      `attacker.example:${desk.port}`,
      `127.0.0.1:${desk.port + 1}`,
      `localhost.attacker.example:${desk.port}`,
      '127.0.0.1',
    ]) {
      for (const target of ['/', '/index.html', '/api/history', '/api/events', '/api/patients']) {
        const headers: [string, string][] = [
          ['Host', badHost],
          ['X-Onshikit-Token', desk.server.token],
          ['Connection', 'close'],
        ];
        const answer = await rawRequest(desk.port, buildRequest('GET', target, headers));
        expect(answer.status).toBe(421);
        expect(answer.raw).not.toContain(desk.server.token);
        expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
        noPatientData(answer.raw);
      }
    }
    const noHost = await rawRequest(desk.port, 'GET /api/history HTTP/1.0\r\n\r\n');
    expect(noHost.status).toBe(421);
    noPatientData(noHost.raw);
  });

  it('the history and the event stream need the token and refuse another site’s Origin', async () => {
    const cases: [string, [string, string][]][] = [
      ['TOKEN_REQUIRED', []],
      ['TOKEN_REQUIRED', [['X-Onshikit-Token', 'x'.repeat(43)]]],
      [
        'TOKEN_REQUIRED',
        [['X-Onshikit-Token', `${desk.server.token.slice(0, -1)}${desk.server.token.endsWith('A') ? 'B' : 'A'}`]],
      ],
      ['TOKEN_REQUIRED', [['X-Onshikit-Token', desk.server.token.slice(0, 20)]]],
      [
        'ORIGIN_NOT_ALLOWED',
        [
          ['X-Onshikit-Token', desk.server.token],
          ['Origin', attackerPage],
        ],
      ],
      [
        'ORIGIN_NOT_ALLOWED',
        [
          ['X-Onshikit-Token', desk.server.token],
          ['Origin', 'null'],
        ],
      ],
      [
        'ORIGIN_NOT_ALLOWED',
        [
          ['X-Onshikit-Token', desk.server.token],
          ['Sec-Fetch-Site', 'cross-site'],
        ],
      ],
      [
        'ORIGIN_NOT_ALLOWED',
        [
          ['X-Onshikit-Token', desk.server.token],
          ['Origin', `http://127.0.0.1:${desk.port + 1}`],
          ['Sec-Fetch-Site', 'same-site'],
        ],
      ],
    ];
    for (const target of ['/api/history', `/api/history?token=${desk.server.token}`, '/api/events']) {
      for (const [code, extra] of cases) {
        const answer = await rawRequest(
          desk.port,
          buildRequest('GET', target, [['Host', host()], ...extra, ['Connection', 'close']]),
        );
        expect(answer.status).toBe(403);
        expect(JSON.parse(answer.body).error.code).toBe(code);
        noPatientData(answer.raw);
      }
    }
    // The page itself gets the history.
    const own = await fetch(new URL('/api/history', desk.server.url), { headers: pageHeaders(desk) });
    expect(own.status).toBe(200);
    const history = JSON.stringify(await own.json());
    expect(markers.filter((marker) => history.includes(marker)).length).toBeGreaterThan(0);
  });

  it('the token reaches only the page: in a meta tag of the HTML, with framing and foreign scripts refused', async () => {
    const page = await rawRequest(
      desk.port,
      buildRequest('GET', '/', [
        ['Host', `localhost:${desk.port}`],
        ['Connection', 'close'],
      ]),
    );
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<meta name="onshikit-token" content="${desk.server.token}">`);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('access-control-allow-origin')).toBeUndefined();
    const script = await rawRequest(
      desk.port,
      buildRequest('GET', '/assets/app.js', [
        ['Host', `[::1]:${desk.port}`],
        ['Connection', 'close'],
      ]),
    );
    expect(script.status).toBe(200);
    expect(script.body).not.toContain(desk.server.token);
    const preflight = await rawRequest(
      desk.port,
      buildRequest('OPTIONS', '/api/pin', [
        ['Host', host()],
        ['Origin', attackerPage],
        ['Access-Control-Request-Method', 'POST'],
        ['Access-Control-Request-Headers', 'x-onshikit-token,content-type'],
        ['Connection', 'close'],
      ]),
    );
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeUndefined();
    expect(preflight.headers.get('access-control-allow-headers')).toBeUndefined();
  });
});

describe('requests that used to crash or hang the server', () => {
  it('a malformed URL (/%E0%A4%A) is a 400 and the server keeps serving', async () => {
    for (const target of [
      '/%E0%A4%A',
      '/%',
      '/%ZZ',
      '/assets/%C0%AF',
      '/%00',
      '/api/%E0%A4%A',
      '/..%2f..%2fetc%2fpasswd',
      '/../../etc/passwd',
      '//attacker.example/',
      'http://attacker.example/api/history',
      '*',
    ]) {
      const answer = await rawRequest(
        desk.port,
        buildRequest('GET', target, [
          ['Host', host()],
          ['X-Onshikit-Token', desk.server.token],
          ['Connection', 'close'],
        ]),
      );
      expect([400, 404], target).toContain(answer.status);
      noPatientData(answer.raw);
    }
    expect((await fetch(desk.server.url)).status).toBe(200);
  });

  it('an oversized body is refused (declared or streamed) without reading it all', async () => {
    const headers = (extra: [string, string][]): [string, string][] => [
      ['Host', host()],
      ['Origin', desk.origin],
      ['X-Onshikit-Token', desk.server.token],
      ['Content-Type', 'application/json'],
      ['Connection', 'close'],
      ...extra,
    ];
    const declared = await rawRequest(
      desk.port,
      buildRequest('POST', '/api/pin', headers([['Content-Length', String(50 * 1024 * 1024)]]), '{"digits":'),
    );
    expect(declared.status).toBe(413);
    const big = `{"digits":"1234","pad":"${'x'.repeat(64 * 1024)}"}`;
    const chunked = `${(Buffer.byteLength(big)).toString(16)}\r\n${big}\r\n0\r\n\r\n`;
    const streamed = await rawRequest(
      desk.port,
      buildRequest('POST', '/api/checks', headers([['Transfer-Encoding', 'chunked']]), chunked),
    );
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body).error.code).toBe('BODY_TOO_LARGE');
    const headerFlood = await rawRequest(
      desk.port,
      buildRequest('GET', '/', [
        ['Host', host()],
        ['X-Pad', 'y'.repeat(64 * 1024)],
        ['Connection', 'close'],
      ]),
    );
    expect(headerFlood.status).toBe(431);
    expect((await fetch(desk.server.url)).status).toBe(200);
  });

  it('a client that never finishes its headers is cut off (408), and the server keeps serving', async () => {
    const answer = await rawRequest(desk.port, `GET / HTTP/1.1\r\nHost: ${host()}\r\nX-Slow: `);
    expect([0, 408]).toContain(answer.status);
    const body = await rawRequest(
      desk.port,
      buildRequest(
        'POST',
        '/api/checks/current/cancel',
        [
          ['Host', host()],
          ['Origin', desk.origin],
          ['X-Onshikit-Token', desk.server.token],
          ['Content-Type', 'application/json'],
          ['Content-Length', '100'],
        ],
        '{',
      ),
    );
    expect([0, 408]).toContain(body.status);
    expect((await fetch(desk.server.url)).status).toBe(200);
  });

  it('a PIN inside a broken JSON body never comes back in the error', async () => {
    const from = events.events.length;
    expect((await pagePost(desk, '/api/checks', { patient: 'valid', mode: 'pin' })).status).toBe(202);
    await events.next('pin-required', from);
    const card = desk.server.desk.slot.card!;
    const pin = '9876';
    for (const body of [
      `{"digits":"${pin}"`,
      `{"digits":${pin}x}`,
      `["${pin}"]`,
      `{"digits":"${pin}"}}`,
      `"${pin}"`,
      `{"digits":"${pin}\u0000"}`,
    ]) {
      const answer = await fetch(new URL('/api/pin', desk.server.url), {
        method: 'POST',
        headers: pageHeaders(desk, true),
        body,
      });
      const text = await answer.text();
      expect(answer.status, body).toBe(400);
      expect(text).not.toContain(pin);
    }
    const invalidUtf8 = buildRequest(
      'POST',
      '/api/pin',
      [
        ['Host', host()],
        ['Origin', desk.origin],
        ['X-Onshikit-Token', desk.server.token],
        ['Content-Type', 'application/json'],
        ['Content-Length', '20'],
        ['Connection', 'close'],
      ],
      new Uint8Array([...new TextEncoder().encode(`{"digits":"${pin}"`), 0xff, 0xfe, 0x7d, 0x20, 0x20]),
    );
    const bad = await rawRequest(desk.port, invalidUtf8);
    expect(bad.status).toBe(400);
    expect(bad.raw).not.toContain(pin);
    // Not exactly 4 ASCII digits: refused here, no VERIFY, the check still waits for the PIN.
    for (const digits of ['ĸĲĶĴ', '１２３４', '123', '12345', ' 123', 1234, null]) {
      const answer = await pagePost(desk, '/api/pin', { digits });
      expect(answer.status).toBe(400);
      expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('PIN_INVALID');
    }
    expect(card.pinState('auth')).toMatchObject({ triesLeft: 3, verified: false });
    expect((await pagePost(desk, '/api/checks/current/cancel')).status).toBe(200);
    await events.next('cancelled', from);
  });

  it('unknown routes, wrong methods and bad fields get a catalogue error that echoes nothing', async () => {
    const probe = 'PROBE-<script>-試験';
    const cases: [string, string, unknown, string][] = [
      ['POST', `/api/${encodeURIComponent(probe)}`, {}, 'NOT_FOUND'],
      ['DELETE', '/api/history', undefined, 'METHOD_NOT_ALLOWED'],
      ['GET', '/api/pin', undefined, 'METHOD_NOT_ALLOWED'],
      ['POST', '/api/checks', { patient: probe }, 'INVALID_FIELD'],
      ['POST', '/api/checks', { patient: 'valid', mode: probe }, 'INVALID_FIELD'],
      ['POST', '/api/checks/current/visual', { confirm: probe }, 'INVALID_FIELD'],
      ['POST', '/api/checks/current/visual', { confirm: true }, 'NOT_WAITING'],
      ['POST', '/api/checks/current/select', { index: 0 }, 'NOT_WAITING'],
      ['POST', '/api/pin', { digits: '1234' }, 'NOT_WAITING'],
      ['POST', '/api/checks', { ['__proto__']: { patient: 'x' }, constructor: probe }, ''],
    ];
    for (const [method, route, body, code] of cases) {
      const from = events.events.length;
      const answer = await fetch(new URL(route, desk.server.url), {
        method,
        headers: pageHeaders(desk, body !== undefined),
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await answer.text();
      expect(text).not.toContain('PROBE');
      if (code === '') {
        expect(answer.status).toBe(202); // unknown keys are ignored; the default patient is checked
        expect((await pagePost(desk, '/api/checks/current/cancel')).status).toBe(200);
        await events.next('cancelled', from);
      } else {
        expect(JSON.parse(text).error.code, `${method} ${route}`).toBe(code);
        expect(JSON.parse(text).error.messages.ja.length).toBeGreaterThan(0);
      }
    }
  });
});
