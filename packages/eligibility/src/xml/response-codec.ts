/**
 * The result file (`OQSsiquc01res_*.xml`, docs/reference/oqs-messages.md#envelope, docs/reference/oqs-messages.md#result-fields): header, per-person
 * status, 資格有効性 and a ResultList of one or many ResultOfQualificationConfirmation. Each
 * decoded result is validated by the model (`RESULT_INVALID` for bad data) and gets its derived
 * burden ratio. Medical-information consents, addresses of other people and the like are not
 * read (資格確認限定型 returns eligibility only, docs/reference/portal-rules.md#consent).
 * @module
 */
import { EligibilityError } from '../errors.js';
import { isIsoDate } from '../model/burden-ratio.js';
import type { CharacterCode, QualificationValidity, ReferenceClassification } from '../model/codes.js';
import type { EligibilityResponse, EligibilityResponseHeader, EligibilityResult } from '../model/result.js';
import { strip, validateEligibilityResult } from '../model/validate-result.js';
import {
  buildXmlMsg,
  child,
  compact,
  fromXmlDate,
  fromXmlDateTime,
  parseXmlMsg,
  text,
  toXmlDate,
  toXmlDateTime,
} from './xml-doc.js';

type Kind = 'text' | 'date' | 'ratio' | 'flag';

/** ResultOfQualificationConfirmation element ↔ model field (docs/reference/oqs-messages.md#result-fields). */
const RESULT_FIELDS: readonly (readonly [string, keyof EligibilityResult, Kind])[] = [
  ['InsuredCardClassification', 'insuredCardClassification', 'text'],
  ['InsurerNumber', 'insurerNumber', 'text'],
  ['InsurerName', 'insurerName', 'text'],
  ['InsuredCardSymbol', 'symbol', 'text'],
  ['InsuredIdentificationNumber', 'number', 'text'],
  ['InsuredBranchNumber', 'branch', 'text'],
  ['PersonalFamilyClassification', 'personalFamily', 'text'],
  ['InsuredName', 'insuredName', 'text'],
  ['Name', 'name', 'text'],
  ['NameOfOther', 'nameOfOther', 'text'],
  ['NameKana', 'nameKana', 'text'],
  ['NameOfOtherKana', 'nameOfOtherKana', 'text'],
  ['Sex1', 'sex1', 'text'],
  ['Sex2', 'sex2', 'text'],
  ['Birthdate', 'birthDate', 'date'],
  ['Address', 'address', 'text'],
  ['PostNumber', 'postNumber', 'text'],
  ['QualificationDate', 'qualificationDate', 'date'],
  ['DisqualificationDate', 'disqualificationDate', 'date'],
  ['ReasonOfLoss', 'reasonOfLoss', 'text'],
  ['InsuredCertificateIssuanceDate', 'certificateIssuanceDate', 'date'],
  ['InsuredCardValidDate', 'cardValidFrom', 'date'],
  ['InsuredCardExpirationDate', 'cardValidUntil', 'date'],
  ['InsuredPartialContributionRatio', 'lateElderlyRatioPercent', 'ratio'],
  ['PreschoolClassification', 'preschool', 'flag'],
  ['LimitApplicationCertificateRelatedConsFlg', 'limitConsent', 'flag'],
  ['ReferenceNumber', 'referenceNumber', 'text'],
];

const ELDERLY_FIELDS = [
  ['ElderlyRecipientCertificateDate', 'issuanceDate', 'date'],
  ['ElderlyRecipientValidStartDate', 'validFrom', 'date'],
  ['ElderlyRecipientValidEndDate', 'validUntil', 'date'],
  ['ElderlyRecipientContributionRatio', 'ratioPercent', 'ratio'],
] as const;

const LIMIT_FIELDS = [
  ['LimitApplicationCertificateClassification', 'certificateClassification', 'text'],
  ['LimitApplicationCertificateClassificationFlag', 'applicationClassification', 'text'],
  ['LimitApplicationCertificateDate', 'issuanceDate', 'date'],
  ['LimitApplicationCertificateValidStartDate', 'validFrom', 'date'],
  ['LimitApplicationCertificateValidEndDate', 'validUntil', 'date'],
  ['LimitApplicationCertificateLongTermDate', 'longTermHospitalizationDate', 'date'],
] as const;

