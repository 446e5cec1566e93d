// Issue 14: the XML codec must not expand DTD entities (`<!ENTITY a "INJECTED">` became a field
// value) nor silently drop `&#0;`: any DOCTYPE and any reference to a character XML does not
// allow is a typed XML_MALFORMED, never data.
import { EligibilityError, type EligibilityErrorCode } from '@onshikit/eligibility';
import { decodeEligibilityResponse } from '@onshikit/eligibility/xml';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

function doc(name: string, prolog = ''): Uint8Array {
  return new TextEncoder().encode(`<?xml version="1.0" encoding="UTF-8"?>
${prolog}<XmlMsg><MessageHeader><ProcessExecutionTime>20261126091011</ProcessExecutionTime><QualificationConfirmationDate>20261126</QualificationConfirmationDate>
<MedicalInstitutionCode>1312345678</MedicalInstitutionCode><ArbitraryFileIdentifier>chk-1</ArbitraryFileIdentifier><ReferenceClassification>1</ReferenceClassification>
<SegmentOfResult>1</SegmentOfResult><CharacterCodeIdentifier>2</CharacterCodeIdentifier></MessageHeader>
<MessageBody><ProcessingResultStatus>1</ProcessingResultStatus><QualificationValidity>1</QualificationValidity><ResultList><ResultOfQualificationConfirmation>
<InsurerNumber>06130017</InsurerNumber><InsuredCardSymbol>12</InsuredCardSymbol><InsuredIdentificationNumber>123</InsuredIdentificationNumber><InsuredBranchNumber>00</InsuredBranchNumber>
<PersonalFamilyClassification>1</PersonalFamilyClassification><Name>${name}</Name><NameKana>ﾔﾏﾀﾞ ﾊﾅｺ</NameKana><Sex1>2</Sex1><Birthdate>19800401</Birthdate>
</ResultOfQualificationConfirmation></ResultList></MessageBody></XmlMsg>`);
}

function failure(bytes: Uint8Array): { code: EligibilityErrorCode; reason: unknown } | { name: string } {
  try {
    return { name: decodeEligibilityResponse(bytes).results[0]?.name ?? '' };
  } catch (error) {
    if (!(error instanceof EligibilityError)) throw error;
    const detail: Readonly<Record<string, unknown>> = error.detail;
    return { code: error.code, reason: detail.reason };
  }
}

describe('security: XML codec', () => {
  it('reads the plain document and the five predefined entities and character references', () => {
    expect(failure(doc('山田 花子'))).toEqual({ name: '山田 花子' });
    expect(failure(doc('山田&amp;&lt;&gt;&quot;&apos;&#x5C71;&#23665;&#x20BB7;'))).toEqual({
      name: '山田&<>"\'山山𠮷',
    });
    // `&` inside a comment or a CDATA section is literal.
    expect(failure(doc('山田<!-- & -->'))).toEqual({ name: '山田' });
  });

  it.each([
    ['internal entity', '<!DOCTYPE XmlMsg [<!ENTITY a "INJECTED">]>\n', '&a;'],
    ['internal entity, no use', '<!DOCTYPE XmlMsg [<!ENTITY a "INJECTED">]>\n', '山田'],
    ['bare DOCTYPE', '<!DOCTYPE XmlMsg>\n', '山田'],
    ['external DTD', '<!DOCTYPE XmlMsg SYSTEM "file:///etc/passwd">\n', '山田'],
    ['lower-case doctype', '<!doctype XmlMsg [<!ENTITY a "X">]>\n', '&a;'],
    [
      'entity expansion bomb',
      `<!DOCTYPE XmlMsg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n`,
      '&b;&b;&b;',
    ],
  ])('refuses a DOCTYPE (%s) with XML_MALFORMED', (_name, prolog, name) => {
    expect(failure(doc(name, prolog))).toEqual({ code: 'XML_MALFORMED', reason: 'doctype' });
  });

  it.each(['&#0;', '&#x0;', '&#x00000;', '&#1;', '&#x1F;', '&#xFFFE;', '&#xD800;', '&#x110000;', '&#99999999999;'])(
    'refuses the character reference %s instead of dropping it',
    (ref) => {
      expect(failure(doc(`山${ref}田`))).toEqual({ code: 'XML_MALFORMED', reason: 'character reference' });
    },
  );

  it.each(['&nbsp;', '&copy;', '&unknown;'])('refuses the undeclared entity %s', (ref) => {
    expect(failure(doc(`山${ref}田`))).toMatchObject({ code: 'XML_MALFORMED' });
  });

  // (A lone surrogate cannot reach the text: the decoders are fatal on invalid UTF-8 and Shift_JIS.)
  it.each(['\u0001', '\u0000', '\uFFFF', '\u001B'])('refuses the raw character %j XML does not allow', (raw) => {
    expect(failure(doc(`山${raw}田`))).toMatchObject({ code: 'XML_MALFORMED', reason: 'invalid character' });
  });

  it('any DOCTYPE anywhere before the root, with any internal subset, is refused', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('DOCTYPE', 'doctype', 'DocType'),
        fc.string({ maxLength: 30 }).map((s) => s.replace(/[<>\]]/g, '')),
        (keyword, subset) => {
          expect(failure(doc('&a;', `<!${keyword} XmlMsg [<!ENTITY a "${subset}">]>\n`))).toMatchObject({
            code: 'XML_MALFORMED',
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
