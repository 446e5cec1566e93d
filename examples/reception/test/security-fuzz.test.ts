/**
 * Fuzzes every route of the reception server with random methods, request targets, headers and
 * bodies (raw bytes on a socket, so malformed requests reach the parser too), for at most 2000
 * requests or 20 s, with a fixed seed. Afterwards the server must still answer, no request may
 * have produced a 500, and no answer to a request without the token, on a foreign Host or from
 * another site may carry patient data or the token.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRequest, rawRequest } from './raw-http.js';
import {
  openEvents,
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
  desk = await startTestDesk({ headersTimeoutMs: 2_000, requestTimeoutMs: 4_000 });
  events = await openEvents(desk);
  expect((await runVisualCheck(desk, events, 'valid')).type).toBe('done');
  expect((await runVisualCheck(desk, events, 'late-elderly')).type).toBe('done');
  markers = await patientMarkers(desk);
  expect(markers.length).toBeGreaterThanOrEqual(6);
});

afterAll(async () => {
  events?.close();
  await desk?.close();
});

const ROUTES = [
  '/',
  '/index.html',
  '/assets/app.js',
  '/api/events',
  '/api/patients',
  '/api/history',
  '/api/checks',
  '/api/checks/current/visual',
  '/api/checks/current/last-try',
  '/api/checks/current/select',
  '/api/checks/current/cancel',
  '/api/pin',
  '/api/registrations',
  '/api/registrations/current/pin',
  '/api/registrations/current/last-try',
  '/api/registrations/current/cancel',
];

type Choice<T> = { readonly kind: 'none' } | { readonly kind: 'valid' } | { readonly kind: 'value'; readonly value: T };

interface FuzzRequest {
  readonly method: string;
  readonly target: string;
  readonly host: Choice<string>;
  readonly token: Choice<string>;
  readonly origin: Choice<string>;
  readonly site: string | undefined;
  readonly contentType: string | undefined;
  readonly extra: readonly [string, string][];
  readonly body: string;
  readonly chunked: boolean;
}

const choice = <T>(value: fc.Arbitrary<T>): fc.Arbitrary<Choice<T>> =>
  fc.oneof(
    { arbitrary: fc.constant<Choice<T>>({ kind: 'none' }), weight: 1 },
    { arbitrary: fc.constant<Choice<T>>({ kind: 'valid' }), weight: 3 },
    { arbitrary: value.map((v): Choice<T> => ({ kind: 'value', value: v })), weight: 1 },
  );

const headerText = fc.string({
  unit: fc.constantFrom(...'abcXYZ019 -_.:/%@[]{}"\'<>;,=?!~\t'.split('')),
  maxLength: 40,
});
const pathPart = fc.string({ unit: fc.constantFrom(..."abz019-_.~/%?#&=;:@!$()*+,'[]".split('')), maxLength: 30 });

const target = fc.oneof(
  { arbitrary: fc.constantFrom(...ROUTES), weight: 6 },
  fc.tuple(fc.constantFrom(...ROUTES), pathPart).map(([route, tail]) => route + tail),
  fc.constantFrom(
    '/%E0%A4%A',
    '/%',
    '/%00',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/../package.json',
    '//attacker.example/x',
    'http://attacker.example/api/history',
    '*',
    '/api/',
    '/api/events/',
    '/API/history',
    '/api/history?x=%E0',
  ),
  fc.string({ unit: 'binary', maxLength: 24 }).map((s) => `/${encodeURIComponent(s)}`),
  fc.string({ unit: fc.constantFrom(...'/%aE0A\\ \r\n\u0000é'.split('')), maxLength: 16 }),
);

const body = fc.oneof(
  fc.constant(''),
  fc.json({ maxDepth: 3 }),
  fc.constantFrom(
    '{"patient":"valid","mode":"pin"}',
    '{"patient":"last-try","mode":"pin"}',
    '{"confirm":true}',
    '{"confirm":false}',
    '{"index":0}',
    '{"index":1}',
    '{"digits":"1234"}',
    '{"digits":"0000"}',
    '{"__proto__":{"digits":"1"}}',
    '{"digits":"12',
  ),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.nat({ max: 20_000 }).map((n) => `{"pad":"${'x'.repeat(n)}"}`),
);

const request: fc.Arbitrary<FuzzRequest> = fc.record({
  method: fc.oneof(
    { arbitrary: fc.constantFrom('GET', 'POST'), weight: 4 },
    fc.constantFrom('HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'CONNECT'),
    fc.stringMatching(/^[A-Za-z]{1,8}$/),
  ),
  target,
  host: choice(
    fc.oneof(
      fc.constantFrom('attacker.example', 'localhost', '127.0.0.1', '[::1]:1', 'localhost.attacker.example'),
      headerText,
    ),
  ),
  token: choice(fc.oneof(headerText, fc.constantFrom('', 'null', 'undefined'))),
  origin: choice(
    fc.oneof(fc.constantFrom('http://attacker.example', 'null', 'https://127.0.0.1', 'http://localhost'), headerText),
  ),
  site: fc.option(fc.constantFrom('same-origin', 'same-site', 'cross-site', 'none', 'x'), { nil: undefined }),
  contentType: fc.option(
    fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=latin1',
      'APPLICATION/JSON',
    ),
    { nil: undefined },
  ),
  extra: fc.array(fc.tuple(fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,12}$/), headerText), { maxLength: 4 }),
  body,
  chunked: fc.boolean(),
});

/** Requests as the page sends them (every check passes), so the handlers themselves get fuzzed. */
const pageLike: fc.Arbitrary<FuzzRequest> = fc.record({
  method: fc.constantFrom('GET', 'POST'),
  target: fc.constantFrom(...ROUTES.filter((route) => route.startsWith('/api/'))),
  host: fc.constant<Choice<string>>({ kind: 'valid' }),
  token: fc.constant<Choice<string>>({ kind: 'valid' }),
  origin: fc.constant<Choice<string>>({ kind: 'valid' }),
  site: fc.constantFrom(undefined, 'same-origin'),
  contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8'),
  extra: fc.constant([]),
  body: fc.oneof(
    fc.constantFrom(
      '{"patient":"valid","mode":"pin"}',
      '{"patient":"multiple","mode":"visual"}',
      '{"patient":"last-try","mode":"pin"}',
      '{}',
      '{"confirm":true}',
      '{"confirm":false}',
      '{"index":0}',
      '{"index":1}',
      '{"index":7}',
      '{"digits":"1234"}',
      '{"digits":"9999"}',
      '{"patient":"valid","consent":true,"credential":"pin"}',
      '{"patient":"valid","consent":false}',
      '{"consent":true,"credential":"verification-number-b","verificationNumber":{"birthDateEraYymmdd":"550217","expiryYear":"2034","securityCode":"1234"}}',
    ),
    fc.json({ maxDepth: 2 }),
    fc
      .record(
        { patient: fc.string(), mode: fc.string(), confirm: fc.anything(), index: fc.anything(), digits: fc.string() },
        { requiredKeys: [] },
      )
      .map((o) => JSON.stringify(o)),
  ),
  chunked: fc.boolean(),
});

