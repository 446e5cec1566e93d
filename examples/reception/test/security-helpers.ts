/**
 * Shared set-up of the reception server's security tests: a server on a throw-away page folder,
 * the page's own way of calling it (token header, same-origin `Origin`), an event-stream reader,
 * and the patient data that must never reach a request failing the checks.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  startReceptionServer,
  type ReceptionServer,
  type ReceptionServerLimits,
} from '../src/server/reception-server.js';

/** A started server with its folders. */
export interface TestDesk {
  readonly server: ReceptionServer;
  readonly port: number;
  readonly origin: string;
  /** Stops the server and removes its folders. */
  close(): Promise<void>;
}

/** Starts a server whose page folder holds a tiny page and one script. */
export async function startTestDesk(limits: Partial<ReceptionServerLimits> = {}): Promise<TestDesk> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'onshikit-security-data-'));
  const staticDir = await mkdtemp(path.join(tmpdir(), 'onshikit-security-page-'));
  await mkdir(path.join(staticDir, 'assets'));
  await writeFile(
    path.join(staticDir, 'index.html'),
    '<!doctype html><html><head><title>desk</title></head><body>desk</body></html>',
  );
  await writeFile(path.join(staticDir, 'assets', 'app.js'), 'console.log("desk");\n');
  const server = await startReceptionServer({ staticDir, dataDir, limits });
  const port = Number(new URL(server.url).port);
  return {
    server,
    port,
    origin: `http://127.0.0.1:${port}`,
    async close() {
      await server.close();
      for (const dir of [dataDir, staticDir]) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The headers the real page sends. */
export function pageHeaders(desk: TestDesk, json = false): Record<string, string> {
  return {
    'x-onshikit-token': desk.server.token,
    origin: desk.origin,
    ...(json ? { 'content-type': 'application/json' } : {}),
  };
}

/** POSTs JSON as the page does. */
export function pagePost(desk: TestDesk, route: string, body: unknown = {}): Promise<Response> {
  return fetch(new URL(route, desk.server.url), {
    method: 'POST',
    headers: pageHeaders(desk, true),
    body: JSON.stringify(body),
  });
}

/** One event of the stream. */
export type StreamEvent = { readonly type: string } & Record<string, unknown>;

/** The page's event stream, read in the background. */
export interface EventReader {
  readonly events: StreamEvent[];
  /** Resolves with the first event of `type` after the `from`-th event. */
  next(type: string, from?: number): Promise<StreamEvent>;
  close(): void;
}

/** Opens `/api/events` with the page's token. */
export async function openEvents(desk: TestDesk): Promise<EventReader> {
  const controller = new AbortController();
  const response = await fetch(new URL('/api/events', desk.server.url), {
    headers: pageHeaders(desk),
    signal: controller.signal,
  });
  if (response.status !== 200 || !response.body) throw new Error(`event stream refused: ${response.status}`);
  const events: StreamEvent[] = [];
  const waiters = new Set<() => void>();
  void (async () => {
    let buffer = '';
    try {
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (frame.startsWith('data: ')) events.push(JSON.parse(frame.slice(6)) as StreamEvent);
          end = buffer.indexOf('\n\n');
        }
        for (const wake of waiters) wake();
      }
    } catch {
      // closed
    }
  })();
  return {
    events,
    next(type, from = 0) {
      return new Promise((resolve) => {
        const look = () => {
          const found = events.slice(from).find((e) => e.type === type);
          if (found) {
            waiters.delete(look);
            resolve(found);
          }
        };
        waiters.add(look);
        look();
      });
    },
    close: () => controller.abort(),
  };
}

/** Runs a visual check for `patient` to the end through the page's API; returns its last event. */
export async function runVisualCheck(desk: TestDesk, events: EventReader, patient = 'valid'): Promise<StreamEvent> {
  const from = events.events.length;
  const started = await pagePost(desk, '/api/checks', { patient, mode: 'visual' });
  if (started.status !== 202) throw new Error(`start refused: ${started.status}`);
  await events.next('visual-confirmation-required', from);
  const confirmed = await pagePost(desk, '/api/checks/current/visual', { confirm: true });
  if (confirmed.status !== 200) throw new Error(`confirm refused: ${confirmed.status}`);
  return Promise.race([events.next('done', from), events.next('failed', from), events.next('cancelled', from)]);
}

/** Strings that identify the patients saved so far: names, kana, birth dates, insurer numbers. */
export async function patientMarkers(desk: TestDesk): Promise<string[]> {
  const page = await desk.server.desk.store.listChecks({ limit: 50 });
  const markers = new Set<string>();
  for (const check of page.items) {
    const r = check.result;
    if (!r) continue;
    for (const value of [r.name, r.nameKana, r.birthDate, r.insurerNumber])
      if (value && value.length >= 6) markers.add(value);
  }
  return [...markers];
}
