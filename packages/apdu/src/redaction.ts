import { CommandApdu } from './command.js';

/**
 * Which commands carry a secret in their data field, so traces, logs and errors never show
 * it. jpki/myna masks `00 20` and `00 24` the same way (docs/reference/card-protocol.md#command-table security note).
 * @module
 */

/** INS codes whose data field is a PIN or PUK whatever the CLA (ISO 7816-4 §11.5). */
const SECRET_INS = new Set([
  0x20, // VERIFY: the PIN
  0x21, // VERIFY (odd INS, BER-TLV data)
  0x24, // CHANGE REFERENCE DATA: old and/or new PIN
  0x25, // CHANGE REFERENCE DATA (odd INS)
  0x2c, // RESET RETRY COUNTER: PUK and/or new PIN
  0x2d, // RESET RETRY COUNTER (odd INS)
]);

/**
 * True when the command (raw bytes) has a data field. Bytes that are not a well-formed APDU
 * count as having data when longer than a case 2 command, so nothing is ever under-redacted.
 */
export function commandHasData(command: Uint8Array): boolean {
  try {
    return CommandApdu.decode(command).data.length > 0;
  } catch {
    return command.length > 5;
  }
}

/**
 * True when this command (raw bytes) carries a PIN in its data field: VERIFY, CHANGE REFERENCE
 * DATA, RESET RETRY COUNTER, and the My Number Card's proprietary CHANGE KEY (`80 32`, domain
 * docs/reference/card-protocol.md#command-table) — with data. Such commands must only ever be shown header-only. The empty VERIFY
 * that asks for the remaining tries (`00 20 00 80`) carries nothing secret.
 */
export function isSecretCommand(command: Uint8Array): boolean {
  if (command.length < 2) return false;
  const cla = command[0]!;
  const ins = command[1]!;
  return (SECRET_INS.has(ins) || (ins === 0x32 && (cla & 0x80) !== 0)) && commandHasData(command);
}
