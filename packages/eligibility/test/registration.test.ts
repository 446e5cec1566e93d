import { toHex } from '@onshikit/apdu';
import {
  EligibilityError,
  MemoryRececonStore,
  PatientRegistration,
  encodeVerificationNumberB,
  splitCardName,
  type PatientRegistrationOptions,
  type PinSource,
  type RegistrationCard,
} from '@onshikit/eligibility';
import { FORBIDDEN_FILES, MyNumberCard } from '@onshikit/mynumber';
import {
  cardProfiles,
  createInProcessTransport,
  TEST_PINS,
  VirtualMyNumberCard,
  type CardProfile,
} from '@onshikit/simulator';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const NOW = new Date('2026-12-03T01:00:00Z');

/** A PIN source that hands out the given PINs and keeps the buffers to check they were zeroed. */
class RecordingPinSource implements PinSource {
  readonly handed: Uint8Array[] = [];
  readonly requests: { digits: number; triesLeft?: number | undefined }[] = [];
  constructor(private readonly pins: string[]) {}
  async requestPin(request: { digits: number; triesLeft?: number }): Promise<Uint8Array> {
    this.requests.push({ digits: request.digits, triesLeft: request.triesLeft });
    const pin = new TextEncoder().encode(this.pins[this.handed.length] ?? '0000');
    this.handed.push(pin);
    return pin;
  }
}

async function setup(
  profile: CardProfile,
  pins: string[] = [TEST_PINS.inputSupport],
  options: Partial<PatientRegistrationOptions> = {},
) {
  const virtual = await VirtualMyNumberCard.create(profile);
  const card: RegistrationCard = new MyNumberCard(createInProcessTransport(virtual));
  const store = new MemoryRececonStore();
  const pinSource = new RecordingPinSource(pins);
  const registration = new PatientRegistration({ pinSource, store, operator: 'op-1', now: () => NOW, ...options });
  return { virtual, card, store, pinSource, registration };
}

function partsOf(virtual: VirtualMyNumberCard) {
  const b = virtual.verificationNumberB;
  return {
    kind: 'verification-number-b' as const,
    birthDateEraYymmdd: b.slice(0, 6),
    expiryYear: b.slice(6, 10),
    securityCode: b.slice(10, 14),
  };
}

async function failure(promise: Promise<unknown>): Promise<{ code: string; triesLeft?: number }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeDefined();
  return error as { code: string; triesLeft?: number };
}

/** VERIFY commands that carried a credential (not the empty status queries). */
function presented(virtual: VirtualMyNumberCard): number {
  return virtual.apduLog.filter((e) => e.command[1] === 0x20 && e.command.length > 4).length;
}

/**
 * Every APDU of the card's log, read from the raw bytes as well as from the card's own account of
 * what it touched: no command selects, reads or verifies an individual-number file.
 */
function assertNoIndividualNumber(virtual: VirtualMyNumberCard): void {
  const forbidden = new Set(FORBIDDEN_FILES.map((f) => `${f.aid}:${f.fid}`));
  let aid = '';
  for (const entry of virtual.apduLog) {
    if (entry.access !== undefined)
      expect(forbidden.has(`${entry.access.aid}:${entry.access.fid}`), `APDU ${entry.index}`).toBe(false);
    const [, ins, p1, p2] = entry.command;
    if (ins === 0xa4 && p1 === 0x04) aid = toHex(entry.command.subarray(5, 5 + entry.command[4]!)).toUpperCase();
    let fid: number | undefined;
    if (ins === 0xa4 && p1 === 0x02) fid = (entry.command[5]! << 8) | entry.command[6]!;
    if (ins === 0xb0 && (p1! & 0x80) !== 0) fid = p1! & 0x1f;
    if (ins === 0x20 && (p2! & 0x80) !== 0 && (p2! & 0x1f) !== 0) fid = p2! & 0x1f;
    if (fid !== undefined)
      expect(forbidden.has(`${aid}:${fid}`), `APDU ${entry.index} ${toHex(entry.command.subarray(0, 4))}`).toBe(false);
  }
}