function toBytes(r: FuzzRequest): { bytes: Uint8Array; hostOk: boolean; tokenOk: boolean; originOk: boolean } {
  const headers: [string, string][] = [];
  const hostOk = r.host.kind === 'valid';
  if (r.host.kind !== 'none') headers.push(['Host', r.host.kind === 'valid' ? `localhost:${desk.port}` : r.host.value]);
  const tokenOk = r.token.kind === 'valid';
  if (r.token.kind !== 'none')
    headers.push(['X-Onshikit-Token', r.token.kind === 'valid' ? desk.server.token : r.token.value]);
  const originOk = r.origin.kind !== 'value' && (r.site === undefined || r.site === 'same-origin' || r.site === 'none');
  if (r.origin.kind !== 'none') headers.push(['Origin', r.origin.kind === 'valid' ? desk.origin : r.origin.value]);
  if (r.site !== undefined) headers.push(['Sec-Fetch-Site', r.site]);
  if (r.contentType !== undefined) headers.push(['Content-Type', r.contentType]);
  headers.push(
    ...r.extra.filter(
      ([name]) =>
        !/^(host|content-length|transfer-encoding|connection|x-onshikit-token|origin|sec-fetch-site|content-type)$/i.test(
          name,
        ),
    ),
  );
  headers.push(['Connection', 'close']);
  const payload = new TextEncoder().encode(r.body);
  if (r.chunked && payload.byteLength > 0) {
    headers.push(['Transfer-Encoding', 'chunked']);
    const framed = new Uint8Array([
      ...new TextEncoder().encode(`${payload.byteLength.toString(16)}\r\n`),
      ...payload,
      ...new TextEncoder().encode('\r\n0\r\n\r\n'),
    ]);
    return { bytes: buildRequest(r.method, r.target, headers, framed), hostOk, tokenOk, originOk };
  }
  if (payload.byteLength > 0 || r.method === 'POST') headers.push(['Content-Length', String(payload.byteLength)]);
  return { bytes: buildRequest(r.method, r.target, headers, payload), hostOk, tokenOk, originOk };
}

describe('fuzzing every route of the reception server', () => {
  it('no crash, no 500, no patient data or token to a request that fails the checks', async () => {
    const statuses = new Map<string, number>();
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof({ arbitrary: request, weight: 3 }, { arbitrary: pageLike, weight: 1 }), async (r) => {
        runs += 1;
        const { bytes, hostOk, tokenOk, originOk } = toBytes(r);
        const answer = await rawRequest(desk.port, bytes);
        const code = /"code":"([A-Z_]+)"/.exec(answer.body)?.[1] ?? '';
        const key = `${answer.status}${code ? ` ${code}` : ''}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        expect(answer.status).not.toBe(500);
        expect(answer.status).toBeGreaterThan(0); // every request gets an answer, even a 400
        const leaked = markers.some((marker) => answer.raw.includes(marker));
        if (leaked) expect(hostOk && tokenOk && originOk).toBe(true);
        if (answer.raw.includes(desk.server.token)) expect(hostOk).toBe(true);
        if (!tokenOk || !hostOk) expect(answer.raw.includes('"checkId"')).toBe(false);
      }),
      { numRuns: 2000, seed: 1414, interruptAfterTimeLimit: 20_000, endOnFailure: true },
    );
    console.log(
      `fuzz: ${runs} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a.localeCompare(b))))}`,
    );
    expect(runs).toBeGreaterThan(200);
    // Still serving: the page, and the history for the page's own request.
    expect((await fetch(desk.server.url)).status).toBe(200);
    const history = await fetch(new URL('/api/history', desk.server.url), { headers: pageHeaders(desk) });
    expect(history.status).toBe(200);
    const text = JSON.stringify(await history.json());
    expect(markers.some((marker) => text.includes(marker))).toBe(true);
  }, 60_000);
});
