/**
 * Builders for the few command APDUs the driver sends, in exactly the shapes of the domain
 * memo §4.1 / §7.1 trace (so OpenSC and the real card see what they expect).
 * @module
 */
import { CommandApdu } from '@onshikit/apdu';

/** `00 A4 04 0C 0A <AID>`: SELECT DF by full name, no FCI (memo §2.1). */
export function selectApplication(aid: Uint8Array): CommandApdu {
  return new CommandApdu({ cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x0c, data: aid });
}

/** `00 A4 02 0C 02 <FID>`: SELECT EF under the current DF, no FCI (memo §2.1). */
export function selectFile(fid: number): CommandApdu {
  return new CommandApdu({ cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x0c, data: Uint8Array.of((fid >> 8) & 0xff, fid & 0xff) });
}

/** `00 A4 04 0C 0A <AID>` as fresh bytes (a copy of a cached encoding). */
const selectApplicationCache = new Map<Uint8Array, Uint8Array>();
export function encodeSelectApplication(aid: Uint8Array): Uint8Array {
  let bytes = selectApplicationCache.get(aid);
  if (bytes === undefined) {
    bytes = selectApplication(aid).encode();
    if (selectApplicationCache.size < 16) selectApplicationCache.set(aid, bytes);
  }
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy;
}

/** `00 A4 02 0C 02 <FID>` as bytes. */
export function encodeSelectFile(fid: number): Uint8Array {
  // `new Uint8Array` + stores: cheaper than `Uint8Array.of` on V8 (this runs per APDU).
  const bytes = new Uint8Array(7);
  bytes[1] = 0xa4;
  bytes[2] = 0x02;
  bytes[3] = 0x0c;
  bytes[4] = 0x02;
  bytes[5] = (fid >> 8) & 0xff;
  bytes[6] = fid & 0xff;
  return bytes;
}

/** `00 A4 00 00`: select MF. Harmless; used as the throwaway first command (memo §1.4, §9 #4). */
export function selectMasterFile(): CommandApdu {
  return new CommandApdu({ cla: 0x00, ins: 0xa4, p1: 0x00, p2: 0x00 });
}

/**
 * `00 B0 <off> <Le>`: READ BINARY of the current EF at `offset` (≤ 0x7FFF), short Le (1..256,
 * `00` = 256) or extended Le (`00 <hi> <lo>`, `00 00 00` = 65536) as bytes.
 */
export function readBinary(offset: number, le: number): Uint8Array {
  const extended = le > 256;
  const bytes = new Uint8Array(extended ? 7 : 5);
  bytes[1] = 0xb0;
  bytes[2] = (offset >> 8) & 0x7f;
  bytes[3] = offset & 0xff;
  if (extended) {
    bytes[5] = (le >> 8) & 0xff;
    bytes[6] = le & 0xff;
  } else bytes[4] = le & 0xff;
  return bytes;
}

/** `00 20 00 80`: the empty VERIFY that reports the tries left as `63Cx` without using one (memo §4.1). */
export function verifyStatus(): CommandApdu {
  return new CommandApdu({ cla: 0x00, ins: 0x20, p1: 0x00, p2: 0x80 });
}

/**
 * `00 20 00 80 Lc <PIN>` encoded into a fresh buffer. The caller zeroes the returned buffer
 * after the exchange; the PIN bytes given are not kept.
 */
export function encodeVerify(pin: Uint8Array): Uint8Array {
  return new CommandApdu({ cla: 0x00, ins: 0x20, p1: 0x00, p2: 0x80, data: pin }).encode();
}

/** `80 2A 00 80 Lc <DigestInfo> 00`: COMPUTE DIGITAL SIGNATURE with the current key EF (memo §4.3). */
export function computeSignature(digestInfo: Uint8Array): CommandApdu {
  return new CommandApdu({ cla: 0x80, ins: 0x2a, p1: 0x00, p2: 0x80, data: digestInfo, le: 256 });
}