function readField(parent: Record<string, unknown>, element: string, kind: Kind, path: string): unknown {
  const raw = text(parent, element, path);
  if (raw === undefined) return undefined;
  switch (kind) {
    case 'date':
      return fromXmlDate(raw, element);
    case 'ratio':
      // 3-digit percent, "010" = 1割 (docs/reference/oqs-messages.md#result-fields).
      if (!/^\d{1,3}$/.test(raw))
        throw new EligibilityError('XML_INVALID_VALUE', { detail: { element, reason: 'not a 3-digit percent' } });
      return Number(raw);
    case 'flag':
      if (raw !== '0' && raw !== '1' && raw !== '2')
        throw new EligibilityError('XML_INVALID_VALUE', { detail: { element, reason: 'not 0/1' } });
      return raw === '1';
    default:
      return raw;
  }
}

function writeField(value: unknown, kind: Kind): string | undefined {
  if (value === undefined) return undefined;
  switch (kind) {
    case 'date':
      return toXmlDate(value as string);
    case 'ratio':
      return String(value).padStart(3, '0');
    case 'flag':
      return value === true ? '1' : undefined;
    default:
      return value as string;
  }
}

function readGroup(
  parent: Record<string, unknown>,
  fields: readonly (readonly [string, string, Kind])[],
  path: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [element, key, kind] of fields) out[key] = readField(parent, element, kind, path);
  return strip(out);
}

function writeGroup(source: object, fields: readonly (readonly [string, string, Kind])[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const s = source as Record<string, unknown>;
  for (const [element, key, kind] of fields) out[element] = writeField(s[key], kind);
  return compact(out);
}

/** Encodes a response as an XmlMsg result file (what a terminal writes to `res`). */
export function encodeEligibilityResponse(
  response: EligibilityResponse,
  options: { encoding?: CharacterCode } = {},
): Uint8Array {
  const encoding = options.encoding ?? 'utf-8';
  return buildXmlMsg(eligibilityResponseToTree(response, encoding), encoding);
}

/** The XmlMsg element tree of a response (the JSON mirror's `XmlMsg`). */
export function eligibilityResponseToTree(
  response: EligibilityResponse,
  encoding: CharacterCode = 'utf-8',
): Record<string, unknown> {
  const h = response.header;
  const header = compact({
    ProcessExecutionTime: toXmlDateTime(h.processedAt),
    QualificationConfirmationDate: toXmlDate(h.checkDate),
    MedicalInstitutionCode: h.institutionCode,
    ArbitraryFileIdentifier: h.fileId,
    ReferenceClassification: String(h.referenceClassification),
    SegmentOfResult: String(h.segmentOfResult),
    ErrorCode: h.errorCode,
    ErrorMessage: h.errorMessage,
    CharacterCodeIdentifier: encoding === 'utf-8' ? '0' : '1',
  });
  const results = response.results.map((r) => {
    const entry = writeGroup(r, RESULT_FIELDS as readonly (readonly [string, string, Kind])[]);
    if (r.elderlyRecipient !== undefined)
      entry.ElderlyRecipientCertificateInfo = writeGroup(r.elderlyRecipient, ELDERLY_FIELDS);
    if (r.limitApplication !== undefined)
      entry.LimitApplicationCertificateRelatedInfo = writeGroup(r.limitApplication, LIMIT_FIELDS);
    return entry;
  });
  const body = compact({
    ProcessingResultStatus: String(response.status),
    ProcessingResultCode: response.processingResultCode,
    ProcessingResultMessage: response.processingResultMessage,
    QualificationValidity: response.validity === undefined ? undefined : String(response.validity),
    ResultList: results.length === 0 ? undefined : { ResultOfQualificationConfirmation: results },
  });
  return { MessageHeader: header, MessageBody: body };
}

function oneOf<T extends number>(value: string | undefined, allowed: readonly T[], element: string): T | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d$/.test(value) || !allowed.includes(n as T))
    throw new EligibilityError('XML_INVALID_VALUE', { detail: { element, reason: `not one of ${allowed.join('/')}` } });
  return n as T;
}

/** Decodes a result file; every result is validated (`RESULT_INVALID` names the field). */
export function decodeEligibilityResponse(bytes: Uint8Array): EligibilityResponse {
  return eligibilityResponseFromTree(parseXmlMsg(bytes).root);
}

