import { encodeTlv } from '@onshikit/apdu';
import { CardError, parseBasicInfo, parseFaceImage } from '@onshikit/mynumber';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basicInfoFile, faceFile, JP2_PHOTO } from './support/fake-fixture.js';

describe('parseBasicInfo (docs/reference/card-protocol.md#basic-four)', () => {
  it('parses name, address, birth date and sex', () => {
    expect(parseBasicInfo(basicInfoFile())).toEqual({
      name: '山田\u3000花子',
      familyName: '山田',
      givenName: '花子',
      address: '東京都千代田区霞が関１丁目２番３号',
      birthDate: { year: 1980, month: 2, day: 17, iso: '1980-02-17' },
      sex: 'female',
      sexCode: '2',
    });
  });

  it.each([
    ['1', 'male'],
    ['2', 'female'],
    ['9', 'not-applicable'],
    ['0', 'unknown'],
    ['3', 'other'],
  ])('sex code %s is %s', (code, sex) => {
    expect(parseBasicInfo(basicInfoFile({ sex: code })).sex).toBe(sex);
  });

  it('sex code 3 is configurable (docs/reference/card-protocol.md#conflicts item 5)', () => {
    expect(parseBasicInfo(basicInfoFile({ sex: '3' }), { sexCodeThree: 'unknown' }).sex).toBe('unknown');
  });

  it('handles long addresses (two-byte BER length)', () => {
    const address = '北海道'.repeat(60);
    const info = parseBasicInfo(basicInfoFile({ address }));
    expect(info.address).toBe(address);
  });

  it('rejects impossible dates and unknown codes with CARD_DATA_INVALID', () => {
    for (const file of [
      basicInfoFile({ birth: '19800230' }),
      basicInfoFile({ birth: 'H01.01.01' }),
      basicInfoFile({ sex: '7' }),
    ]) {
      expect(() => parseBasicInfo(file)).toThrow(CardError);
    }
    expect(() => parseBasicInfo(encodeTlv(0xff30, new Uint8Array(0)))).toThrow(/CARD_DATA_INVALID/);
  });

  it('round-trips arbitrary names, addresses and dates', () => {
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 });
    const date = fc.date({
      min: new Date(Date.UTC(1900, 0, 1)),
      max: new Date(Date.UTC(2099, 11, 31)),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(text, text, text, date, fc.constantFrom('0', '1', '2', '9'), (family, given, address, birth, sex) => {
        const iso = birth.toISOString().slice(0, 10);
        const name = `${family.replaceAll('\u3000', ' ')}\u3000${given}`;
        const info = parseBasicInfo(basicInfoFile({ name, address, birth: iso.replaceAll('-', ''), sex }));
        expect(info.name).toBe(name);
        expect(info.familyName).toBe(family.replaceAll('\u3000', ' '));
        expect(info.address).toBe(address);
        expect(info.birthDate.iso).toBe(iso);
      }),
      { numRuns: 300 },
    );
  });

  it('arbitrary bytes throw only CardError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        for (const parse of [parseBasicInfo, parseFaceImage]) {
          try {
            parse(bytes);
          } catch (error) {
            if (!(error instanceof CardError)) return false;
          }
        }
        return true;
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parseFaceImage (docs/reference/card-protocol.md#card-face)', () => {
  it('returns the JP2 photo as a view', () => {
    const file = faceFile();
    const face = parseFaceImage(file);
    expect(face.mimeType).toBe('image/jp2');
    expect(face.image).toEqual(JP2_PHOTO);
    expect(face.image.buffer).toBe(file.buffer);
  });
});
