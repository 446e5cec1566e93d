import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { EligibilityError, type EligibilityQuery } from '@onshikit/eligibility';
import {
  decodeEligibilityRequest,
  decodeEligibilityResponse,
  detectXmlEncoding,
  encodeEligibilityRequest,
  encodeEligibilityResponse,
  encodeText,
} from '@onshikit/eligibility/xml';
import { jpText, responseArbitrary, sjisText } from './support/arbitraries.js';

const numbersQuery: EligibilityQuery = {
  kind: 'numbers',
  checkDate: '2026-11-26',
  institutionCode: '1312345678',
  fileId: 'chk-42',
  limitConsent: true,
  insurerNumber: '06130017',
  symbol: '埼玉-12',
  number: '345',
  branch: '01',
  birthDate: '1980-02-17',
};

const cardQuery: EligibilityQuery = {
  kind: 'card',
  checkDate: '2026-11-26',
  institutionCode: '1312345678',
  fileId: 'chk-43',
  limitConsent: false,
  identity: 'pin',
  certificate: new Uint8Array([0x30, 0x82, 0x01, 0x00, 0xff]),
  signature: { challenge: new Uint8Array([1, 2, 3]), value: new Uint8Array(256).fill(9) },
};

function expectTyped(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof EligibilityError)) throw error;
  }
}

describe('XmlMsg request codec', () => {
  it('round-trips a query by numbers in UTF-8 and Shift_JIS', () => {
    for (const encoding of ['utf-8', 'shift_jis'] as const) {
      const bytes = encodeEligibilityRequest(numbersQuery, { encoding });
      expect(detectXmlEncoding(bytes)).toBe(encoding);
      expect(decodeEligibilityRequest(bytes)).toEqual(numbersQuery);
    }
    const text = new TextDecoder().decode(encodeEligibilityRequest(numbersQuery));
    expect(text).toContain('<ReferenceClassification>2</ReferenceClassification>');
    expect(text).toContain('<Birthdate>19800217</Birthdate>');
    expect(text).toContain('<InsuredBranchNumber>01</InsuredBranchNumber>');
  });
  it('round-trips a card query with certificate and signature', () => {
    expect(decodeEligibilityRequest(encodeEligibilityRequest(cardQuery, { encoding: 'shift_jis' }))).toEqual(cardQuery);
  });
  it('rejects a bad file id before writing', () => {
    expect(() => encodeEligibilityRequest({ ...numbersQuery, fileId: '../etc' })).toThrow(EligibilityError);
  });
});

describe('XmlMsg response codec', () => {
  it('reads a hand-written Shift_JIS result with 国保 padded insurer number and one result', () => {
    const xml = `<?xml version="1.0" encoding="Shift_JIS"?>
<XmlMsg><MessageHeader><ProcessExecutionTime>20261126091011</ProcessExecutionTime><QualificationConfirmationDate>20261126</QualificationConfirmationDate>
<MedicalInstitutionCode>1312345678</MedicalInstitutionCode><ArbitraryFileIdentifier>chk-1</ArbitraryFileIdentifier><ReferenceClassification>1</ReferenceClassification>
<SegmentOfResult>1</SegmentOfResult><CharacterCodeIdentifier>1</CharacterCodeIdentifier></MessageHeader>
<MessageBody><ProcessingResultStatus>1</ProcessingResultStatus><QualificationValidity>1</QualificationValidity><ResultList><ResultOfQualificationConfirmation>
<InsurerNumber>  138057</InsurerNumber><InsuredCardSymbol>ｱｲ</InsuredCardSymbol><InsuredIdentificationNumber>123</InsuredIdentificationNumber><InsuredBranchNumber>00</InsuredBranchNumber>
<PersonalFamilyClassification>1</PersonalFamilyClassification><Name>山田　花子</Name><NameKana>ﾔﾏﾀﾞ ﾊﾅｺ</NameKana><Sex1>2</Sex1><Birthdate>19520401</Birthdate>
<ElderlyRecipientCertificateInfo><ElderlyRecipientContributionRatio>030</ElderlyRecipientContributionRatio></ElderlyRecipientCertificateInfo>
</ResultOfQualificationConfirmation></ResultList></MessageBody></XmlMsg>`;
    const response = decodeEligibilityResponse(iconv.encode(xml, 'cp932'));
    expect(response.validity).toBe(1);
    expect(response.results).toHaveLength(1);
    const r = response.results[0];
    expect(r).toMatchObject({
      insurerNumber: '138057',
      branch: '00',
      name: '山田　花子',
      nameKana: 'ﾔﾏﾀﾞ ﾊﾅｺ',
      birthDate: '1952-04-01',
    });
    expect(r?.burdenRatio).toMatchObject({ percent: 30, rule: 'elderly-recipient-ratio', ageOnCheckDate: 74 });
  });

  it('round-trips arbitrary responses (0..3 results) in UTF-8', () => {
    fc.assert(
      fc.property(responseArbitrary(jpText), (response) => {
        expect(decodeEligibilityResponse(encodeEligibilityResponse(response))).toEqual(response);
      }),
      { numRuns: 120 },
    );
  });

  it('round-trips arbitrary responses in Shift_JIS and the header says so', () => {
    fc.assert(
      fc.property(responseArbitrary(sjisText), (response) => {
        const bytes = encodeEligibilityResponse(response, { encoding: 'shift_jis' });
        expect(detectXmlEncoding(bytes)).toBe('shift_jis');
        expect(decodeEligibilityResponse(bytes)).toEqual(response);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a character Shift_JIS cannot carry instead of writing "?"', () => {
    expect(() => encodeText('𠮷', 'shift_jis')).toThrow(EligibilityError);
  });

  it('never throws anything untyped on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        expectTyped(() => decodeEligibilityResponse(bytes));
        expectTyped(() => decodeEligibilityRequest(bytes));
      }),
      { numRuns: 500 },
    );
  });

  it('never throws anything untyped on mutated or truncated valid files', () => {
    fc.assert(
      fc.property(
        responseArbitrary(sjisText),
        fc.constantFrom('utf-8', 'shift_jis' as const),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        fc.nat(),
        (response, encoding, edits, cut) => {
          const bytes = encodeEligibilityResponse(response, { encoding }).slice();
          for (const [at, value] of edits) bytes[at % bytes.length] = value;
          expectTyped(() => decodeEligibilityResponse(bytes));
          expectTyped(() => decodeEligibilityResponse(bytes.subarray(0, cut % (bytes.length + 1))));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reports malformed XML with a typed error and position', () => {
    try {
      decodeEligibilityResponse(new TextEncoder().encode('<XmlMsg><MessageHeader></XmlMsg>'));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EligibilityError);
      expect((error as EligibilityError).code).toBe('XML_MALFORMED');
      expect((error as EligibilityError<'XML_MALFORMED'>).detail.line).toBe(1);
    }
  });

  it('our Shift_JIS encoder agrees with iconv-lite cp932 on names', () => {
    fc.assert(
      fc.property(sjisText(40), (text) => {
        expect([...encodeText(text, 'shift_jis')]).toEqual([...iconv.encode(text, 'cp932')]);
      }),
      { numRuns: 300 },
    );
    const jisLevel1 = Array.from({ length: 0x9fa0 - 0x4e00 }, (_, i) => String.fromCharCode(0x4e00 + i)).filter(
      (c) => iconv.decode(iconv.encode(c, 'cp932'), 'cp932') === c,
    );
    const sample = jisLevel1.filter((_, i) => i % 7 === 0).join('');
    expect([...encodeText(sample, 'shift_jis')]).toEqual([...iconv.encode(sample, 'cp932')]);
  });
});
