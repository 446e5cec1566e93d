// The demo flow from the packed packages (ESM): virtual card -> workflow -> simulated HTTP
// service -> SQLite store, one visual check, as a vendor's first program would do it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HttpEligibilityService, ReceptionWorkflow, createCallbackPinSource, transportCardSource } from '@onshikit/eligibility';
import { SimulatedPopulation, VirtualMyNumberCard, cardProfiles, createInProcessTransport, startSimulatedEligibilityServer } from '@onshikit/simulator';
import { SqliteRececonStore } from '@onshikit/store-sqlite';

const card = await VirtualMyNumberCard.create(cardProfiles.standard());
const population = new SimulatedPopulation().assign(card.authCertificateSerial, 'valid');
const server = await startSimulatedEligibilityServer({ population });
const store = SqliteRececonStore.open({ filename: path.join(mkdtempSync(path.join(tmpdir(), 'release-smoke-')), 'rececon.sqlite') });
try {
  const workflow = new ReceptionWorkflow({
    service: new HttpEligibilityService({ baseUrl: server.url }),
    cards: transportCardSource(async () => createInProcessTransport(card)),
    pinSource: createCallbackPinSource(() => '1234'),
    store,
    settings: { institutionCode: '0110000001', identityMode: 'visual' },
  });
  const check = workflow.startCheck({ onEvent: (e) => e.type === 'visual-confirmation-required' && check.confirmVisual() });
  const summary = await check.done;
  if (summary.state !== 'done' || summary.result?.validity !== 1 || !summary.saved) throw new Error(`unexpected summary: ${JSON.stringify(summary.error ?? summary.state)}`);
  const saved = await store.getCheck(summary.checkId);
  if (!saved) throw new Error('the check was not saved');
  console.log(`ESM reception flow: ${summary.outcome}, ${summary.result.insurerNumber}, saved ${summary.checkId}`);
} finally {
  await store.close();
  await server.close();
}
