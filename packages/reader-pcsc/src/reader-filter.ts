/**
 * Readers that are never a card reader for the My Number Card: Windows Hello / TPM virtual
 * smart cards and FIDO security keys show up in the PC/SC reader list (docs/reference/card-protocol.md#pitfalls
 * item 2), so taking "the first reader" picks the wrong one.
 */
const NOT_A_CARD_READER: readonly RegExp[] = [
  /windows hello/i,
  /microsoft .*virtual/i,
  /virtual smart ?card/i,
  /\bfido\b/i,
  /\bu2f\b/i,
  /yubikey/i,
  /\bsolokey/i,
  /nitrokey/i,
];

/** True for readers {@link waitForCard} skips by default (virtual smart cards, FIDO keys). */
export function isIgnoredReaderName(name: string): boolean {
  return NOT_A_CARD_READER.some((pattern) => pattern.test(name));
}

/** Default reader filter: every reader except {@link isIgnoredReaderName}. */
export function defaultReaderFilter(name: string): boolean {
  return !isIgnoredReaderName(name);
}

/** The PC/SC names of the readers this SDK is tested with (docs/reference/card-protocol.md#pitfalls item 13). */
export const knownReaderNames: readonly { pattern: RegExp; model: string; notes: string }[] = [
  {
    pattern: /PaSoRi 3\.0/i,
    model: 'Sony RC-S380',
    notes: 'Windows: enable PC/SC and Type B in the NFC port settings',
  },
  {
    pattern: /PaSoRi 4\.0|RC-S300/i,
    model: 'Sony RC-S300',
    notes: 'Windows: enable PC/SC and Type B in the NFC port settings',
  },
  { pattern: /USB-NFC4|IODATA|I-O DATA/i, model: 'I-O DATA USB-NFC4', notes: '' },
  { pattern: /ACR1252|ACR1552|ACR122/i, model: 'ACS ACR1252U family', notes: '' },
  { pattern: /Virtual PCD/i, model: 'vsmartcard vpcd (simulator)', notes: 'test stack, not a real reader' },
];

/** Looks up the model of a reader by its PC/SC name. */
export function describeReader(name: string): { model: string; notes: string } | undefined {
  const known = knownReaderNames.find((k) => k.pattern.test(name));
  return known ? { model: known.model, notes: known.notes } : undefined;
}