const PROFILE_NAMES = Object.keys(cardProfiles) as (keyof typeof cardProfiles)[];
const WITHOUT_INPUT_SUPPORT = new Set(['jukiCard', 'androidToken', 'iosToken']);

describe('新患登録 prefill on every simulator card profile', () => {
  it.each(PROFILE_NAMES)('%s: with the input-support PIN', async (name) => {
    const { virtual, card, store, pinSource, registration } = await setup(cardProfiles[name]());
    const read = registration.readDraft({ card, consent: true, credential: { kind: 'input-support-pin' } });
    if (WITHOUT_INPUT_SUPPORT.has(name)) {
      expect((await failure(read)).code).toBe('REGISTRATION_NOT_AVAILABLE');
    } else if (name === 'faceAuthOnly') {
      expect((await failure(read)).code).toBe('REGISTRATION_PIN_UNUSABLE');
      expect(pinSource.handed).toHaveLength(0);
    } else {
      const draft = await read;
      const holder = virtual.profile.holder;
      expect(draft).toMatchObject({
        name: holder.name,
        address: holder.address,
        birthDate: { iso: holder.birthDate },
        sexCode: holder.sex,
        credential: 'input-support-pin',
      });
      expect(draft.nameKana).toBeUndefined();
      expect(draft.notes[0]!.ja).toContain('フリガナ');
      expect(presented(virtual)).toBe(1);
      expect(pinSource.handed.every((pin) => pin.every((b) => b === 0))).toBe(true);
    }
    expect(presented(virtual)).toBeLessThanOrEqual(1);
    assertNoIndividualNumber(virtual);
    const audit = await store.listAudit();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: 'op-1',
      action: 'register',
      at: NOW.toISOString(),
      detail: { consent: true, credential: 'input-support-pin' },
    });
  });

  it.each(PROFILE_NAMES)('%s: with 照合番号B typed by staff', async (name) => {
    const { virtual, card, store, pinSource, registration } = await setup(cardProfiles[name]());
    const read = registration.readDraft({ card, consent: true, credential: partsOf(virtual) });
    if (WITHOUT_INPUT_SUPPORT.has(name)) {
      expect((await failure(read)).code).toBe('REGISTRATION_NOT_AVAILABLE');
    } else {
      const draft = await read;
      expect(draft).toMatchObject({
        name: virtual.profile.holder.name,
        birthDate: { iso: virtual.profile.holder.birthDate },
        credential: 'verification-number-b',
      });
      expect(presented(virtual)).toBe(1);
    }
    expect(pinSource.requests).toHaveLength(0);
    assertNoIndividualNumber(virtual);
    expect((await store.listAudit())[0]).toMatchObject({
      action: 'register',
      detail: { credential: 'verification-number-b' },
    });
  });
});

