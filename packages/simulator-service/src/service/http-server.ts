/**
 * The simulated eligibility service's HTTP side: a server on 127.0.0.1 answering the JSON
 * mirror of XmlMsg that `HttpEligibilityService` speaks (`GET /challenge`,
 * `POST /qualification`), from a {@link SimulatedPopulation}, with injectable faults.
 * @module
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bytesToBase64, eligibilityRequestFromTree, eligibilityResponseToTree } from '@onshikit/eligibility/xml';
import { consume, delay, type ServiceFaults } from './faults.js';
import type { SimulatedPopulation } from './population.js';

/** A running simulated HTTP service. */
export interface SimulatedEligibilityServer {
  /** Base URL for `HttpEligibilityService`, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Fault settings; change them between calls. */
  readonly faults: ServiceFaults;
  /** Requests received per path (for assertions such as "POST was not retried"). */
  readonly hits: Record<string, number>;
  close(): Promise<void>;
}

/** Options of {@link startSimulatedEligibilityServer}. */
export interface SimulatedEligibilityServerOptions {
  readonly population: SimulatedPopulation;
  readonly faults?: ServiceFaults;
  /** Required `authorization` header value, if any (401 otherwise). */
  readonly authorization?: string;
}

const MAX_BODY = 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** Starts the server on an ephemeral loopback port. */
export async function startSimulatedEligibilityServer(
  options: SimulatedEligibilityServerOptions,
): Promise<SimulatedEligibilityServer> {
  const faults: ServiceFaults = options.faults ?? {};
  const hits: Record<string, number> = {};
  const pending = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, '{"error":"internal"}');
      else res.destroy();
    });
  });
  // Keep-alive sockets would hold close() open.
  server.keepAliveTimeout = 1000;
  // Answer without Nagle's delay (loopback round trips would otherwise wait for delayed ACKs).
  server.on('connection', (socket) => socket.setNoDelay(true));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const key = `${req.method ?? ''} ${new URL(req.url ?? '/', 'http://x').pathname}`;
    hits[key] = (hits[key] ?? 0) + 1;
    const body = await readBody(req);
    if (faults.latencyMs) await delay(faults.latencyMs);
    if (consume(faults, 'dropNext')) {
      pending.add(res);
      return;
    }
    if (options.authorization !== undefined && req.headers.authorization !== options.authorization)
      return send(res, 401, '{"error":"unauthorized"}');
    if (consume(faults, 'unavailableNext')) return send(res, 503, '{"error":"unavailable"}');
    if (consume(faults, 'malformedNext')) return send(res, 200, '{"XmlMsg": {"MessageHeader": ');
    if (key === 'GET /challenge')
      return send(res, 200, JSON.stringify({ challenge: bytesToBase64(options.population.issueChallenge()) }));
    if (key !== 'POST /qualification') return send(res, 404, '{"error":"not found"}');
    if (body === undefined) return send(res, 413, '{"error":"too large"}');
    let query: ReturnType<typeof eligibilityRequestFromTree>;
    try {
      const parsed = JSON.parse(body) as { XmlMsg?: unknown };
      if (typeof parsed.XmlMsg !== 'object' || parsed.XmlMsg === null) throw new Error('no XmlMsg');
      query = eligibilityRequestFromTree(parsed.XmlMsg as Record<string, unknown>);
    } catch {
      return send(res, 400, '{"error":"bad request"}');
    }
    const response = await options.population.answer(query);
    send(res, 200, JSON.stringify({ XmlMsg: eligibilityResponseToTree(response) }));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    faults,
    hits,
    close: async () => {
      for (const res of pending) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
