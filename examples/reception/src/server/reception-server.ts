/**
 * The web demo's local server: serves the built page and runs the reception workflow for it.
 * The card reader is on this machine (the built-in simulator by default), so the workflow runs
 * here; the page shows states and sends the staff's decisions.
 *
 * Vendors copy this file, so it is written to be safe next to a browser that has other sites
 * open and other users on the PC (see docs/security.md):
 * - listens on 127.0.0.1 only; answers only to `Host: 127.0.0.1|localhost|[::1]:<port>`;
 * - every `/api/` request needs the per-launch token (sent in the page's HTML) in the
 *   `x-onshikit-token` header, and no cross-site `Origin`/`Sec-Fetch-Site`; every POST needs a
 *   same-origin `Origin` and an `application/json` body of at most `maxBodyBytes`;
 * - header and request time are bounded, event streams are capped and a slow reader is dropped;
 * - every failure is a JSON error from a fixed catalogue that echoes nothing from the request.
 *
 * 新患登録 (registration prefill from the card) has its own routes under `/api/registrations`
 * (registration-routes.ts), behind the same guards.
 *
 * The HTTP PIN pad is for the demo. In production collect the PIN in-process (the USB keypad of
 * `@onshikit/keypad-hid`, or a {@link PinSource} in the vendor's own desktop UI) so it never
 * crosses HTTP at all.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCallbackPinSource } from '@onshikit/eligibility';
import type { CheckHandle, EligibilityResult, PinSource, WorkflowEvent } from '@onshikit/eligibility';
import { Desk, type ReaderChoice } from '../desk.js';
import { DEMO_PATIENTS, findPatient } from '../patients.js';
import { sendError, sendJson, ServerError, type ServerErrorCode } from './http-errors.js';
import { readJsonBody, type JsonFields } from './json-body.js';
import { pinBytes } from './pin-field.js';
import { createRegistrationRoutes } from './registration-routes.js';
import { createRequestGuard, isJsonContentType, newToken, type RequestGuard } from './request-guard.js';
import { SseHub } from './sse-hub.js';
import { serveStatic } from './static-files.js';

/** Bounds of the server; the defaults suit the demo. */
export interface ReceptionServerLimits {
  /** Largest request body (bytes). Default 8 KiB (the biggest real body is ~60 bytes). */
  readonly maxBodyBytes: number;
  /** Time to receive the request headers (ms). Default 10 s. */
  readonly headersTimeoutMs: number;
  /** Time to receive the whole request (ms). Default 20 s. */
  readonly requestTimeoutMs: number;
  /** Event streams open at once. Default 8. */
  readonly maxEventStreams: number;
  /** Bytes that may wait unread in one event stream before it is closed. Default 1 MiB. */
  readonly maxStreamBufferedBytes: number;
  /** Heartbeat interval of the event streams (ms). Default 15 s. */
  readonly heartbeatMs: number;
}

const DEFAULT_LIMITS: ReceptionServerLimits = {
  maxBodyBytes: 8 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 20_000,
  maxEventStreams: 8,
  maxStreamBufferedBytes: 1024 * 1024,
  heartbeatMs: 15_000,
};

export interface ReceptionServerOptions {
  /** Folder with the built page (`vite build` output). */
  readonly staticDir: string;
  /** Folder for the SQLite store and file-link folders. */
  readonly dataDir: string;
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  readonly reader?: ReaderChoice;
  readonly service?: string;
  /** Overrides some {@link ReceptionServerLimits}. */
  readonly limits?: Partial<ReceptionServerLimits>;
}

export interface ReceptionServer {
  /** `http://127.0.0.1:<port>/`. */
  readonly url: string;
  readonly desk: Desk;
  /**
   * The launch token. The page reads it from its HTML; it is exposed for tests and for a
   * launcher that embeds the page. Never print it or put it in a URL.
   */
  readonly token: string;
  /** Event streams open now and dropped so far for not reading. */
  readonly streams: { readonly open: number; readonly dropped: number };
  close(): Promise<void>;
}

type Handler = (fields: JsonFields, res: ServerResponse) => Promise<void> | void;

