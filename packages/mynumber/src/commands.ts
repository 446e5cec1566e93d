/**
 * Builders for the few command APDUs the driver sends, in exactly the shapes of the domain
 * docs/reference/card-protocol.md#command-table / §7.1 trace (so OpenSC and the real card see what they expect).
 * @module
 */
import { CommandApdu } from '@onshikit/apdu';

/** `00 A4 04 0C 0A <AID>`: SELECT DF by full name, no FCI (docs/reference/card-protocol.md#select). */
export function selectApplication(aid: Uint8Array): CommandApdu {
  return new CommandApdu({ cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x0c, data: aid });
}

/** `00 A4 02 0C 02 <FID>`: SELECT EF under the current DF, no FCI (docs/reference/card-protocol.md#select). */
export function selectFile(fid: number): CommandApdu {
  return new CommandApdu({
    cla: 0x00,
    ins: 0xa4,
    p1: 0x02,
    p2: 0x0c,
    data: Uint8Array.of((fid >> 8) & 0xff, fid & 0xff),
  });
}

/**
 * `00 B0 <off> <Le>`: READ BINARY of the current EF at `offset` (≤ 0x7FFF, docs/reference/card-protocol.md#command-table), short Le
 * (1..256) or extended Le (257..65536) when `le` > 256.
 */
export function readBinary(offset: number, le: number): CommandApdu {
  return new CommandApdu({ cla: 0x00, ins: 0xb0, p1: (offset >> 8) & 0x7f, p2: offset & 0xff, le });
}

/**
 * `00 B0 (80|SFI) <off> <Le>`: READ BINARY of the EF with short identifier `sfi` (1..30) of the
 * current DF at `offset` (0..255), docs/reference/card-protocol.md#command-table (e.g. `00 B0 8A 00 00` reads `000A`). It saves
 * the SELECT EF.
 */
export function readBinaryBySfi(sfi: number, offset: number, le: number): CommandApdu {
  return new CommandApdu({ cla: 0x00, ins: 0xb0, p1: 0x80 | (sfi & 0x1f), p2: offset & 0xff, le });
}

/**
 * `00 20 00 <P2>`: the empty VERIFY that reports the tries left as `63Cx` without using one
 * (docs/reference/card-protocol.md#command-table). P2 `80` = the current EF's key, `80|SFI` = the key EF by short id.
 */
export function verifyStatus(p2: number): CommandApdu {
  return new CommandApdu({ cla: 0x00, ins: 0x20, p1: 0x00, p2 });
}

/**
 * `00 20 00 <P2> Lc <PIN>` encoded into a fresh buffer (P2 as {@link verifyStatus}). The caller
 * zeroes the returned buffer after the exchange; the PIN bytes given are not kept.
 */
export function encodeVerify(pin: Uint8Array, p2: number): Uint8Array {
  const out = new Uint8Array(5 + pin.length);
  out[1] = 0x20;
  out[3] = p2;
  out[4] = pin.length;
  out.set(pin, 5);
  return out;
}

/** `80 2A 00 80 Lc <DigestInfo> 00`: COMPUTE DIGITAL SIGNATURE with the current key EF (docs/reference/card-protocol.md#signature). */
export function computeSignature(digestInfo: Uint8Array): CommandApdu {
  return new CommandApdu({ cla: 0x80, ins: 0x2a, p1: 0x00, p2: 0x80, data: digestInfo, le: 256 });
}
