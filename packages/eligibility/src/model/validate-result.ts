/**
 * Validation of an eligibility result before it is shown or saved: bad data from a service
 * (missing fields, over-long names, impossible dates) becomes a typed `RESULT_INVALID` error
 * naming the field, never a crash and never silently wrong data (issue 8 §2).
 * @module
 */
import { EligibilityError } from '../errors.js';
import { isQualificationValidity } from './codes.js';
import { deriveBurdenRatio, isIsoDate } from './burden-ratio.js';
import type { EligibilityResult, EligibilityResultInput } from './result.js';

/** Longest accepted text per field (the OQS limits are not public, docs/reference/portal-rules.md#open-questions; these are generous). */
export const RESULT_FIELD_LIMITS = {
  name: 100,
  kana: 100,
  insurerName: 100,
  address: 200,
  symbol: 40,
  number: 40,
  message: 500,
  code: 10,
  referenceNumber: 40,
} as const;

type Fail = (field: string, reason: string) => never;

function fail(field: string, reason: string): never {
  throw new EligibilityError('RESULT_INVALID', { detail: { field, reason } });
}

// Control characters other than none are refused: a name never contains them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

function text(value: unknown, field: string, max: number, required: boolean, f: Fail = fail): string | undefined {
  if (value === undefined || value === null) {
    if (required) f(field, 'missing');
    return undefined;
  }
  if (typeof value !== 'string') f(field, 'not a string');
  const s = value as string;
  if (required && s.trim() === '') f(field, 'empty');
  if (s.length > max) f(field, `longer than ${max}`);
  if (CONTROL.test(s)) f(field, 'control character');
  return s;
}

function date(value: unknown, field: string, required: boolean): string | undefined {
  if (value === undefined || value === null) {
    if (required) fail(field, 'missing');
    return undefined;
  }
  if (!isIsoDate(value)) fail(field, 'not a YYYY-MM-DD calendar date');
  return value as string;
}

function code(value: unknown, field: string, allowed?: readonly string[]): string | undefined {
  const s = text(value, field, RESULT_FIELD_LIMITS.code, false);
  if (s === undefined) return undefined;
  if (allowed !== undefined && !allowed.includes(s)) fail(field, `not one of ${allowed.join('/')}`);
  if (!/^[0-9A-Za-z]+$/.test(s)) fail(field, 'not an alphanumeric code');
  return s;
}

function percent(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 100)
    fail(field, 'not a percent 0-100');
  return value as number;
}

function bool(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') fail(field, 'not a boolean');
  return value as boolean;
}

function object(value: unknown, field: string): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) fail(field, 'not an object');
  return value as Record<string, unknown>;
}

/**
 * Checks every field of a result (input or complete) and returns a fresh, complete
 * {@link EligibilityResult} with `burdenRatio` derived. Unknown properties are dropped (the
 * model keeps only what the workflow needs). Throws `EligibilityError('RESULT_INVALID')`.
 */
