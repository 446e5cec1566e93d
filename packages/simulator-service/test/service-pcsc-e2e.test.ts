// End to end over the real PC/SC stack (issue 7 §4): virtual card → vpcd → pcscd →
// @onshikit/reader-pcsc → workflow → HTTP adapter → simulated service. Needs pcscd and
// vsmartcard-vpcd (scripts/setup-test-env.sh installs them; CI runs it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HttpEligibilityService,
  MemoryRececonStore,
  ReceptionWorkflow,
  transportCardSource,
} from '@onshikit/eligibility';
import { waitForCard } from '@onshikit/reader-pcsc';
import { TEST_PINS, VirtualMyNumberCard, cardProfiles, startPcscStack, type PcscStack } from '@onshikit/simulator';
import {
  SimulatedPopulation,
  startSimulatedEligibilityServer,
  type SimulatedEligibilityServer,
} from '@onshikit/simulator-service';

let stack: PcscStack;
let card: VirtualMyNumberCard;
let server: SimulatedEligibilityServer;
const population = new SimulatedPopulation();

beforeAll(async () => {
  card = await VirtualMyNumberCard.create(cardProfiles.standard());
  server = await startSimulatedEligibilityServer({ population });
  stack = await startPcscStack({ card });
}, 320_000);

afterAll(async () => {
  await stack?.stop();
  await server?.close();
});

/** The reception workflow a desk runs: the real PC/SC reader, the simulated service over HTTP. */
function deskWorkflow(store: MemoryRececonStore, identityMode: 'visual' | 'pin'): ReceptionWorkflow {
  return new ReceptionWorkflow({
    service: new HttpEligibilityService({ baseUrl: server.url }),
    cards: transportCardSource(({ signal }) => waitForCard({ signal, timeout: 15_000 })),
    pinSource: { requestPin: async () => new TextEncoder().encode(TEST_PINS.auth) },
    store,
    settings: { institutionCode: '1312345678', identityMode },
  });
}

describe('end to end over PC/SC (pcscd + vpcd)', () => {
  for (const [mode, scenario, percent] of [
    ['visual', 'late-elderly', 10],
    ['pin', 'preschool', 20],
  ] as const) {
    it(`${mode}: ${scenario}`, async () => {
      population.assign(card.authCertificateSerial as string, scenario);
      const store = new MemoryRececonStore();
      const workflow = deskWorkflow(store, mode);
      const check = workflow.startCheck({
        onEvent: (e) => e.type === 'visual-confirmation-required' && check.confirmVisual(),
      });
      const summary = await check.done;
      expect(summary.error).toBeUndefined();
      expect(summary).toMatchObject({ state: 'done', mode, outcome: 'valid' });
      expect(summary.result?.burdenRatio.percent).toBe(percent);
      expect((await store.getCheck(summary.checkId))?.outcome).toBe('valid');
    }, 60_000);
  }

  it('a card pulled mid-check fails that check with CARD_REMOVED; the next patient is checked at once', async () => {
    const store = new MemoryRececonStore();
    stack.bridge.pullCardAtApdu(3); // the patient lifts the card while the driver reads it
    const pulled = await deskWorkflow(store, 'pin').startCheck().done;
    expect(pulled).toMatchObject({ state: 'failed', error: { code: 'CARD_REMOVED' } });
    expect(await store.listChecks({})).toMatchObject({ items: [] });

    const next = await VirtualMyNumberCard.create(cardProfiles.standard());
    population.assign(next.authCertificateSerial as string, 'late-elderly');
    await stack.insertCard(next);
    const summary = await deskWorkflow(store, 'pin').startCheck().done;
    expect(summary.error).toBeUndefined();
    expect(summary).toMatchObject({ state: 'done', mode: 'pin', outcome: 'valid' });
    expect((await store.getCheck(summary.checkId))?.outcome).toBe('valid');
  }, 60_000);
});
