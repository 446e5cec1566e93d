import type { CountingTransport } from '@onshikit/apdu/testing';
import { CardError, FORBIDDEN_FILES } from '@onshikit/mynumber';
import { CardAid, cardProfiles, TEST_PINS } from '@onshikit/simulator';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { virtualSetup } from './support/virtual.js';

const te = new TextEncoder();

async function cardError(promise: Promise<unknown>): Promise<CardError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CardError);
  return error as CardError;
}

/** VERIFY commands that carried data (a PIN or number), not the empty status queries. */
function presented(log: readonly { command: Uint8Array }[]): number {
  return log.filter((e) => e.command[1] === 0x20 && e.command.length > 4).length;
}

describe('inputSupportPinStatus: the 券面事項入力補助用暗証番号 counter on its own', () => {
  it('reports tries without using one, separately from the auth PIN', async () => {
    const { card, driver } = await virtualSetup(cardProfiles.lastTry());
    expect(await driver.inputSupportPinStatus()).toEqual({ state: 'ok', triesLeft: 3, verified: false });
    expect(await driver.authPinStatus()).toMatchObject({ state: 'ok', triesLeft: 1 });
    expect(card.pinState('inputSupport')).toMatchObject({ triesLeft: 3 });
    expect(presented(card.apduLog)).toBe(0);
  });

  it('APDUs: 3 cold (SELECT AP, SELECT 0011, empty VERIFY), 1 when the PIN EF is current', async () => {
    const { counter, driver } = await virtualSetup();
    counter.clearCounts();
    await driver.inputSupportPinStatus();
    expect(counter.total).toBe(3);
    counter.clearCounts();
    await driver.inputSupportPinStatus();
    expect(counter.total).toBe(1);
  });

  it('a blocked PIN and a face-authentication card (no PIN) both answer blocked', async () => {
    const blocked = await virtualSetup(
      cardProfiles.standard({ pins: { inputSupport: { value: TEST_PINS.inputSupport, maxTries: 3, triesLeft: 0 } } }),
    );
    expect((await blocked.driver.inputSupportPinStatus()).state).toBe('blocked');
    const face = await virtualSetup(cardProfiles.faceAuthOnly());
    expect((await face.driver.inputSupportPinStatus()).state).toBe('blocked');
  });

  it('a card without the input-support AP (住基カード) is CARD_NOT_MYNUMBER, nothing presented', async () => {
    const { card, driver } = await virtualSetup(cardProfiles.jukiCard());
    expect((await cardError(driver.inputSupportPinStatus())).code).toBe('CARD_NOT_MYNUMBER');
    expect((await cardError(driver.readBasicInfoWithVerificationNumber(card.verificationNumberB))).code).toBe(
      'CARD_NOT_MYNUMBER',
    );
    expect(presented(card.apduLog)).toBe(0);
  });
});

describe('readBasicInfoWithVerificationNumber: 基本4情報 opened by 照合番号B (EF 0015)', () => {
  it('reads the four items in 6 APDUs and zeroes the number', async () => {
    const { card, counter, driver } = await virtualSetup();
    const number = te.encode(card.verificationNumberB);
    counter.clearCounts();
    const info = await driver.readBasicInfoWithVerificationNumber(number);
    expect(counter.total).toBe(6);
    expect(number.every((b) => b === 0)).toBe(true);
    expect(info).toMatchObject({
      name: '試験　花子',
      sex: 'female',
      birthDate: { iso: card.profile.holder.birthDate },
    });
    expect(card.touched(CardAid.INPUT_SUPPORT, 0x0015, ['verify'])).toBe(true);
    expect(card.touched(CardAid.INPUT_SUPPORT, 0x0011)).toBe(false);
    for (const forbidden of FORBIDDEN_FILES)
      expect(card.touched(forbidden.aid, forbidden.fid), forbidden.what).toBe(false);
  });

  it('a wrong number: CARD_PIN_WRONG with the tries left, one VERIFY, nothing read', async () => {
    const { card, driver } = await virtualSetup();
    const error = await cardError(driver.readBasicInfoWithVerificationNumber('00000000000000'));
    expect(error.code).toBe('CARD_PIN_WRONG');
    expect(error.triesLeft).toBe(9);
    expect(presented(card.apduLog)).toBe(1);
    expect(card.touched(CardAid.INPUT_SUPPORT, 0x0002, ['read'])).toBe(false);
  });

  it('refuses the last try unless allowed, sending no VERIFY', async () => {
    const { card, driver } = await virtualSetup();
    for (let i = 0; i < 9; i++) await cardError(driver.readBasicInfoWithVerificationNumber('00000000000000'));
    const before = presented(card.apduLog);
    expect((await cardError(driver.readBasicInfoWithVerificationNumber(card.verificationNumberB))).code).toBe(
      'CARD_PIN_LAST_TRY',
    );
    expect(presented(card.apduLog)).toBe(before);
    const info = await driver.readBasicInfoWithVerificationNumber(card.verificationNumberB, { allowLastTry: true });
    expect(info.name).toBe('試験　花子');
  });

  it('malformed numbers are refused before any APDU and zeroed (property)', async () => {
    const { driver } = await virtualSetup();
    const counter = driver.transport as CountingTransport;
    await fc.assert(
      fc.asyncProperty(
        fc
          .uint8Array({ minLength: 0, maxLength: 20 })
          .filter((b) => b.length !== 14 || b.some((x) => x < 0x30 || x > 0x39)),
        async (bytes) => {
          counter.clearCounts();
          const error = await cardError(driver.readBasicInfoWithVerificationNumber(bytes));
          expect(error.code).toBe('CARD_PIN_FORMAT');
          expect(counter.total).toBe(0);
          expect(bytes.every((b) => b === 0)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});