/** Starts the server on 127.0.0.1 and opens the desk (reader, service, store, workflow). */
export async function startReceptionServer(options: ReceptionServerOptions): Promise<ReceptionServer> {
  const limits: ReceptionServerLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const token = newToken();
  const hub = new SseHub({
    maxClients: limits.maxEventStreams,
    maxBufferedBytes: limits.maxStreamBufferedBytes,
    heartbeatMs: limits.heartbeatMs,
  });
  let pendingPin: { digits: number; answer: (pin: Uint8Array) => void } | undefined;
  let current: CheckHandle | undefined;
  let choices: readonly EligibilityResult[] = [];

  const pinSource: PinSource = createCallbackPinSource(
    ({ digits, signal }) =>
      new Promise<Uint8Array>((resolve, reject) => {
        const entry = { digits, answer: resolve };
        pendingPin = entry;
        signal?.addEventListener(
          'abort',
          () => {
            if (pendingPin === entry) pendingPin = undefined;
            reject(new Error('cancelled'));
          },
          { once: true },
        );
      }),
  );
  const desk = await Desk.open({
    reader: options.reader ?? 'sim',
    service: options.service ?? 'http',
    mode: 'visual',
    dataDir: options.dataDir,
    pinSource,
  });

  const running = () => current !== undefined && !['done', 'failed', 'cancelled'].includes(current.state);
  const field = (fields: JsonFields, name: string): unknown => fields.get(name);
  const flag = (fields: JsonFields, name: string): boolean => {
    const value = field(fields, name);
    if (typeof value !== 'boolean') throw new ServerError('INVALID_FIELD');
    return value;
  };
  const waiting = (what: 'visual' | 'last-try' | 'selection'): CheckHandle => {
    if (!current || current.waitingFor !== what) throw new ServerError('NOT_WAITING');
    return current;
  };

  const registrations = createRegistrationRoutes({
    desk,
    broadcast: (event) => hub.broadcast(event),
    checkRunning: running,
  });

  const onEvent = (event: WorkflowEvent) => {
    if (event.type === 'selection-required') choices = event.results;
    hub.broadcast(event);
  };

  const posts = new Map<string, Handler>([
    [
      '/api/checks',
      async (fields, res) => {
        const patientId = field(fields, 'patient') ?? 'valid';
        const mode = field(fields, 'mode') ?? 'visual';
        if (typeof patientId !== 'string' || !DEMO_PATIENTS.some((p) => p.id === patientId))
          throw new ServerError('INVALID_FIELD');
        if (mode !== 'visual' && mode !== 'pin') throw new ServerError('INVALID_FIELD');
        if (running()) throw new ServerError('CHECK_RUNNING');
        if (registrations.running()) throw new ServerError('REGISTRATION_RUNNING');
        desk.slot.remove();
        choices = [];
        const check = desk.workflow.startCheck({ identityMode: mode, onEvent });
        current = check;
        hub.broadcast({ type: 'card-status', status: 'waiting' });
        void check.done.then(() => {
          pendingPin = undefined;
          desk.slot.remove();
          hub.broadcast({ type: 'card-status', status: 'removed' });
        });
        await desk.presentPatient(findPatient(patientId));
        hub.broadcast({ type: 'card-status', status: 'present' });
        sendJson(res, 202, { checkId: check.checkId });
      },
    ],
    [
      '/api/checks/current/visual',
      (fields, res) => {
        const confirm = flag(fields, 'confirm');
        const check = waiting('visual');
        if (confirm) check.confirmVisual();
        else check.rejectVisual();
        sendJson(res, 200, {});
      },
    ],
    [
      '/api/checks/current/last-try',
      (fields, res) => {
        const confirm = flag(fields, 'confirm');
        const check = waiting('last-try');
        if (confirm) check.confirmLastTry();
        else check.declineLastTry();
        sendJson(res, 200, {});
      },
    ],
    [
      '/api/checks/current/select',
      (fields, res) => {
        const index = field(fields, 'index');
        const check = waiting('selection');
        if (!Number.isInteger(index) || (index as number) < 0 || (index as number) >= choices.length)
          throw new ServerError('INVALID_FIELD');
        check.selectResult(index as number);
        sendJson(res, 200, {});
      },
    ],
    [
      '/api/checks/current/cancel',
      (_fields, res) => {
        if (running()) current?.cancel('staff');
        sendJson(res, 200, {});
      },
    ],
    [
      '/api/pin',
      (fields, res) => {
        const pending = pendingPin;
        if (!pending) throw new ServerError('NOT_WAITING');
        const pin = pinBytes(field(fields, 'digits'), pending.digits);
        pendingPin = undefined;
        pending.answer(pin); // the pin source copies and zeroes these bytes
        sendJson(res, 200, {});
      },
    ],
    ...registrations.posts,
  ]);

  const gets = new Map<string, (res: ServerResponse) => Promise<void> | void>([
    ['/api/events', (res) => hub.add(res)],
    [
      '/api/patients',
      (res) =>
        sendJson(
          res,
          200,
          DEMO_PATIENTS.map(({ id, ja, en }) => ({ id, ja, en })),
        ),
    ],
    [
      '/api/history',
      async (res) => {
        const page = await desk.store.listChecks({ limit: 50 });
        sendJson(
          res,
          200,
          page.items.map((c) => ({
            checkId: c.checkId,
            checkedAt: c.checkedAt,
            mode: c.mode,
            outcome: c.outcome,
            insurerNumber: c.insurerNumber ?? '',
            name: c.result?.name ?? '',
          })),
        );
      },
    ],
  ]);

  async function api(req: IncomingMessage, res: ServerResponse, guard: RequestGuard, pathname: string): Promise<void> {
    const method = req.method ?? '';
    if (!guard.tokenValid(req.headers)) throw new ServerError('TOKEN_REQUIRED');
    if (!guard.originAllowed(req.headers, method !== 'GET' && method !== 'HEAD'))
      throw new ServerError('ORIGIN_NOT_ALLOWED');
    const get = gets.get(pathname);
    const post = posts.get(pathname);
    if (!get && !post) throw new ServerError('NOT_FOUND');
    if (method === 'GET' && get) return get(res);
    if (method !== 'POST' || !post) throw new ServerError('METHOD_NOT_ALLOWED');
    if (!isJsonContentType(req.headers['content-type'])) throw new ServerError('JSON_REQUIRED');
    return post(await readJsonBody(req, limits.maxBodyBytes), res);
  }

  async function handle(req: IncomingMessage, res: ServerResponse, guard: RequestGuard): Promise<void> {
    const url = req.url ?? '';
    if (!url.startsWith('/') || url.startsWith('//')) throw new ServerError('BAD_REQUEST');
    if (!guard.hostAllowed(req.headers)) throw new ServerError('HOST_NOT_ALLOWED');
    const query = url.search(/[?#]/);
    const rawPath = query < 0 ? url : url.slice(0, query);
    if (rawPath.startsWith('/api/')) return api(req, res, guard, rawPath);
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new ServerError('METHOD_NOT_ALLOWED');
    let pathname: string;
    try {
      pathname = decodeURIComponent(rawPath);
    } catch {
      throw new ServerError('BAD_REQUEST'); // e.g. `/%E0%A4%A`
    }
    return serveStatic(res, options.staticDir, pathname, token);
  }

  let guard: RequestGuard | undefined;
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: 5_000,
      maxHeaderSize: 16 * 1024,
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
    },
    (req, res) => {
      res.on('error', () => res.destroy());
      req.on('error', () => res.destroy());
      const fail = (error: unknown) => {
        const code: ServerErrorCode = error instanceof ServerError ? error.code : 'INTERNAL';
        // Only the code and the error's class: a message could quote a PIN or patient data.
        if (code === 'INTERNAL')
          console.error(`reception server: internal error (${error instanceof Error ? error.name : typeof error})`);
        sendError(res, code);
      };
      try {
        if (!guard) throw new ServerError('INTERNAL');
        handle(req, res, guard).catch(fail);
      } catch (error) {
        fail(error);
      }
    },
  );
  server.maxConnections = 128;
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    // Unparseable requests, oversized headers and header/request timeouts: a bare status, no echo.
    const status =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? '408 Request Timeout'
        : error.code === 'HPE_HEADER_OVERFLOW'
          ? '431 Request Header Fields Too Large'
          : '400 Bad Request';
    if (socket.writable && error.code !== 'ECONNRESET')
      socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
    else socket.destroy();
  });
  // CONNECT and protocol upgrades are not served: answer instead of dropping the connection.
  const refuseTunnel = (_req: IncomingMessage, socket: import('node:stream').Duplex) => {
    socket.on('error', () => socket.destroy());
    socket.end('HTTP/1.1 405 Method Not Allowed\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
  };
  server.on('connect', refuseTunnel);
  server.on('upgrade', refuseTunnel);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  guard = createRequestGuard(port, token);
  return {
    url: `http://127.0.0.1:${port}/`,
    desk,
    token,
    get streams() {
      return { open: hub.size, dropped: hub.dropped };
    },
    async close() {
      if (running()) current?.cancel('server closing');
      registrations.cancel();
      hub.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await desk.close();
    },
  };
}
