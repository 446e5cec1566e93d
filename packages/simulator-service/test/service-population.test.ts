import { describe, expect, it } from 'vitest';
import { jstDate, type CardQuery, type NumbersQuery } from '@onshikit/eligibility';
import { VirtualMyNumberCard, cardProfiles, sharedTestCa } from '@onshikit/simulator';
import { POPULATION_SCENARIOS, SimulatedPopulation, checkDigit, scriptedEntries } from '@onshikit/simulator-service';

const today = jstDate(new Date());

function cardQuery(der: Uint8Array, fileId = 'chk-1'): CardQuery {
  return {
    kind: 'card',
    checkDate: today,
    institutionCode: '1312345678',
    fileId,
    identity: 'visual',
    certificate: der,
  };
}

describe('simulated population', () => {
  it('uses insurer numbers with valid check digits', () => {
    for (const entry of Object.values(scriptedEntries(today))) {
      for (const p of entry.people) expect(checkDigit(p.insurerNumber.slice(0, -1))).toBe(p.insurerNumber.slice(-1));
    }
  });

  it('answers every scenario by certificate serial with its validity and burden ratio', async () => {
    const card = await VirtualMyNumberCard.create(cardProfiles.standard());
    for (const scenario of POPULATION_SCENARIOS) {
      const population = new SimulatedPopulation().assign(card.authCertificateSerial as string, scenario);
      const entry = population.entry(scenario);
      const response = await population.answer(cardQuery(card.authCertificateDer as Uint8Array));
      expect(response.validity, scenario).toBe(entry.validity);
      expect(response.results.length, scenario).toBe(entry.people.length);
      for (const r of response.results) expect(r.burdenRatio.percent, scenario).toBe(entry.expectedBurdenPercent);
    }
  });

  it('answers an unknown serial with 該当資格なし and a query by numbers with the matching person', async () => {
    const card = await VirtualMyNumberCard.create(cardProfiles.standard());
    const population = new SimulatedPopulation();
    expect((await population.answer(cardQuery(card.authCertificateDer as Uint8Array))).validity).toBe(4);
    const person = population.entry('age-70-74').people[0]!;
    const q: NumbersQuery = {
      kind: 'numbers',
      checkDate: today,
      institutionCode: '1312345678',
      fileId: 'n-1',
      insurerNumber: person.insurerNumber,
      number: person.number,
      birthDate: person.birthDate,
    };
    const response = await population.answer(q);
    expect(response.validity).toBe(1);
    expect(response.results[0]?.burdenRatio).toMatchObject({ percent: 20, rule: 'elderly-recipient-ratio' });
  });

  it('refuses an expired or revoked certificate and a PIN query without a valid signature', async () => {
    const expired = await VirtualMyNumberCard.create(cardProfiles.expiredAuth());
    const revoked = await VirtualMyNumberCard.create(cardProfiles.revoked());
    const ca = await sharedTestCa();
    const population = new SimulatedPopulation({ isRevoked: (s) => ca.isRevoked('auth', s) });
    expect((await population.answer(cardQuery(expired.authCertificateDer as Uint8Array))).processingResultCode).toBe(
      'SIM-EXPIRED',
    );
    expect((await population.answer(cardQuery(revoked.authCertificateDer as Uint8Array))).processingResultCode).toBe(
      'SIM-REVOKED',
    );
    const standard = await VirtualMyNumberCard.create(cardProfiles.standard());
    const forged: CardQuery = {
      ...cardQuery(standard.authCertificateDer as Uint8Array),
      identity: 'pin',
      signature: { challenge: population.issueChallenge(), value: new Uint8Array(256) },
    };
    expect((await population.answer(forged)).status).toBe(2);
  });
});
