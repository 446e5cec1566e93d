import { toHex } from '@onshikit/apdu';
import { MyNumberCard, probeCard } from '@onshikit/mynumber';
import { cardProfiles } from '@onshikit/simulator';
import { describe, expect, it } from 'vitest';
import { makeFakeCard } from './support/fake-fixture.js';
import { virtualSetup } from './support/virtual.js';

const SELECT_JPKI = '00A4040C0AD392F000260100000001';
const READ_TOKEN_LABEL = '00B0860020';

describe('probeCard: is it a My Number Card, and what kind (one place for card facts)', () => {
  it('a My Number Card: SELECT JPKI AP + READ of the token label by short EF id, then the driver asks nothing again', async () => {
    const { card, counter } = await virtualSetup();
    const probed = await probeCard(counter);
    expect(probed).toMatchObject({ kind: 'mynumber-card', isMyNumberCard: true, label: 'JPKIAPICCTOKEN2' });
    expect(card.apduLog.map((e) => toHex(e.command))).toEqual([SELECT_JPKI, READ_TOKEN_LABEL]);
    counter.clearCounts();
    const driver = new MyNumberCard(counter, { probed });
    expect(await driver.detect()).toEqual({
      kind: 'mynumber-card',
      label: 'JPKIAPICCTOKEN2',
      isMyNumberCard: true,
      authCertificateNeedsPin: false,
    });
    expect(counter.total).toBe(0);
    await driver.readAuthCertificateDer();
    expect(counter.count(0xa4)).toBe(0); // the JPKI AP the probe selected is used as is
  });

  it('a probe of another transport is ignored', async () => {
    const a = await virtualSetup();
    const b = await virtualSetup();
    const probed = await probeCard(a.counter);
    b.counter.clearCounts();
    await new MyNumberCard(b.counter, { probed }).detect();
    expect(b.counter.total).toBe(2);
  });

  it('another card (no JPKI AP): undefined after one SELECT', async () => {
    const { card } = makeFakeCard();
    card.apps.clear();
    expect(await probeCard(card)).toBeUndefined();
    expect(card.log).toHaveLength(1);
  });

  it('6F00 straight after power-on: the SELECT is sent once more (no throwaway command)', async () => {
    const { card, counter } = await virtualSetup(cardProfiles.standard({ faults: { sixF00AfterPowerOn: true } }));
    expect((await probeCard(counter))?.kind).toBe('mynumber-card');
    expect(card.apduLog.map((e) => toHex(e.command))).toEqual([SELECT_JPKI, SELECT_JPKI, READ_TOKEN_LABEL]);
  });

  it.each([
    ['juki', cardProfiles.jukiCard(), 'juki-card'],
    ['android', cardProfiles.androidToken(), 'smartphone-android'],
    ['ios', cardProfiles.iosToken(), 'smartphone-ios'],
  ] as const)(
    '%s token: found, with its kind (the workflow decides what to do with it)',
    async (_name, profile, kind) => {
      const { counter } = await virtualSetup(profile);
      expect((await probeCard(counter))?.kind).toBe(kind);
    },
  );
});
