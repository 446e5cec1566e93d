/**
 * Status words the virtual card answers with, each as the real card does (docs/reference/card-protocol.md#status-words).
 * Kept as numbers; {@link respond} appends one to response data.
 */
export const Sw = {
  OK: 0x9000,
  /** End of file reached before Le (ISO); only with `endOfFile: '6282'`. */
  END_OF_FILE: 0x6282,
  WRONG_LENGTH: 0x6700,
  LOGICAL_CHANNEL_NOT_SUPPORTED: 0x6881,
  INCOMPATIBLE_FILE_STRUCTURE: 0x6981,
  SECURITY_STATUS_NOT_SATISFIED: 0x6982,
  AUTH_METHOD_BLOCKED: 0x6984,
  CONDITIONS_NOT_SATISFIED: 0x6985,
  NO_CURRENT_EF: 0x6986,
  SM_NOT_SUPPORTED: 0x69fc,
  WRONG_DATA: 0x6a80,
  FUNCTION_NOT_SUPPORTED: 0x6a81,
  FILE_NOT_FOUND: 0x6a82,
  RECORD_NOT_FOUND: 0x6a83,
  WRONG_P1P2: 0x6a86,
  REFERENCED_DATA_NOT_FOUND: 0x6a88,
  WRONG_OFFSET: 0x6b00,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
  NO_PRECISE_DIAGNOSIS: 0x6f00,
} as const;

/** `63Cx`: x tries left (docs/reference/card-protocol.md#status-words). */
export function triesSw(triesLeft: number): number {
  return 0x63c0 | Math.max(0, Math.min(15, triesLeft));
}

/** Response APDU bytes: `data` followed by SW1 SW2. */
export function respond(sw: number, data?: Uint8Array): Uint8Array {
  const length = data?.length ?? 0;
  const out = new Uint8Array(length + 2);
  if (data) out.set(data, 0);
  out[length] = sw >> 8;
  out[length + 1] = sw & 0xff;
  return out;
}
