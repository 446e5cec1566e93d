// MHLW's three-month grace after the 利用者証明用電子証明書 lapses (docs/reference/card-protocol.md#certificate-validity):
// the simulated service accepts a lapsed certificate within it and refuses after it; the desk warns, not refuses.
import { describe, expect, it } from 'vitest';
import { certificateGraceEnd, jstDate } from '@onshikit/eligibility';
import { parseCertificate } from '@onshikit/mynumber';
import { SimulatedPopulation, VirtualMyNumberCard, cardProfiles } from '@onshikit/simulator';

const visualQuery = (certificate: Uint8Array, at: Date) =>
  ({ kind: 'card', certificate, identity: 'visual', checkDate: jstDate(at), institutionCode: '1312345678', fileId: 'grace' }) as const;

describe('certificate grace (MHLW: usable for 3 months after expiry)', () => {
  it('the simulated service accepts an expiredInGracePeriod card, and refuses it once the grace has passed', async () => {
    const card = await VirtualMyNumberCard.create(cardProfiles.expiredInGracePeriod());
    const der = card.authCertificateDer as Uint8Array;
    const end = certificateGraceEnd(parseCertificate(der).notAfter);
    let now = new Date();
    const population = new SimulatedPopulation({ now: () => now }).assign(card.authCertificateSerial as string, 'valid');
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
    expect(await population.answer(visualQuery(old.authCertificateDer as Uint8Array, now))).toMatchObject({ status: 2, processingResultCode: 'SIM-EXPIRED' });
  });
});