describe('the check rules hold for the registration read', () => {
  it('no consent: nothing is sent to the card; the refusal is audited with consent false', async () => {
    const { virtual, card, store, registration } = await setup(cardProfiles.standard());
    const error = await failure(
      registration.readDraft({ card, consent: false, credential: { kind: 'input-support-pin' } }),
    );
    expect(error).toBeInstanceOf(EligibilityError);
    expect(error.code).toBe('REGISTRATION_CONSENT_REQUIRED');
    expect(virtual.apduLog).toHaveLength(0);
    expect((await store.listAudit())[0]).toMatchObject({
      outcome: 'REGISTRATION_CONSENT_REQUIRED',
      detail: { consent: false, items: 'none' },
    });
  });

  it('last try of the input-support PIN: declined without a confirmation, sent once with one', async () => {
    const lastTry = () =>
      cardProfiles.standard({ pins: { inputSupport: { value: TEST_PINS.inputSupport, maxTries: 3, triesLeft: 1 } } });
    const declined = await setup(lastTry());
    expect(
      (
        await failure(
          declined.registration.readDraft({
            card: declined.card,
            consent: true,
            credential: { kind: 'input-support-pin' },
          }),
        )
      ).code,
    ).toBe('LAST_TRY_DECLINED');
    expect(presented(declined.virtual)).toBe(0);
    expect(declined.pinSource.handed).toHaveLength(0);
    const asked: string[] = [];
    const confirmed = await setup(lastTry(), [TEST_PINS.inputSupport], {
      confirmLastTry: async (credential) => {
        asked.push(credential);
        return true;
      },
    });
    await confirmed.registration.readDraft({
      card: confirmed.card,
      consent: true,
      credential: { kind: 'input-support-pin' },
    });
    expect(asked).toEqual(['input-support-pin']);
    expect(presented(confirmed.virtual)).toBe(1);
  });

  it("its counter is the input-support PIN's: the auth PIN on its last try is not touched", async () => {
    const { virtual, card, registration } = await setup(cardProfiles.lastTry());
    await registration.readDraft({ card, consent: true, credential: { kind: 'input-support-pin' } });
    expect(virtual.pinState('auth')).toMatchObject({ triesLeft: 1, verified: false });
    expect(virtual.pinState('inputSupport')).toMatchObject({ triesLeft: 3, verified: true });
  });

  it('a wrong PIN: one VERIFY per entry, never retried with the same bytes, every buffer zeroed', async () => {
    const wrong: number[] = [];
    const { virtual, card, pinSource, registration } = await setup(
      cardProfiles.standard(),
      ['0000', TEST_PINS.inputSupport],
      { onPinWrong: (t) => wrong.push(t) },
    );
    await registration.readDraft({ card, consent: true, credential: { kind: 'input-support-pin' } });
    expect(presented(virtual)).toBe(2);
    expect(pinSource.requests.map((r) => r.triesLeft)).toEqual([3, 2]);
    expect(wrong).toEqual([2]);
    expect(pinSource.handed.every((pin) => pin.every((b) => b === 0))).toBe(true);
  });

  it('a wrong 照合番号B: CARD_PIN_WRONG with the tries left, one VERIFY; the last try needs a confirmation', async () => {
    const { virtual, card, registration } = await setup(cardProfiles.standard());
    const wrong = { ...partsOf(virtual), securityCode: '0000' };
    const error = await failure(registration.readDraft({ card, consent: true, credential: wrong }));
    expect(error).toMatchObject({ code: 'CARD_PIN_WRONG', triesLeft: 9 });
    expect(presented(virtual)).toBe(1);
    for (let i = 0; i < 8; i++) await failure(registration.readDraft({ card, consent: true, credential: wrong }));
    expect((await failure(registration.readDraft({ card, consent: true, credential: partsOf(virtual) }))).code).toBe(
      'LAST_TRY_DECLINED',
    );
    expect(presented(virtual)).toBe(9);
    const confirmed = new PatientRegistration({ confirmLastTry: async () => true });
    expect((await confirmed.readDraft({ card, consent: true, credential: partsOf(virtual) })).name).toBe(
      virtual.profile.holder.name,
    );
    expect(presented(virtual)).toBe(10);
  });

  it('a malformed 照合番号B is refused before any APDU, naming the part only', async () => {
    const { virtual, card, registration } = await setup(cardProfiles.standard());
    const error = await failure(
      registration.readDraft({ card, consent: true, credential: { ...partsOf(virtual), expiryYear: '20x4' } }),
    );
    expect(error).toMatchObject({ code: 'REGISTRATION_INPUT_INVALID' });
    expect((error as unknown as EligibilityError).detail).toEqual({ field: 'expiryYear' });
    expect(virtual.apduLog).toHaveLength(0);
  });

  it('the audit names who, when, consent and which items, never a value', async () => {
    const { virtual, card, store, registration } = await setup(cardProfiles.standard());
    await registration.readDraft({ card, consent: true, credential: { kind: 'input-support-pin' } });
    await registration.readDraft({ card, consent: true, credential: partsOf(virtual) });
    const audit = await store.listAudit();
    expect(audit.map((a) => a.detail)).toEqual([
      { consent: true, credential: 'input-support-pin', items: 'name,address,birthDate,sex' },
      { consent: true, credential: 'verification-number-b', items: 'name,address,birthDate,sex' },
    ]);
    const text = JSON.stringify(audit);
    const h = virtual.profile.holder;
    for (const value of [
      h.name,
      h.address,
      h.birthDate,
      h.birthDate.replaceAll('-', ''),
      virtual.verificationNumberB,
      TEST_PINS.inputSupport,
    ])
      expect(text).not.toContain(value);
  });
});

