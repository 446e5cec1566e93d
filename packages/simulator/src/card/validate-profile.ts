import { SimulatorError } from './errors.js';
import type { CardProfile, PinProfile } from './profile.js';

function fail(field: string, reason: string): never {
  throw new SimulatorError('CARD_PROFILE_INVALID', { field, reason });
}

function isoDate(field: string, value: string): void {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!match || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value)
    fail(field, 'expected a real YYYY-MM-DD date');
}

function digits(field: string, value: string, count: number): void {
  if (!new RegExp(`^\\d{${count}}$`).test(value)) fail(field, `expected ${count} ASCII digits`);
}

function pin(field: string, setting: PinProfile | null, format: RegExp, formatText: string): void {
  if (setting === null) return;
  // The reason names the rule, never the value (PINs are never put in error messages).
  if (!format.test(setting.value)) fail(`${field}.value`, formatText);
  if (!Number.isInteger(setting.maxTries) || setting.maxTries < 1 || setting.maxTries > 15)
    fail(`${field}.maxTries`, 'expected an integer 1..15');
  if (!Number.isInteger(setting.triesLeft) || setting.triesLeft < 0 || setting.triesLeft > setting.maxTries)
    fail(`${field}.triesLeft`, 'expected an integer 0..maxTries');
}

/**
 * Checks a profile against the card's formats (docs/reference/card-protocol.md#pins, docs/reference/card-protocol.md#basic-four, docs/reference/card-protocol.md#common-record) and throws
 * `SimulatorError('CARD_PROFILE_INVALID')` naming the field. Called by the card constructor.
 */
export function validateCardProfile(profile: CardProfile): void {
  const h = profile.holder;
  if (h.name.length === 0) fail('holder.name', 'empty');
  if (h.address.length === 0) fail('holder.address', 'empty');
  isoDate('holder.birthDate', h.birthDate);
  if (!['0', '1', '2', '9'].includes(h.sex)) fail('holder.sex', "expected '0', '1', '2' or '9'");
  const fourDigits = /^\d{4}$/;
  pin('pins.auth', profile.pins.auth, fourDigits, 'expected 4 ASCII digits');
  pin('pins.signing', profile.pins.signing, /^[A-Z0-9]{6,16}$/, 'expected 6-16 upper-case letters and digits');
  pin('pins.inputSupport', profile.pins.inputSupport, fourDigits, 'expected 4 ASCII digits');
  pin('pins.cardPin', profile.pins.cardPin, fourDigits, 'expected 4 ASCII digits');
  isoDate('card.expiryDate', profile.card.expiryDate);
  digits('card.securityCode', profile.card.securityCode, 4);
  digits('card.municipalityCode', profile.card.municipalityCode, 5);
  digits('card.serialNumber', profile.card.serialNumber, 15);
  for (const which of ['auth', 'signing'] as const) {
    const cert = profile.certificates[which];
    if (!cert) continue;
    if (!(cert.notBefore instanceof Date) || Number.isNaN(cert.notBefore.getTime()))
      fail(`certificates.${which}.notBefore`, 'invalid date');
    if (!(cert.notAfter instanceof Date) || Number.isNaN(cert.notAfter.getTime()))
      fail(`certificates.${which}.notAfter`, 'invalid date');
    if (cert.notAfter.getTime() <= cert.notBefore.getTime())
      fail(`certificates.${which}.notAfter`, 'must be after notBefore');
    if (cert.serialNumber !== undefined && !/^[0-9a-fA-F]{1,40}$/.test(cert.serialNumber))
      fail(`certificates.${which}.serialNumber`, 'expected 1-40 hex digits');
  }
  if (profile.atr.length < 2 || profile.atr.length > 33) fail('atr', 'expected 2..33 bytes');
}
