import { fromHex, toHex } from '@onshikit/apdu';
import type { VirtualMyNumberCard } from '@onshikit/simulator';

/** Hex with spaces, upper case. */
export const hex = (bytes: Uint8Array): string => toHex(bytes, { separator: ' ' });

/** Sends a hex APDU straight to the card. */
export function send(card: VirtualMyNumberCard, command: string): Promise<Uint8Array> {
  return card.process(fromHex(command));
}

/** SW1 SW2 of a response as `'90 00'`. */
export function sw(response: Uint8Array): string {
  return hex(response.subarray(response.length - 2));
}

/** The data part of a response. */
export function data(response: Uint8Array): Uint8Array {
  return response.subarray(0, response.length - 2);
}

/** Sends and returns only the SW. */
export async function swOf(card: VirtualMyNumberCard, command: string): Promise<string> {
  return sw(await send(card, command));
}

/** ASCII hex of a PIN, e.g. `'31 32 33 34'`. */
export function asciiHex(text: string): string {
  return hex(new TextEncoder().encode(text));
}

/** `Lc` + data for a VERIFY. */
export function verifyApdu(pin: string, p2 = '80'): string {
  const lc = pin.length.toString(16).padStart(2, '0');
  return `00 20 00 ${p2} ${lc} ${asciiHex(pin)}`;
}

export const SELECT_JPKI = '00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01';
export const SELECT_INPUT_SUPPORT = '00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08';
export const SELECT_CARD_FACE = '00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 02';
export const SELECT_COMMON = '00 A4 04 0C 0A D3 92 10 00 31 00 01 01 01 00';
export const SELECT_JUKI = '00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 01';

/** `00 A4 02 0C 02 <fid>`. */
export function selectEf(fid: number): string {
  return `00 A4 02 0C 02 ${hex(Uint8Array.of(fid >> 8, fid & 0xff))}`;
}
