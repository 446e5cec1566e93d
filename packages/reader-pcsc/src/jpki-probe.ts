import type { Transport, TransmitOptions } from '@onshikit/apdu';

/** SELECT the JPKI AP by its full DF name, no FCI (domain memo §2.1, §4.1; pitfall 5: full AID). */
export const SELECT_JPKI_AP = Uint8Array.of(0x00, 0xa4, 0x04, 0x0c, 0x0a, 0xd3, 0x92, 0xf0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01);
/** SELECT EF 000A (user-authentication certificate, readable without PIN, memo §3.1). */
const SELECT_AUTH_CERT_EF = Uint8Array.of(0x00, 0xa4, 0x02, 0x0c, 0x02, 0x00, 0x0a);
/** READ BINARY offset 0 with extended Le = 512: only passes readers that carry extended APDUs. */
const READ_512_EXTENDED = Uint8Array.of(0x00, 0xb0, 0x00, 0x00, 0x00, 0x02, 0x00);

function statusOf(response: Uint8Array): number {
  return response.length >= 2 ? (response[response.length - 2]! << 8) | response[response.length - 1]! : -1;
}

/**
 * True when the card has the JPKI AP: My Number Card, 住基カード, or a smartphone JPKI token.
 * Identification by SELECT, never by ATR (domain memo pitfall 1). Retries once on `6F00`,
 * the first answer after power-up on some cards (pitfall 4).
 */
export async function hasJpkiApplication(transport: Transport, options: TransmitOptions = {}): Promise<boolean> {
  let sw = statusOf(await transport.transmit(SELECT_JPKI_AP, options));
  if (sw === 0x6f00) sw = statusOf(await transport.transmit(SELECT_JPKI_AP, options));
  return sw === 0x9000;
}

const extendedLengthByReader = new Map<string, boolean>();

/** What the probe remembered for a reader name (undefined: never probed in this process). */
export function knownExtendedLengthSupport(readerName: string): boolean | undefined {
  return extendedLengthByReader.get(readerName);
}

/** Forgets the probe results (all readers, or one). */
export function forgetExtendedLengthSupport(readerName?: string): void {
  if (readerName === undefined) extendedLengthByReader.clear();
  else extendedLengthByReader.delete(readerName);
}

/**
 * Finds out once per reader name whether extended-length APDUs pass end to end (memo §1.3,
 * pitfall 10: the card accepts them, readers vary). With the JPKI AP selected it reads 512
 * bytes of the auth certificate with one extended READ BINARY; a full 512-byte answer means
 * yes, anything else (6700, a short answer, a link error) means no. Leaves the JPKI AP
 * selected with EF 000A current; drivers select again before each sequence anyway (pitfall 5).
 */
export async function probeExtendedLength(transport: Transport & { readonly readerName: string }, options: TransmitOptions = {}): Promise<boolean> {
  const known = extendedLengthByReader.get(transport.readerName);
  if (known !== undefined) return known;
  let supported = false;
  const select = await transport.transmit(SELECT_AUTH_CERT_EF, options);
  if (statusOf(select) === 0x9000) {
    try {
      const response = await transport.transmit(READ_512_EXTENDED, options);
      supported = response.length === 514 && statusOf(response) === 0x9000;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'CARD_REMOVED' || code === 'READER_GONE' || code === 'ABORTED' || code === 'TRANSPORT_CLOSED') throw error;
      supported = false;
    }
    extendedLengthByReader.set(transport.readerName, supported);
  }
  return supported;
}
