/**
 * The reception server's guard pieces on their own: the Host/Origin/token/content-type checks as
 * properties, the event-stream hub under a client that never reads, and the page-file server
 * facing links, FIFOs and folders where a file is expected.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendError } from '../src/server/http-errors.js';
import {
  createRequestGuard,
  isJsonContentType,
  loopbackHosts,
  newToken,
  TOKEN_HEADER,
} from '../src/server/request-guard.js';
import { SseHub } from '../src/server/sse-hub.js';
import { serveStatic, withToken } from '../src/server/static-files.js';
import { buildRequest, rawRequest } from './raw-http.js';

describe('request guard', () => {
  const port = 5180;
  const token = newToken();
  const guard = createRequestGuard(port, token);

  it('answers only to the loopback names with the bound port, whatever the case', () => {
    for (const host of loopbackHosts(port)) {
      expect(guard.hostAllowed({ host })).toBe(true);
      expect(guard.hostAllowed({ host: host.toUpperCase() })).toBe(true);
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (host) => {
        expect(guard.hostAllowed({ host })).toBe(loopbackHosts(port).includes(host.toLowerCase()));
      }),
      { seed: 14 },
    );
    expect(guard.hostAllowed({})).toBe(false);
  });

  it('refuses another Origin or a cross-site fetch, and a POST without Origin', () => {
    expect(guard.originAllowed({}, false)).toBe(true);
    expect(guard.originAllowed({}, true)).toBe(false);
    expect(guard.originAllowed({ origin: 'http://127.0.0.1:5180', 'sec-fetch-site': 'same-origin' }, true)).toBe(true);
    for (const origin of [
      'null',
      'http://attacker.example',
      'https://127.0.0.1:5180',
      'http://127.0.0.1:5181',
      'http://127.0.0.1:5180/',
      'http://127.0.0.1:5180, http://attacker.example',
    ]) {
      expect(guard.originAllowed({ origin }, false), origin).toBe(false);
    }
    for (const site of ['cross-site', 'same-site', ''])
      expect(guard.originAllowed({ 'sec-fetch-site': site }, false)).toBe(false);
    fc.assert(
      fc.property(fc.webUrl(), (origin) => {
        expect(guard.originAllowed({ origin }, true)).toBe(guard.origins.has(origin.toLowerCase()));
      }),
      { seed: 14 },
    );
  });

  it('accepts only the exact token (43 base64url characters, new each launch)', () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(token);
    expect(guard.tokenValid({ [TOKEN_HEADER]: token })).toBe(true);
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (value) => {
        expect(guard.tokenValid({ [TOKEN_HEADER]: value })).toBe(value === token);
      }),
      { seed: 14 },
    );
    expect(guard.tokenValid({})).toBe(false);
  });

  it('takes only application/json (optionally charset=utf-8) as a body type', () => {
    for (const type of ['application/json', 'Application/JSON; charset=UTF-8', 'application/json;charset="utf-8"'])
      expect(isJsonContentType(type)).toBe(true);
    for (const type of [
      undefined,
      '',
      'text/plain',
      'text/plain; a=application/json',
      'application/json-patch+json',
      'application/json; charset=latin1',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
    ]) {
      expect(isJsonContentType(type), String(type)).toBe(false);
    }
    fc.assert(
      fc.property(fc.string(), (value) => void isJsonContentType(value)),
      { seed: 14 },
    );
  });

  it('writes the token into the page head as a meta tag and nothing else', () => {
    expect(withToken('<html><head lang="ja"><title>x</title></head></html>', 'abc')).toBe(
      '<html><head lang="ja"><meta name="onshikit-token" content="abc"><title>x</title></head></html>',
    );
    expect(withToken('<p>no head</p>', 'a"b<c')).toBe('<meta name="onshikit-token" content="abc"><p>no head</p>');
  });
});

describe('event streams', () => {
  let server: Server;
  let hub: SseHub;
  const sockets: Socket[] = [];
  const responses: ServerResponse[] = [];

  beforeAll(async () => {
    hub = new SseHub({ maxClients: 3, maxBufferedBytes: 256 * 1024, heartbeatMs: 60_000 });
    server = createServer((_req, res) => {
      responses.push(res);
      hub.add(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    hub.close();
    for (const socket of sockets) socket.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const open = async (): Promise<Socket> => {
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
    sockets.push(socket);
    await new Promise<void>((resolve) =>
      socket.once('data', () => resolve()).write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'),
    );
    return socket;
  };

  it('a client that stops reading is dropped; what waits for it stays bounded', async () => {
    const stalled = await open();
    stalled.pause();
    const event = { type: 'progress', pad: 'x'.repeat(64 * 1024) };
    let maxBuffered = 0;
    for (let i = 0; i < 2_000 && hub.size > 0; i++) {
      hub.broadcast(event);
      await new Promise((resolve) => setImmediate(resolve));
      maxBuffered = Math.max(maxBuffered, ...responses.map((res) => res.writableLength));
    }
    expect(hub.size).toBe(0);
    expect(maxBuffered).toBeGreaterThan(0);
    expect(maxBuffered).toBeLessThanOrEqual(256 * 1024);
    expect(hub.dropped).toBe(1);
  });

  it('at most maxClients streams: a new one closes the oldest', async () => {
    const first = await open();
    let received = '';
    const closed = new Promise<void>((resolve) =>
      first.on('data', (chunk: Buffer) => {
        received += chunk.toString('latin1');
        if (received.endsWith('0\r\n\r\n')) resolve(); // the last chunk: the stream has ended
      }),
    );
    await open();
    await open();
    expect(hub.size).toBe(3);
    await open();
    expect(hub.size).toBe(3);
    await closed;
  });
});

describe('page files', () => {
  let root = '';
  let outside = '';
  let server: Server;
  let port = 0;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'onshikit-static-'));
    outside = await mkdtemp(path.join(tmpdir(), 'onshikit-outside-'));
    await writeFile(path.join(root, 'index.html'), '<html><head></head><body>page</body></html>');
    await writeFile(path.join(outside, 'secret.txt'), 'SECRET-OUTSIDE');
    await symlink(path.join(outside, 'secret.txt'), path.join(root, 'link.txt'));
    await symlink('/dev/zero', path.join(root, 'zero.js'));
    execFileSync('mkfifo', [path.join(root, 'fifo.js')]);
    server = createServer((req, res) => {
      serveStatic(res, root, decodeURIComponent(req.url ?? '/'), 'tok').catch((error: { code?: string }) =>
        sendError(res, error.code === 'NOT_FOUND' ? 'NOT_FOUND' : 'INTERNAL'),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    for (const dir of [root, outside]) await rm(dir, { recursive: true, force: true });
  });

  it('serves the page with the token, and refuses links, FIFOs, /dev/zero and folders without hanging', async () => {
    const get = (target: string) =>
      rawRequest(
        port,
        buildRequest('GET', target, [
          ['Host', 'x'],
          ['Connection', 'close'],
        ]),
      );
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('content="tok"');
    for (const target of [
      '/link.txt',
      '/zero.js',
      '/fifo.js',
      '/missing.js',
      '/../' + path.basename(outside) + '/secret.txt',
    ]) {
      const answer = await get(target);
      expect(answer.status, target).toBe(404);
      expect(answer.raw).not.toContain('SECRET-OUTSIDE');
    }
    await writeFile(path.join(root, 'sub.html'), 'x');
    expect((await get('/sub.html')).status).toBe(200);
  });
});
