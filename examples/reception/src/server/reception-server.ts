/**
 * The web demo's local server: serves the built page and runs the reception workflow for it.
 * The card reader is on this machine (the built-in simulator by default), so the workflow runs
 * here; the page shows states and sends the staff's decisions and the on-screen PIN pad's digits.
 * Listens on 127.0.0.1 only.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createCallbackPinSource } from '@onshikit/eligibility';
import type { CheckHandle, WorkflowEvent } from '@onshikit/eligibility';
import { Desk, type ReaderChoice } from '../desk.js';
import { DEMO_PATIENTS, findPatient } from '../patients.js';

export interface ReceptionServerOptions {
  /** Folder with the built page (`vite build` output). */
  readonly staticDir: string;
  /** Folder for the SQLite store and file-link folders. */
  readonly dataDir: string;
  readonly port?: number;
  readonly reader?: ReaderChoice;
  readonly service?: string;
}

export interface ReceptionServer {
  readonly url: string;
  readonly desk: Desk;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** Turns a workflow event into what the page needs (certificate summaries, results; never a PIN). */
function toWire(event: WorkflowEvent): unknown {
  return event;
}

export async function startReceptionServer(options: ReceptionServerOptions): Promise<ReceptionServer> {
  const clients = new Set<ServerResponse>();
  let pendingPin: ((digits: string) => void) | undefined;
  let current: CheckHandle | undefined;

  const broadcast = (payload: unknown) => {
    const line = `data: ${JSON.stringify(payload)}\n\n`;
    for (const client of clients) client.write(line);
  };

  const pinSource = createCallbackPinSource(
    ({ signal }) =>
      new Promise<string>((resolve, reject) => {
        pendingPin = resolve;
        signal?.addEventListener('abort', () => reject(new Error('cancelled')), { once: true });
      }),
  );
  const desk = await Desk.open({
    reader: options.reader ?? 'sim',
    service: options.service ?? 'http',
    mode: 'visual',
    dataDir: options.dataDir,
    pinSource,
  });

  async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
    let body = '';
    for await (const chunk of req) {
      body += String(chunk);
      if (body.length > 10_000) throw new Error('body too large');
    }
    return body ? (JSON.parse(body) as Record<string, unknown>) : {};
  }

  function json(res: ServerResponse, status: number, value: unknown): void {
    const body = JSON.stringify(value);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(body);
  }

  async function api(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method === 'GET' && pathname === '/api/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (req.method === 'GET' && pathname === '/api/patients') {
      return json(res, 200, DEMO_PATIENTS.map(({ id, ja, en }) => ({ id, ja, en })));
    }
    if (req.method === 'GET' && pathname === '/api/history') {
      const page = await desk.store.listChecks({ limit: 50 });
      return json(
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
    }
    if (req.method !== 'POST') return json(res, 404, { error: 'not found' });
    const body = await readJson(req);
    switch (pathname) {
      case '/api/checks': {
        if (current && !['done', 'failed', 'cancelled'].includes(current.state)) return json(res, 409, { error: 'a check is running' });
        const patient = findPatient(String(body.patient ?? 'valid'));
        const mode = body.mode === 'pin' ? 'pin' : 'visual';
        desk.slot.remove();
        const check = desk.workflow.startCheck({ identityMode: mode, onEvent: (event) => broadcast(toWire(event)) });
        current = check;
        broadcast({ type: 'card-status', status: 'waiting' });
        await desk.presentPatient(patient);
        broadcast({ type: 'card-status', status: 'present' });
        void check.done.then(() => {
          desk.slot.remove();
          broadcast({ type: 'card-status', status: 'removed' });
        });
        return json(res, 202, { checkId: check.checkId });
      }
      case '/api/checks/current/visual':
        current?.[body.confirm === true ? 'confirmVisual' : 'rejectVisual']();
        return json(res, 200, {});
      case '/api/checks/current/last-try':
        current?.[body.confirm === true ? 'confirmLastTry' : 'declineLastTry']();
        return json(res, 200, {});
      case '/api/checks/current/select':
        current?.selectResult(Number(body.index ?? 0));
        return json(res, 200, {});
      case '/api/checks/current/cancel':
        current?.cancel('staff');
        return json(res, 200, {});
      case '/api/pin': {
        const digits = typeof body.digits === 'string' ? body.digits : '';
        const resolve = pendingPin;
        pendingPin = undefined;
        if (!resolve) return json(res, 409, { error: 'no PIN requested' });
        resolve(digits);
        return json(res, 200, {});
      }
      default:
        return json(res, 404, { error: 'not found' });
    }
  }

  async function serveFile(res: ServerResponse, pathname: string): Promise<void> {
    const root = path.resolve(options.staticDir);
    const file = path.resolve(root, `.${pathname.endsWith('/') ? `${pathname}index.html` : pathname}`);
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404).end();
    }
  }

  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const handler = pathname.startsWith('/api/') ? api(req, res, pathname) : serveFile(res, pathname);
    handler.catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, { error: error instanceof Error ? error.message : 'internal error' });
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    desk,
    async close() {
      current?.cancel('server closing');
      for (const client of clients) client.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await desk.close();
    },
  };
}