/** Reads a response from an XmlMsg element tree (from XML or from the JSON mirror). */
export function eligibilityResponseFromTree(root: Record<string, unknown>): EligibilityResponse {
  const hp = 'XmlMsg/MessageHeader';
  const header = child(root, 'MessageHeader', 'XmlMsg', true);
  const checkDate = fromXmlDate(
    text(header, 'QualificationConfirmationDate', hp, true),
    'QualificationConfirmationDate',
  ) as string;
  if (!isIsoDate(checkDate))
    throw new EligibilityError('XML_INVALID_VALUE', {
      detail: { element: 'QualificationConfirmationDate', reason: 'not a calendar date' },
    });
  const referenceClassification = oneOf<ReferenceClassification>(
    text(header, 'ReferenceClassification', hp, true),
    [1, 2],
    'ReferenceClassification',
  ) as ReferenceClassification;
  // 処理結果区分 (OQSCD003): 1 正常終了, 2 処理中, 9 異常終了. One public implementation writes 3 for
  // 異常終了 (docs/reference/oqs-messages.md#envelope): read it as 9, so it ends as a typed service error
  // (SERVICE_PROCESSING_ERROR) rather than a refused file.
  const rawSegment = oneOf<1 | 2 | 3 | 9>(text(header, 'SegmentOfResult', hp, true), [1, 2, 3, 9], 'SegmentOfResult') as
    | 1
    | 2
    | 3
    | 9;
  const segmentOfResult: 1 | 2 | 9 = rawSegment === 3 ? 9 : rawSegment;
  const h: EligibilityResponseHeader = strip({
    processedAt: fromXmlDateTime(text(header, 'ProcessExecutionTime', hp), 'ProcessExecutionTime'),
    checkDate,
    institutionCode: text(header, 'MedicalInstitutionCode', hp, true),
    fileId: text(header, 'ArbitraryFileIdentifier', hp, true),
    referenceClassification,
    segmentOfResult,
    errorCode: text(header, 'ErrorCode', hp),
    errorMessage: text(header, 'ErrorMessage', hp),
  });
  const body = child(root, 'MessageBody', 'XmlMsg');
  if (body === undefined) {
    if (segmentOfResult === 1)
      throw new EligibilityError('XML_MISSING_ELEMENT', { detail: { element: 'XmlMsg/MessageBody' } });
    return { header: h, status: 2, results: [] };
  }
  const bp = 'XmlMsg/MessageBody';
  const status = (oneOf<1 | 2>(text(body, 'ProcessingResultStatus', bp), [1, 2], 'ProcessingResultStatus') ??
    (segmentOfResult === 1 ? 1 : 2)) as 1 | 2;
  const validity = oneOf<QualificationValidity>(
    text(body, 'QualificationValidity', bp),
    [1, 2, 3, 4, 5, 6],
    'QualificationValidity',
  );
  const processingResultCode = text(body, 'ProcessingResultCode', bp);
  const processingResultMessage = text(body, 'ProcessingResultMessage', bp);
  const list = child(body, 'ResultList', bp);
  const listed = list?.ResultOfQualificationConfirmation ?? [];
  // One or many: a single result may come as an element rather than a list (docs/reference/oqs-messages.md#envelope).
  const rawResults = (Array.isArray(listed) ? listed : [listed]) as unknown[];
  const results = rawResults.map((raw, i) => {
    const path = `${bp}/ResultList/ResultOfQualificationConfirmation[${i}]`;
    if (typeof raw !== 'object' || raw === null)
      throw new EligibilityError('XML_INVALID_VALUE', { detail: { element: path, reason: 'not an element' } });
    const r = raw as Record<string, unknown>;
    const fields = readGroup(r, RESULT_FIELDS as readonly (readonly [string, string, Kind])[], path);
    const elderly = child(r, 'ElderlyRecipientCertificateInfo', path);
    const limit = child(r, 'LimitApplicationCertificateRelatedInfo', path);
    if (validity === undefined)
      throw new EligibilityError('XML_MISSING_ELEMENT', { detail: { element: `${bp}/QualificationValidity` } });
    return validateEligibilityResult({
      ...fields,
      validity,
      checkDate,
      referenceClassification,
      ...(elderly === undefined
        ? {}
        : { elderlyRecipient: readGroup(elderly, ELDERLY_FIELDS, `${path}/ElderlyRecipientCertificateInfo`) }),
      ...(limit === undefined
        ? {}
        : { limitApplication: readGroup(limit, LIMIT_FIELDS, `${path}/LimitApplicationCertificateRelatedInfo`) }),
    });
  });
  if (status === 1 && validity === undefined)
    throw new EligibilityError('XML_MISSING_ELEMENT', { detail: { element: `${bp}/QualificationValidity` } });
  return strip({ header: h, status, processingResultCode, processingResultMessage, validity, results });
}
