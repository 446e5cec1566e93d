// MHLW's three-month grace after the 利用者証明用電子証明書 lapses (docs/reference/card-protocol.md#certificate-validity):
// the simulated service accepts a lapsed certificate within it and refuses after it; the desk warns, not refuses.
import { describe, expect, it } from 'vitest';
import {
  HttpEligibilityService,
  MemoryRececonStore,
  ReceptionWorkflow,
  certificateGraceEnd,
  jstDate,
  transportCardSource,
  type WorkflowEvent,
} from '@onshikit/eligibility';
import { parseCertificate } from '@onshikit/mynumber';
import { VirtualMyNumberCard, cardProfiles, createInProcessTransport, sharedTestCa } from '@onshikit/simulator';
import { SimulatedPopulation, startSimulatedEligibilityServer } from '@onshikit/simulator-service';

const visualQuery = (certificate: Uint8Array, at: Date) =>
  ({
    kind: 'card',
    certificate,
    identity: 'visual',
    checkDate: jstDate(at),
    institutionCode: '1312345678',
    fileId: 'grace',
  }) as const;

describe('certificate grace (MHLW: usable for 3 months after expiry)', () => {
  it('the simulated service accepts an expiredInGracePeriod card, and refuses it once the grace has passed', async () => {
    const card = await VirtualMyNumberCard.create(cardProfiles.expiredInGracePeriod());
    const der = card.authCertificateDer as Uint8Array;
    const end = certificateGraceEnd(parseCertificate(der).notAfter);
    let now = new Date();
    const population = new SimulatedPopulation({ now: () => now }).assign(
      card.authCertificateSerial as string,
      'valid',
    );
    expect((await population.answer(visualQuery(der, now))).validity).toBe(1);
    now = new Date(end.getTime());
    expect((await population.answer(visualQuery(der, now))).validity).toBe(1);
    now = new Date(end.getTime() + 1);
    const refused = await population.answer(visualQuery(der, now));
    expect(refused).toMatchObject({ status: 2, processingResultCode: 'SIM-EXPIRED', results: [] });
    // An expiredAuth card (lapsed a year ago) is refused.
    const old = await VirtualMyNumberCard.create(cardProfiles.expiredAuth());
    now = new Date();
    population.assign(old.authCertificateSerial as string, 'valid');
    expect(await population.answer(visualQuery(old.authCertificateDer as Uint8Array, now))).toMatchObject({
      status: 2,
      processingResultCode: 'SIM-EXPIRED',
    });
  });

  it('end to end with default options: the desk warns (graceUntil), the service answers 有効', async () => {
    const ca = await sharedTestCa();
    const population = new SimulatedPopulation({ isRevoked: (serial) => ca.isRevoked('auth', serial) });
    const server = await startSimulatedEligibilityServer({ population });
    try {
      const card = await VirtualMyNumberCard.create(cardProfiles.expiredInGracePeriod());
      population.assign(card.authCertificateSerial as string, 'valid');
      const workflow = new ReceptionWorkflow({
        service: new HttpEligibilityService({ baseUrl: server.url }),
        store: new MemoryRececonStore(),
        cards: transportCardSource(async () => createInProcessTransport(card)),
        settings: { institutionCode: '1312345678', identityMode: 'visual' },
      });
      const events: WorkflowEvent[] = [];
      const check = workflow.startCheck({
        onEvent: (e) => {
          events.push(e);
          if (e.type === 'visual-confirmation-required') check.confirmVisual();
        },
      });
      const summary = await check.done;
      expect(summary.error).toBeUndefined();
      expect(summary).toMatchObject({ state: 'done', outcome: 'valid' });
      const warning = events.find((e) => e.type === 'certificate-expiring');
      expect(warning).toMatchObject({ graceUntil: expect.any(String) });
    } finally {
      await server.close();
    }
  });
});
