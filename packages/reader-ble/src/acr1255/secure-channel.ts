import { TransportError, bytesEqual, concatBytes } from '@onshikit/apdu';
import { aesCbcDecrypt, aesCbcEncrypt } from '../aes.js';
import { frameError } from './frame.js';
import { decodeMessage, encodeMessage, type AcrMessage } from './message.js';

/**
 * Mutual authentication and the session key (manual §5.3 "Authentication" and §5.7.1
 * "Bluetooth Authentication Program Flow"). Both ends use AES-128-CBC, zero IV, no padding:
 *
 * 1. host → reader: escape `E0 00 00 45 00` (SPH_to_RDR_ReqAuth)
 * 2. reader → host: `E1 00 00 45 00` + Enc(MK, RND_A) (RDR_to_SPH_AuthRsp1)
 * 3. host → reader: `E0 00 00 46 00` + Dec(MK, RND_B ‖ RND_A) (SPH_to_RDR_AuthRsp)
 * 4. reader → host: `E1 00 00 46 00` + Enc(MK, RND_B) (RDR_to_SPH_AuthRsp2)
 *
 * Session key SK = RND_A[0:8] ‖ RND_B[0:8] (§5.7.1).
 */
export function deriveSessionKey(rndA: Uint8Array, rndB: Uint8Array): Uint8Array {
  return concatBytes(rndA.subarray(0, 8), rndB.subarray(0, 8));
}

function checkKey(key: Uint8Array): void {
  if (!(key instanceof Uint8Array) || key.length !== 16) {
    throw new TransportError('BLE_AUTH_FAILED', {
      detail: { reason: 'master-key-length', length: (key as Uint8Array | undefined)?.length },
    });
  }
}

/** Host side of step 3: recovers RND_A and builds the 32-byte authentication response. */
export function hostAnswerChallenge(
  masterKey: Uint8Array,
  encryptedRndA: Uint8Array,
  rndB: Uint8Array,
): { rndA: Uint8Array; response: Uint8Array } {
  checkKey(masterKey);
  if (encryptedRndA.length !== 16 || rndB.length !== 16)
    throw new TransportError('BLE_AUTH_FAILED', { detail: { reason: 'challenge-length' } });
  const rndA = aesCbcDecrypt(masterKey, encryptedRndA);
  const response = aesCbcDecrypt(masterKey, concatBytes(rndB, rndA));
  return { rndA, response };
}

/** Host side of step 4: checks the reader proved the same key. */
export function hostVerifyReader(masterKey: Uint8Array, encryptedRndB: Uint8Array, rndB: Uint8Array): boolean {
  checkKey(masterKey);
  return encryptedRndB.length === 16 && bytesEqual(aesCbcDecrypt(masterKey, encryptedRndB), rndB);
}

/** Reader side of step 2: the encrypted challenge. */
export function readerChallenge(masterKey: Uint8Array, rndA: Uint8Array): Uint8Array {
  checkKey(masterKey);
  return aesCbcEncrypt(masterKey, rndA);
}

/**
 * Reader side of step 4: checks the host's answer. Returns RND_B and its encryption, or
 * `undefined` when the host did not know the master key.
 */
export function readerVerifyHost(
  masterKey: Uint8Array,
  rndA: Uint8Array,
  response: Uint8Array,
): { rndB: Uint8Array; proof: Uint8Array } | undefined {
  checkKey(masterKey);
  if (response.length !== 32) return undefined;
  const plain = aesCbcEncrypt(masterKey, response);
  if (!bytesEqual(plain.subarray(16, 32), rndA)) return undefined;
  const rndB = plain.slice(0, 16);
  return { rndB, proof: aesCbcEncrypt(masterKey, rndB) };
}

/**
 * Turns messages into datablocks and back. Before authentication messages travel in clear;
 * afterwards each datablock is the message padded to 16-byte blocks and encrypted with the
 * session key (AES-128-CBC, zero IV), as documented for ACS's BLE readers ("Bluetooth Frame
 * Format after Mutual Authentication", ACR3901U-S1 manual §6.1.4.2; the ACR1255U-J1 manual
 * §5.7 says the §5.6 protocol "will be encrypted and transmitted after a successful mutual
 * authentication").
 */
export class SecureChannel {
  #sessionKey: Uint8Array | undefined;

  /** True once a session key is set. */
  get encrypted(): boolean {
    return this.#sessionKey !== undefined;
  }

  /** Switches to encrypted traffic. */
  setSessionKey(key: Uint8Array): void {
    checkKey(key);
    this.#sessionKey = key.slice();
  }

  /** Forgets the session key (link dropped). */
  clear(): void {
    this.#sessionKey?.fill(0);
    this.#sessionKey = undefined;
  }

  seal(message: AcrMessage): Uint8Array {
    const key = this.#sessionKey;
    if (!key) return encodeMessage(message, false);
    return aesCbcEncrypt(key, encodeMessage(message, true));
  }

  open(datablock: Uint8Array): AcrMessage {
    const key = this.#sessionKey;
    if (!key) return decodeMessage(datablock, false);
    if (datablock.length === 0 || datablock.length % 16 !== 0)
      throw frameError('block-alignment', { length: datablock.length });
    return decodeMessage(aesCbcDecrypt(key, datablock), true);
  }
}
