// End to end (issue 7 §4): virtual card → in-process transport → workflow → each service
// adapter → simulated service → result, for every population entry and both identity modes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '@onshikit/apdu';
import {
  HttpEligibilityService,
  MemoryRececonStore,
  ReceptionWorkflow,
  transportCardSource,
  type EligibilityService,
  type WorkflowEvent,
} from '@onshikit/eligibility';
import { OqsFileLinkService } from '@onshikit/eligibility/node';
import {
  TEST_PINS,
  VirtualMyNumberCard,
  cardProfiles,
  createInProcessTransport,
  sharedTestCa,
} from '@onshikit/simulator';
import {
  POPULATION_SCENARIOS,
  SimulatedOqsTerminal,
  SimulatedPopulation,
  startSimulatedEligibilityServer,
  type SimulatedEligibilityServer,
} from '@onshikit/simulator-service';

const OUTCOME = {
  valid: 'valid',
  lost: 'invalid',
  'new-qualification': 'invalid-new-qualification',
  'not-found': 'not-found',
  multiple: 'multiple',
  'late-elderly': 'valid',
  'age-70-74': 'valid',
  preschool: 'valid',
} as const;

let population: SimulatedPopulation;
let server: SimulatedEligibilityServer;
let terminal: SimulatedOqsTerminal;
let root: string;
const services: Record<string, EligibilityService> = {};

beforeAll(async () => {
  const ca = await sharedTestCa();
  population = new SimulatedPopulation({ isRevoked: (serial) => ca.isRevoked('auth', serial) });
  server = await startSimulatedEligibilityServer({ population });
  root = await mkdtemp(path.join(tmpdir(), 'onshikit-e2e-'));
  terminal = await SimulatedOqsTerminal.start({ root, population, faults: { shiftJis: true } });
  const fileLink = new OqsFileLinkService({
    folders: { ...terminal.folders, state: path.join(root, 'local') },
    timeoutMs: 5000,
    pollMs: 10,
    cardQueries: 'onshikit-extension',
  });
  await fileLink.prepare();
  services.http = new HttpEligibilityService({ baseUrl: server.url });
  services['file-link'] = fileLink;
});

afterAll(async () => {
  await server.close();
  await terminal.close();
  await rm(root, { recursive: true, force: true });
});

async function runCheck(card: VirtualMyNumberCard, service: EligibilityService, mode: 'visual' | 'pin') {
  const store = new MemoryRececonStore();
  const transports: ReturnType<typeof createInProcessTransport>[] = [];
  const workflow = new ReceptionWorkflow({
    service,
    store,
    cards: transportCardSource(async () => {
      const t = createInProcessTransport(card);
      transports.push(t);
      return t;
    }),
    pinSource: { requestPin: async () => new TextEncoder().encode(TEST_PINS.auth) },
    settings: { institutionCode: '1312345678', identityMode: mode },
    operator: 'op-e2e',
  });
  const events: WorkflowEvent[] = [];
  const check = workflow.startCheck({
    onEvent: (e) => {
      events.push(e);
      if (e.type === 'visual-confirmation-required') check.confirmVisual();
      if (e.type === 'selection-required') check.selectResult(0);
    },
  });
  const summary = await check.done;
  return { summary, store, events, transports };
}

describe('end to end', () => {
  for (const adapter of ['http', 'file-link']) {
    for (const mode of ['visual', 'pin'] as const) {
      it(`${adapter} / ${mode}: every population entry`, async () => {
        const card = await VirtualMyNumberCard.create(cardProfiles.standard());
        for (const scenario of POPULATION_SCENARIOS) {
          population.assign(card.authCertificateSerial as string, scenario);
          const { summary, store, transports } = await runCheck(card, services[adapter] as EligibilityService, mode);
          const entry = population.entry(scenario);
          expect(summary.error, `${scenario}: ${JSON.stringify(summary.error)}`).toBeUndefined();
          expect(summary).toMatchObject({ state: 'done', mode, outcome: OUTCOME[scenario] });
          expect(summary.result?.burdenRatio.percent).toBe(entry.expectedBurdenPercent);
          const saved = await store.getCheck(summary.checkId);
          expect(saved?.outcome).toBe(OUTCOME[scenario]);
          expect(saved?.certificate?.serial.replace(/^0+/, '')).toBe(
            (card.authCertificateSerial as string).toLowerCase().replace(/^0+/, ''),
          );
          // The transport was released.
          await expect(transports[0]?.transmit(Uint8Array.of(0, 0xa4, 0, 0))).rejects.toMatchObject({
            code: 'TRANSPORT_CLOSED',
          });
          // PIN mode verified exactly once; visual never.
          const verifies = card.apduLog.filter((e) => e.command[1] === 0x20 && e.command.length > 5).length;
          expect(verifies).toBe(mode === 'pin' ? 1 : 0);
          // The 券面事項入力補助AP (home of the individual number) and 券面AP were never selected.
          const sent = card.apduLog.map((e) => toHex(e.command));
          expect(sent.some((c) => c.includes('D3921000310001010408') || c.includes('D3921000310001010402'))).toBe(
            false,
          );
          expect(sent.length).toBeGreaterThan(3);
          card.apduLog.length = 0;
        }
      });
    }
  }

  it('a face-authentication card is checked visually in PIN mode; a blocked PIN and an expired certificate stop', async () => {
    const face = await VirtualMyNumberCard.create(cardProfiles.faceAuthOnly());
    population.assign(face.authCertificateSerial as string, 'valid');
    const faceRun = await runCheck(face, services.http as EligibilityService, 'pin');
    expect(faceRun.summary).toMatchObject({ state: 'done', mode: 'visual', outcome: 'valid' });
    expect(faceRun.events.some((e) => e.type === 'face-card-detected')).toBe(true);

    const blocked = await VirtualMyNumberCard.create(cardProfiles.blocked());
    const blockedRun = await runCheck(blocked, services.http as EligibilityService, 'pin');
    expect(blockedRun.summary.error?.code).toBe('CARD_PIN_BLOCKED');

    const expired = await VirtualMyNumberCard.create(cardProfiles.expiredAuth());
    const expiredRun = await runCheck(expired, services['file-link'] as EligibilityService, 'visual');
    expect(expiredRun.summary.error?.code).toBe('CERTIFICATE_EXPIRED');

    const revoked = await VirtualMyNumberCard.create(cardProfiles.revoked());
    const revokedRun = await runCheck(revoked, services.http as EligibilityService, 'visual');
    expect(revokedRun.summary.error?.code).toBe('SERVICE_PROCESSING_ERROR');
  });
});
