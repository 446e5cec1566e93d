// The eligibility service side of the benches, in-process: a relay on 127.0.0.1 speaking the JSON
// mirror of XmlMsg that HttpEligibilityService sends (GET /challenge, POST /qualification,
// docs/relay-openapi.yaml) and answering every query with one valid result (30 %). It judges
// nothing (no certificate or signature check, unlike @onshikit/simulator-service's population):
// the benches measure the workflow and the card, and the service is a port they time from outside.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildEligibilityResult, type EligibilityResponse } from '@onshikit/eligibility';
import { bytesToBase64, eligibilityRequestFromTree, eligibilityResponseToTree } from '@onshikit/eligibility/xml';
import { sampleResultInput } from '@onshikit/eligibility/testing';

const MAX_BODY = 64 * 1024;

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > MAX_BODY) return undefined;
  }
  return body;
}

/** Starts the relay on an ephemeral loopback port; `close()` stops it. */
export async function startLoopbackRelay(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const reply = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    void (async () => {
      const body = await readBody(req);
      if (req.method === 'GET' && req.url === '/challenge')
        return reply(200, { challenge: bytesToBase64(crypto.getRandomValues(new Uint8Array(32))) });
      if (req.method !== 'POST' || req.url !== '/qualification' || body === undefined) return reply(404, {});
      const query = eligibilityRequestFromTree((JSON.parse(body) as { XmlMsg: Record<string, unknown> }).XmlMsg);
      const referenceClassification = query.kind === 'card' ? 1 : 2;
      const response: EligibilityResponse = {
        header: {
          processedAt: `${query.checkDate}T09:00:00`,
          checkDate: query.checkDate,
          institutionCode: query.institutionCode,
          fileId: query.fileId,
          referenceClassification,
          segmentOfResult: 1,
        },
        status: 1,
        validity: 1,
        results: [buildEligibilityResult(sampleResultInput({ checkDate: query.checkDate, referenceClassification }))],
      };
      reply(200, { XmlMsg: eligibilityResponseToTree(response) });
    })().catch(() => reply(400, {}));
  });
  server.keepAliveTimeout = 1000;
  server.on('connection', (socket) => socket.setNoDelay(true));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