export function validateEligibilityResult(input: unknown): EligibilityResult {
  const r = object(input, 'result');
  if (r === undefined) fail('result', 'missing');
  const o = r as Record<string, unknown>;
  if (!isQualificationValidity(o.validity)) fail('validity', 'not 1-6');
  const referenceClassification = o.referenceClassification;
  if (referenceClassification !== 1 && referenceClassification !== 2) fail('referenceClassification', 'not 1 or 2');
  const insurerNumber = text(o.insurerNumber, 'insurerNumber', 8, true) as string;
  if (!/^(\d{6}|\d{8})$/.test(insurerNumber)) fail('insurerNumber', 'not 6 or 8 digits');
  const branch = text(o.branch, 'branch', 2, false);
  if (branch !== undefined && !/^\d{2}$/.test(branch)) fail('branch', 'not 2 digits');
  const postNumber = text(o.postNumber, 'postNumber', 8, false);
  if (postNumber !== undefined && !/^\d{3}-?\d{4}$/.test(postNumber)) fail('postNumber', 'not a postal code');
  const elderly = nonEmpty(object(o.elderlyRecipient, 'elderlyRecipient'));
  const limit = nonEmpty(object(o.limitApplication, 'limitApplication'));
  const sexCodes = ['1', '2', '3'];
  const out: EligibilityResultInput = strip({
    validity: o.validity,
    checkDate: date(o.checkDate, 'checkDate', true) as string,
    referenceClassification,
    insuredCardClassification: code(o.insuredCardClassification, 'insuredCardClassification'),
    insurerNumber,
    insurerName: text(o.insurerName, 'insurerName', RESULT_FIELD_LIMITS.insurerName, false),
    symbol: text(o.symbol, 'symbol', RESULT_FIELD_LIMITS.symbol, false),
    number: text(o.number, 'number', RESULT_FIELD_LIMITS.number, true) as string,
    branch,
    personalFamily: code(o.personalFamily, 'personalFamily', ['1', '2']) as '1' | '2' | undefined,
    insuredName: text(o.insuredName, 'insuredName', RESULT_FIELD_LIMITS.name, false),
    name: text(o.name, 'name', RESULT_FIELD_LIMITS.name, true) as string,
    nameOfOther: text(o.nameOfOther, 'nameOfOther', RESULT_FIELD_LIMITS.name, false),
    nameKana: text(o.nameKana, 'nameKana', RESULT_FIELD_LIMITS.kana, false),
    nameOfOtherKana: text(o.nameOfOtherKana, 'nameOfOtherKana', RESULT_FIELD_LIMITS.kana, false),
    sex1: code(o.sex1, 'sex1', sexCodes) ?? fail('sex1', 'missing'),
    sex2: code(o.sex2, 'sex2', sexCodes),
    birthDate: date(o.birthDate, 'birthDate', true) as string,
    address: text(o.address, 'address', RESULT_FIELD_LIMITS.address, false),
    postNumber,
    qualificationDate: date(o.qualificationDate, 'qualificationDate', false),
    disqualificationDate: date(o.disqualificationDate, 'disqualificationDate', false),
    reasonOfLoss: code(o.reasonOfLoss, 'reasonOfLoss'),
    certificateIssuanceDate: date(o.certificateIssuanceDate, 'certificateIssuanceDate', false),
    cardValidFrom: date(o.cardValidFrom, 'cardValidFrom', false),
    cardValidUntil: date(o.cardValidUntil, 'cardValidUntil', false),
    lateElderlyRatioPercent: percent(o.lateElderlyRatioPercent, 'lateElderlyRatioPercent'),
    preschool: bool(o.preschool, 'preschool'),
    elderlyRecipient:
      elderly === undefined
        ? undefined
        : strip({
            issuanceDate: date(elderly.issuanceDate, 'elderlyRecipient.issuanceDate', false),
            validFrom: date(elderly.validFrom, 'elderlyRecipient.validFrom', false),
            validUntil: date(elderly.validUntil, 'elderlyRecipient.validUntil', false),
            ratioPercent: percent(elderly.ratioPercent, 'elderlyRecipient.ratioPercent'),
          }),
    limitConsent: bool(o.limitConsent, 'limitConsent'),
    limitApplication:
      limit === undefined
        ? undefined
        : strip({
            certificateClassification: code(
              limit.certificateClassification,
              'limitApplication.certificateClassification',
            ),
            applicationClassification: code(
              limit.applicationClassification,
              'limitApplication.applicationClassification',
            ),
            issuanceDate: date(limit.issuanceDate, 'limitApplication.issuanceDate', false),
            validFrom: date(limit.validFrom, 'limitApplication.validFrom', false),
            validUntil: date(limit.validUntil, 'limitApplication.validUntil', false),
            longTermHospitalizationDate: date(
              limit.longTermHospitalizationDate,
              'limitApplication.longTermHospitalizationDate',
              false,
            ),
          }),
    referenceNumber: text(o.referenceNumber, 'referenceNumber', RESULT_FIELD_LIMITS.referenceNumber, false),
    processingResultCode: text(o.processingResultCode, 'processingResultCode', RESULT_FIELD_LIMITS.code, false),
    processingResultMessage: text(
      o.processingResultMessage,
      'processingResultMessage',
      RESULT_FIELD_LIMITS.message,
      false,
    ),
  } as EligibilityResultInput);
  if (out.birthDate > out.checkDate) fail('birthDate', 'after the check date');
  return { ...out, burdenRatio: deriveBurdenRatio(out) };
}

/** Builds a complete result from its input fields (validates and derives `burdenRatio`). */
export function buildEligibilityResult(input: EligibilityResultInput): EligibilityResult {
  return validateEligibilityResult(input);
}

function nonEmpty(value: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  return value !== undefined && Object.values(value).some((v) => v !== undefined) ? value : undefined;
}

/** `T` with every property that may be `undefined` made optional instead (what {@link strip} returns). */
export type Stripped<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/** Drops `undefined` properties so results compare and serialise cleanly. */
export function strip<T extends object>(value: T): Stripped<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as Stripped<T>;
}