describe('the draft', () => {
  it('和暦 beside 西暦, split at the card separator, kana left to staff', async () => {
    const { card, registration } = await setup(
      cardProfiles.standard({ holder: { name: '試験　花子', birthDate: '1980-02-17' } }),
    );
    const draft = await registration.readDraft({ card, consent: true, credential: { kind: 'input-support-pin' } });
    expect(draft.birthDate).toEqual({
      iso: '1980-02-17',
      wareki: '昭和55年2月17日',
      warekiDate: { era: 'showa', year: 55, month: 2, day: 17 },
    });
    expect(draft.nameParts).toEqual({ family: '試験', given: '花子' });
    expect(draft.notes).toHaveLength(1);
  });

  it('a name without the separator (or with several) is not split', async () => {
    for (const name of ['SMITH JOHN', 'Anna\u3000Maria\u3000Rossi']) {
      const { card, registration } = await setup(cardProfiles.standard({ holder: { name } }));
      const draft = await registration.readDraft({ card, consent: true, credential: { kind: 'input-support-pin' } });
      expect(draft.name).toBe(name);
      expect(draft.nameParts).toBeUndefined();
      expect(draft.notes.map((n) => n.en).join(' ')).toContain('not split');
    }
  });

  it('splitCardName never invents or drops a character (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('試', '験', '花', '子', 'A', ' ', '\u3000', 'ー'), { maxLength: 12 }),
        (chars) => {
          const name = chars.join('');
          const parts = splitCardName(name);
          if (parts === undefined) {
            const pieces = name.split('\u3000');
            expect(pieces.length !== 2 || pieces.some((p) => p.length === 0)).toBe(true);
          } else {
            expect(`${parts.family}\u3000${parts.given}`).toBe(name);
            expect(parts.family.length > 0 && parts.given.length > 0).toBe(true);
            expect(parts.family.includes('\u3000') || parts.given.includes('\u3000')).toBe(false);
          }
        },
      ),
    );
  });

  it('encodeVerificationNumberB: 14 ASCII digits for valid parts, a typed error otherwise (property)', () => {
    const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
    fc.assert(
      fc.property(digits(6), digits(4), digits(4), (birthDateEraYymmdd, expiryYear, securityCode) => {
        const bytes = encodeVerificationNumberB({ birthDateEraYymmdd, expiryYear, securityCode });
        expect(new TextDecoder().decode(bytes)).toBe(birthDateEraYymmdd + expiryYear + securityCode);
      }),
    );
    fc.assert(
      fc.property(
        fc.string({ maxLength: 8 }),
        fc.string({ maxLength: 6 }),
        fc.string({ maxLength: 6 }),
        (birthDateEraYymmdd, expiryYear, securityCode) => {
          fc.pre(
            !(
              /^[0-9]{6}$/.test(birthDateEraYymmdd) &&
              /^[0-9]{4}$/.test(expiryYear) &&
              /^[0-9]{4}$/.test(securityCode)
            ),
          );
          expect(() => encodeVerificationNumberB({ birthDateEraYymmdd, expiryYear, securityCode })).toThrow(
            EligibilityError,
          );
        },
      ),
    );
    expect(
      new TextDecoder().decode(
        encodeVerificationNumberB({ birthDateEraYymmdd: '５５０２１７', expiryYear: '2034', securityCode: '1234' }),
      ),
    ).toBe('55021720341234');
  });
});
