/**
 * 照合番号B as staff type it from the card face: the birth date in the Japanese era as YYMMDD,
 * the card's expiry year (西暦 YYYY) and the 4-digit security code, 14 ASCII digits in that order
 * (docs/reference/card-protocol.md#pins). Checked before any APDU.
 * @module
 */
import { EligibilityError } from '../errors.js';

/** The three parts of 照合番号B as typed (full-width digits are accepted and folded). */
export interface VerificationNumberBParts {
  /** Birth date as era year + month + day, 6 digits (`550217` for 昭和55年2月17日). */
  readonly birthDateEraYymmdd: string;
  /** Expiry year of the card, 4 digits (`2034`). */
  readonly expiryYear: string;
  /** Security code printed on the card face, 4 digits. */
  readonly securityCode: string;
}

const PARTS: readonly { readonly key: keyof VerificationNumberBParts; readonly length: number }[] = [
  { key: 'birthDateEraYymmdd', length: 6 },
  { key: 'expiryYear', length: 4 },
  { key: 'securityCode', length: 4 },
];

/** One typed part as ASCII digit codes, or the name of the part that is wrong. */
function digitsOf(value: unknown, length: number): number[] | undefined {
  if (typeof value !== 'string' || value.length !== length) return undefined;
  const out: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) out.push(c);
    else if (c >= 0xff10 && c <= 0xff19) out.push(c - 0xff10 + 0x30);
    else return undefined;
  }
  return out;
}

/**
 * The 14 ASCII bytes of 照合番号B, in a fresh buffer the caller zeroes after use (the driver
 * does). Throws `REGISTRATION_INPUT_INVALID` naming the wrong part (never its value).
 */
export function encodeVerificationNumberB(parts: VerificationNumberBParts): Uint8Array {
  const out = new Uint8Array(14);
  let at = 0;
  for (const part of PARTS) {
    const digits = digitsOf((parts as unknown as Record<string, unknown> | null)?.[part.key], part.length);
    if (digits === undefined) {
      out.fill(0);
      throw new EligibilityError('REGISTRATION_INPUT_INVALID', { detail: { field: part.key } });
    }
    out.set(digits, at);
    at += part.length;
  }
  return out;
}
