/**
 * The query file (`OQSsiquc01req_*.xml`, docs/reference/oqs-messages.md#file-link): MessageHeader with
 * 資格確認日, 医療機関コード, 任意のファイル識別子, 照会区分, 文字コード識別; MessageBody with
 * QualificationConfirmSearchInfo for 照会区分 2. For 照会区分 1 the hospital terminal reads the card
 * itself; onshi-kit's own terminals carry what the desk read in an extension element
 * `OnshikitCardQuery` (base64 certificate, identity mode, challenge and signature), which a
 * real terminal ignores.
 * @module
 */
import { EligibilityError } from '../errors.js';
import { isIsoDate } from '../model/burden-ratio.js';
import type { CharacterCode } from '../model/codes.js';
import type { CardQuery, EligibilityQuery, NumbersQuery } from '../service/types.js';
import { base64ToBytes, bytesToBase64 } from './base64.js';
import { buildXmlMsg, child, compact, fromXmlDate, parseXmlMsg, text, toXmlDate } from './xml-doc.js';

const FILE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

function invalid(element: string, reason: string): never {
  throw new EligibilityError('XML_INVALID_VALUE', { detail: { element, reason } });
}

/** Encodes a query as an XmlMsg request file. */
export function encodeEligibilityRequest(
  query: EligibilityQuery,
  options: { encoding?: CharacterCode } = {},
): Uint8Array {
  const encoding = options.encoding ?? 'utf-8';
  return buildXmlMsg(eligibilityRequestToTree(query, encoding), encoding);
}

/** The XmlMsg element tree of a query (the JSON mirror sends exactly this as `{ XmlMsg: tree }`). */
export function eligibilityRequestToTree(
  query: EligibilityQuery,
  encoding: CharacterCode = 'utf-8',
): Record<string, unknown> {
  if (!FILE_ID.test(query.fileId)) invalid('ArbitraryFileIdentifier', 'not 1-64 of [A-Za-z0-9._:-]');
  if (!isIsoDate(query.checkDate)) invalid('QualificationConfirmationDate', 'not a date');
  const header = compact({
    QualificationConfirmationDate: toXmlDate(query.checkDate),
    MedicalInstitutionCode: query.institutionCode,
    ArbitraryFileIdentifier: query.fileId,
    ReferenceClassification: query.kind === 'card' ? '1' : '2',
    CharacterCodeIdentifier: encoding === 'utf-8' ? '0' : '1',
  });
  const consent = query.limitConsent === true ? '1' : '0';
  const body =
    query.kind === 'numbers'
      ? {
          QualificationConfirmSearchInfo: compact({
            InsurerNumber: query.insurerNumber,
            InsuredCardSymbol: query.symbol,
            InsuredIdentificationNumber: query.number,
            InsuredBranchNumber: query.branch,
            Birthdate: toXmlDate(query.birthDate),
            LimitApplicationCertificateRelatedConsFlg: consent,
          }),
        }
      : {
          LimitApplicationCertificateRelatedConsFlg: consent,
          OnshikitCardQuery: compact({
            Identity: query.identity,
            AuthCertificate: bytesToBase64(query.certificate),
            Challenge: query.signature === undefined ? undefined : bytesToBase64(query.signature.challenge),
            Signature: query.signature === undefined ? undefined : bytesToBase64(query.signature.value),
          }),
        };
  return { MessageHeader: header, MessageBody: body };
}

/** Decodes a request file (what a terminal, or the simulator, reads from `req`). */
export function decodeEligibilityRequest(bytes: Uint8Array): EligibilityQuery {
  return eligibilityRequestFromTree(parseXmlMsg(bytes).root);
}

/** Reads a query from an XmlMsg element tree (from XML or from the JSON mirror). */
export function eligibilityRequestFromTree(root: Record<string, unknown>): EligibilityQuery {
  const header = child(root, 'MessageHeader', 'XmlMsg', true);
  const body = child(root, 'MessageBody', 'XmlMsg', true);
  const h = 'XmlMsg/MessageHeader';
  const checkDate = fromXmlDate(
    text(header, 'QualificationConfirmationDate', h, true),
    'QualificationConfirmationDate',
  ) as string;
  if (!isIsoDate(checkDate)) invalid('QualificationConfirmationDate', 'not a calendar date');
  const fileId = text(header, 'ArbitraryFileIdentifier', h, true);
  if (!FILE_ID.test(fileId)) invalid('ArbitraryFileIdentifier', 'not 1-64 of [A-Za-z0-9._:-]');
  const common = { checkDate, institutionCode: text(header, 'MedicalInstitutionCode', h, true), fileId };
  const classification = text(header, 'ReferenceClassification', h, true);
  if (classification === '2') {
    const info = child(body, 'QualificationConfirmSearchInfo', 'XmlMsg/MessageBody', true);
    const p = 'XmlMsg/MessageBody/QualificationConfirmSearchInfo';
    const birthDate = fromXmlDate(text(info, 'Birthdate', p, true), 'Birthdate') as string;
    if (!isIsoDate(birthDate)) invalid('Birthdate', 'not a calendar date');
    const symbol = text(info, 'InsuredCardSymbol', p);
    const branch = text(info, 'InsuredBranchNumber', p);
    const q: NumbersQuery = {
      kind: 'numbers',
      ...common,
      limitConsent: text(info, 'LimitApplicationCertificateRelatedConsFlg', p) === '1',
      insurerNumber: text(info, 'InsurerNumber', p, true),
      number: text(info, 'InsuredIdentificationNumber', p, true),
      birthDate,
      ...(symbol === undefined ? {} : { symbol }),
      ...(branch === undefined ? {} : { branch }),
    };
    return q;
  }
  if (classification !== '1') invalid('ReferenceClassification', 'not 1 or 2');
  const card = child(body, 'OnshikitCardQuery', 'XmlMsg/MessageBody', true);
  const p = 'XmlMsg/MessageBody/OnshikitCardQuery';
  const identity = text(card, 'Identity', p, true);
  if (identity !== 'visual' && identity !== 'pin') invalid('Identity', 'not visual or pin');
  const challenge = text(card, 'Challenge', p);
  const signature = text(card, 'Signature', p);
  const q: CardQuery = {
    kind: 'card',
    ...common,
    limitConsent: text(body, 'LimitApplicationCertificateRelatedConsFlg', 'XmlMsg/MessageBody') === '1',
    identity,
    certificate: base64ToBytes(text(card, 'AuthCertificate', p, true), 'AuthCertificate'),
    ...(challenge !== undefined && signature !== undefined
      ? {
          signature: { challenge: base64ToBytes(challenge, 'Challenge'), value: base64ToBytes(signature, 'Signature') },
        }
      : {}),
  };
  return q;
}
