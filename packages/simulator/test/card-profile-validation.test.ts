import { describe, expect, it } from 'vitest';
import {
  cardProfiles,
  SimulatorError,
  simulatorErrorMessages,
  validateCardProfile,
  VirtualMyNumberCard,
  type ProfileOptions,
} from '@onshikit/simulator';

function invalid(options: ProfileOptions): SimulatorError {
  try {
    validateCardProfile(cardProfiles.standard(options));
  } catch (error) {
    expect(error).toBeInstanceOf(SimulatorError);
    return error as SimulatorError;
  }
  throw new Error('expected CARD_PROFILE_INVALID');
}

describe('profile validation', () => {
  it('every ready-made profile is valid', () => {
    for (const make of Object.values(cardProfiles)) expect(() => validateCardProfile(make())).not.toThrow();
  });

  it.each<[string, ProfileOptions]>([
    ['holder.birthDate', { holder: { birthDate: '1980-02-30' } }],
    ['holder.sex', { holder: { sex: '3' as never } }],
    ['holder.name', { holder: { name: '' } }],
    ['pins.auth.value', { pins: { auth: { value: '12345', triesLeft: 3, maxTries: 3 } } }],
    ['pins.signing.value', { pins: { signing: { value: 'abc123', triesLeft: 5, maxTries: 5 } } }],
    ['pins.auth.triesLeft', { pins: { auth: { value: '1234', triesLeft: 4, maxTries: 3 } } }],
    ['pins.inputSupport.maxTries', { pins: { inputSupport: { value: '1234', triesLeft: 0, maxTries: 0 } } }],
    ['card.securityCode', { card: { securityCode: '12a4' } }],
    ['card.municipalityCode', { card: { municipalityCode: '1310' } }],
    ['card.serialNumber', { card: { serialNumber: '1' } }],
    [
      'certificates.auth.notAfter',
      {
        certificates: { auth: { notBefore: new Date('2030-01-01'), notAfter: new Date('2025-01-01'), revoked: false } },
      },
    ],
    ['atr', { atr: Uint8Array.of(0x3b) }],
  ])('%s', (field, options) => {
    const error = invalid(options);
    expect(error.code).toBe('CARD_PROFILE_INVALID');
    expect(error.detail.field).toBe(field);
  });

  it('never puts the PIN value in the error', () => {
    const error = invalid({ pins: { auth: { value: '98765', triesLeft: 3, maxTries: 3 } } });
    expect(error.message).not.toContain('98765');
    expect(JSON.stringify(error.detail)).not.toContain('98765');
  });

  it('create() rejects an invalid profile before generating anything', async () => {
    await expect(
      VirtualMyNumberCard.create(cardProfiles.standard({ card: { securityCode: 'x' } })),
    ).rejects.toMatchObject({ code: 'CARD_PROFILE_INVALID' });
  });

  it('every message code has non-empty ja and en', () => {
    for (const [code, messages] of Object.entries(simulatorErrorMessages)) {
      expect(messages.ja.length, code).toBeGreaterThan(0);
      expect(messages.en.length, code).toBeGreaterThan(0);
    }
  });
});
