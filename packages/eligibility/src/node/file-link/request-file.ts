/**
 * The request file written for a real 資格確認端末 (docs/reference/oqs-messages.md#file-link):
 * MessageHeader with only QualificationConfirmationDate, MedicalInstitutionCode and
 * ArbitraryFileIdentifier (what public clients write), and QualificationConfirmSearchInfo for a
 * query by 被保険者証 numbers (照会区分 2). A card check (照会区分 1) happens at the terminal's own
 * reader and arrives as a face result: nothing is written for it, and no element of ours is.
 * @module
 */
import { EligibilityError } from '../../errors.js';
import { isIsoDate } from '../../model/burden-ratio.js';
import type { CharacterCode } from '../../model/codes.js';
import type { NumbersQuery } from '../../service/types.js';
import { buildXmlMsg, compact, toXmlDate } from '../../xml/xml-doc.js';

/**
 * How a 6-digit 国保 InsurerNumber is written in a request. Public clients pad it to 8 characters,
 * one with leading zeros, a published set-up guide with two leading spaces; both are reported to
 * work (docs/reference/oqs-messages.md#file-link, confidence low). Results arrive space-padded and
 * are read trimmed. `as-given` writes the 6 digits unchanged.
 */
export type InsurerNumberPadding = 'zeros' | 'spaces' | 'as-given';

/** Options of {@link encodeTerminalRequest}. */
export interface TerminalRequestOptions {
  readonly encoding?: CharacterCode;
  /** Default `zeros`. */
  readonly insurerNumberPadding?: InsurerNumberPadding;
}

/** The InsurerNumber as written in a request. */
export function padInsurerNumber(insurerNumber: string, padding: InsurerNumberPadding = 'zeros'): string {
  if (!/^\d{6}$/.test(insurerNumber) || padding === 'as-given') return insurerNumber;
  return padding === 'zeros' ? `00${insurerNumber}` : `  ${insurerNumber}`;
}

/** Encodes a query by numbers (照会区分 2) as a real terminal's request file. */
export function encodeTerminalRequest(
  query: NumbersQuery,
  fileId: string,
  options: TerminalRequestOptions = {},
): Uint8Array {
  if (!isIsoDate(query.checkDate))
    throw new EligibilityError('XML_INVALID_VALUE', {
      detail: { element: 'QualificationConfirmationDate', reason: 'not a date' },
    });
  if (!isIsoDate(query.birthDate))
    throw new EligibilityError('XML_INVALID_VALUE', { detail: { element: 'Birthdate', reason: 'not a date' } });
  if (!/^\d{10}$/.test(query.institutionCode))
    throw new EligibilityError('XML_INVALID_VALUE', {
      detail: { element: 'MedicalInstitutionCode', reason: 'not 10 digits' },
    });
  if (!/^(\d{6}|\d{8})$/.test(query.insurerNumber))
    throw new EligibilityError('XML_INVALID_VALUE', {
      detail: { element: 'InsurerNumber', reason: 'not 6 or 8 digits' },
    });
  const header = {
    QualificationConfirmationDate: toXmlDate(query.checkDate),
    MedicalInstitutionCode: query.institutionCode,
    ArbitraryFileIdentifier: fileId,
  };
  const body = {
    QualificationConfirmSearchInfo: compact({
      InsurerNumber: padInsurerNumber(query.insurerNumber, options.insurerNumberPadding),
      InsuredCardSymbol: query.symbol,
      InsuredIdentificationNumber: query.number,
      InsuredBranchNumber: query.branch,
      Birthdate: toXmlDate(query.birthDate),
      LimitApplicationCertificateRelatedConsFlg: query.limitConsent === true ? '1' : '0',
    }),
  };
  return buildXmlMsg({ MessageHeader: header, MessageBody: body }, options.encoding ?? 'utf-8');
}
