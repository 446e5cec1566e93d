import { createHash } from 'node:crypto';
import { toHex } from '@onshikit/apdu';
import { CardError, classifyTokenLabel, digestInfoFor, digestInfoOf } from '@onshikit/mynumber';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const te = new TextEncoder();

describe('classifyTokenLabel (docs/reference/card-protocol.md#jpki-files, docs/reference/card-protocol.md#token-info)', () => {
  it('trims space and NUL padding', () => {
    expect(classifyTokenLabel(te.encode('JPKIAPICCTOKEN2     ')).kind).toBe('mynumber-card');
    expect(classifyTokenLabel(Uint8Array.from([...te.encode('JPKIAPICCTOKEN'), 0, 0, 0])).kind).toBe('juki-card');
    expect(classifyTokenLabel(te.encode('JPKIAPGPSETOKEN')).authCertificateNeedsPin).toBe(true);
  });
  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => typeof classifyTokenLabel(b).label === 'string'),
      { numRuns: 500 },
    );
  });
});

describe('DigestInfo (docs/reference/card-protocol.md#signature)', () => {
  it('matches docs/reference/card-protocol.md#trace SHA-256 prefix', async () => {
    const data = te.encode('hello');
    const info = await digestInfoOf('SHA-256', data);
    expect(toHex(info.subarray(0, 19), { separator: ' ' })).toBe(
      '30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20',
    );
    expect(toHex(info.subarray(19))).toBe(createHash('sha256').update(data).digest('hex').toUpperCase());
    expect(info).toHaveLength(51);
  });
  it.each([
    ['SHA-1', 'sha1'],
    ['SHA-384', 'sha384'],
    ['SHA-512', 'sha512'],
  ] as const)('%s DigestInfo wraps the node digest', async (algorithm, node) => {
    const info = await digestInfoOf(algorithm, te.encode('x'));
    expect(toHex(info).endsWith(createHash(node).update('x').digest('hex').toUpperCase())).toBe(true);
  });
  it('rejects a digest of the wrong length', () => {
    expect(() => digestInfoFor('SHA-256', new Uint8Array(31))).toThrow(CardError);
  });
});
