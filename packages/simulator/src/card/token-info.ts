/** Labels of the JPKI token-info EF `0006` (docs/reference/card-protocol.md#jpki-files [confirmed for labels]). */
export const TOKEN_LABELS = {
  card: 'JPKIAPICCTOKEN2',
  juki: 'JPKIAPICCTOKEN',
  android: 'JPKIAPGPSETOKEN',
  ios: 'JPKIAPIOSTOKEN',
} as const;

function ascii(target: Uint8Array, offset: number, length: number, text: string): void {
  target.fill(0x20, offset, offset + length);
  for (let i = 0; i < Math.min(length, text.length); i++) target[offset + i] = text.charCodeAt(i) & 0x7f;
}

/**
 * The 160-byte token-info EF: a PKCS#11 `CK_TOKEN_INFO` with big-endian 32-bit ULONGs (docs/reference/card-protocol.md#jpki-files,
 * layout [single]); the first 32 bytes are the space-padded label (§5.1), so a 20-byte read gives
 * `"JPKIAPICCTOKEN2     "`.
 */
export function tokenInfo(label: string): Uint8Array {
  const out = new Uint8Array(160);
  const view = new DataView(out.buffer);
  ascii(out, 0, 32, label); // label
  ascii(out, 32, 32, 'JPKI'); // manufacturerID
  ascii(out, 64, 16, 'JPKIAP'); // model
  ascii(out, 80, 16, ''); // serialNumber
  const ulongs = [
    0x0000040d, // flags: RNG | LOGIN_REQUIRED | USER_PIN_INITIALIZED | TOKEN_INITIALIZED
    0,
    0,
    0,
    0, // session counts
    16,
    4, // max / min PIN length
    0xffffffff,
    0xffffffff,
    0xffffffff,
    0xffffffff, // memory: unavailable
  ];
  for (const [i, value] of ulongs.entries()) view.setUint32(96 + i * 4, value);
  out.set([1, 0, 1, 0], 140); // hardware / firmware version
  ascii(out, 144, 16, '');
  return out;
}
