import { TransportError, bytesEqual, toHex } from '@onshikit/apdu';
import {
  ACR1255_DEFAULT_MASTER_KEY,
  aesCbcDecrypt,
  aesCbcEncrypt,
  deriveSessionKey,
  hostAnswerChallenge,
  hostVerifyReader,
  readerChallenge,
  readerVerifyHost,
} from '@onshikit/reader-ble/acr1255';
import fc from 'fast-check';
import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';

const block = fc.uint8Array({ minLength: 16, maxLength: 16 });

describe('mutual authentication (manual §5.3, §5.7.1)', () => {
  it('the default master key is the ASCII text "ACR1255U-J1 Auth"', () => {
    expect(new TextDecoder().decode(ACR1255_DEFAULT_MASTER_KEY)).toBe('ACR1255U-J1 Auth');
  });

  it('AES-128-CBC with zero IV agrees with node:crypto', () => {
    fc.assert(
      fc.property(block, fc.integer({ min: 1, max: 8 }), fc.integer(), (key, blocks, seed) => {
        const data = Uint8Array.from({ length: blocks * 16 }, (_, i) => (i * 17 + seed) & 0xff);
        const cipher = createCipheriv('aes-128-cbc', key, new Uint8Array(16)).setAutoPadding(false);
        const expected = new Uint8Array([...cipher.update(data), ...cipher.final()]);
        expect(toHex(aesCbcEncrypt(key, data))).toBe(toHex(expected));
        expect(toHex(aesCbcDecrypt(key, expected))).toBe(toHex(data));
      }),
      { numRuns: 200 },
    );
  });

  it('host and reader agree on the session key RND_A[0:8] ‖ RND_B[0:8] with the same master key', () => {
    fc.assert(
      fc.property(block, block, block, (mk, rndA, rndB) => {
        const { rndA: seen, response } = hostAnswerChallenge(mk, readerChallenge(mk, rndA), rndB);
        expect(bytesEqual(seen, rndA)).toBe(true);
        const verified = readerVerifyHost(mk, rndA, response);
        expect(verified).toBeDefined();
        expect(bytesEqual(verified!.rndB, rndB)).toBe(true);
        expect(hostVerifyReader(mk, verified!.proof, rndB)).toBe(true);
        expect(toHex(deriveSessionKey(rndA, rndB))).toBe(toHex(rndA.subarray(0, 8)) + toHex(rndB.subarray(0, 8)));
      }),
      { numRuns: 300 },
    );
  });

  it('a different master key on either side never authenticates', () => {
    fc.assert(
      fc.property(block, block, block, block, (readerKey, hostKey, rndA, rndB) => {
        fc.pre(!bytesEqual(readerKey, hostKey));
        const { response } = hostAnswerChallenge(hostKey, readerChallenge(readerKey, rndA), rndB);
        expect(readerVerifyHost(readerKey, rndA, response)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('a master key that is not 16 bytes is a typed BLE_AUTH_FAILED', () => {
    expect(() => readerChallenge(new Uint8Array(15), new Uint8Array(16))).toThrow(TransportError);
    expect(() => hostAnswerChallenge(new Uint8Array(16), new Uint8Array(3), new Uint8Array(16))).toThrow(
      TransportError,
    );
  });
});
