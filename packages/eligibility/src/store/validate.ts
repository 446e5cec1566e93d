/**
 * Validation shared by every `RececonStore` adapter, so bad data is rejected with a typed
 * `StoreError` before it reaches a database (issue 8 §2).
 * @module
 */
import { EligibilityError, StoreError } from '../errors.js';
import { CHECK_OUTCOMES } from '../model/codes.js';
import type { CheckOutcome } from '../model/codes.js';
import { validateEligibilityResult } from '../model/validate-result.js';
import type { AuditEntryInput, AuditQuery, CheckQuery, CheckRecord, IdentityMode } from './types.js';

const CHECK_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const UTC_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const MODES: readonly IdentityMode[] = ['visual', 'pin', 'manual'];
const ACTIONS = ['check', 'link-patient', 'purge', 'view', 'unlock', 'unlock-failed', 'lock', 'settings', 'register'];
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this guard looks for
const CONTROL = /[\u0000-\u001f\u007f]/;
// A UTF-16 surrogate without its partner: SQLite stores it altered and PostgreSQL maps it to
// U+FFFD (two different values would collide), so it is refused rather than stored wrongly.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Digits of any script (full width too) joined by at most one separator: spaces, hyphens, dashes,
// minus signs and the long-vowel mark typed for a hyphen in kana mode.
const DIGIT_RUN = /\p{Nd}+(?:[\s\-\u2010-\u2015\u2212\uFF0D\u30FC\uFF70]\p{Nd}+)*/gu;

/**
 * True when `s` holds what looks like an individual number (個人番号): a run of exactly twelve
 * digits, also in full width (`１２３４５６７８９０１２`) or grouped with separators
 * (`1234-5678-9012`, `1234 5678 9012`). Never stored, whatever field it is typed into.
 */
export function looksLikeIndividualNumber(s: string): boolean {
  for (const match of s.normalize('NFKC').matchAll(DIGIT_RUN)) {
    let digits = 0;
    for (const c of match[0]) if (/\p{Nd}/u.test(c)) digits += 1;
    if (digits === 12) return true;
  }
  return false;
}

/** True when every UTF-16 surrogate in `s` is part of a pair (the string is well-formed Unicode). */
export function isWellFormedText(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

/** Refuses any string with a lone surrogate anywhere inside `value` (objects and arrays walked). */
function assertWellFormedDeep(
  value: unknown,
  field: string,
  code: 'STORE_INVALID_RECORD' | 'STORE_INVALID_QUERY',
  depth = 0,
): void {
  if (typeof value === 'string') {
    if (!isWellFormedText(value)) bad(code, field, 'lone surrogate (not well-formed Unicode)');
    return;
  }
  if (typeof value !== 'object' || value === null || depth > 16) return;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) assertWellFormedDeep(item, `${field}[${i}]`, code, depth + 1);
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if (!isWellFormedText(key)) bad(code, field, 'lone surrogate in a key');
    assertWellFormedDeep(item, `${field}.${key}`, code, depth + 1);
  }
}

function bad(code: 'STORE_INVALID_RECORD' | 'STORE_INVALID_QUERY', field: string, reason: string): never {
  throw new StoreError(code, { detail: { field, reason } });
}

/** True for an ISO 8601 UTC date-time that names a real instant (`…Z`). */
export function isUtcDateTime(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    UTC_DATE_TIME.test(value) &&
    !Number.isNaN(Date.parse(value)) &&
    new Date(value).toISOString().slice(0, 19) === value.slice(0, 19)
  );
}

/** Normalises an accepted UTC date-time to `toISOString()` form (millisecond precision). */
export function normalizeUtc(value: string): string {
  return new Date(value).toISOString();
}

function plainText(
  value: unknown,
  field: string,
  max: number,
  code: 'STORE_INVALID_RECORD' | 'STORE_INVALID_QUERY',
): string {
  if (typeof value !== 'string' || value.trim() === '') bad(code, field, 'missing or empty');
  const s = value as string;
  if (s.length > max) bad(code, field, `longer than ${max}`);
  if (CONTROL.test(s)) bad(code, field, 'control character');
  if (!isWellFormedText(s)) bad(code, field, 'lone surrogate (not well-formed Unicode)');
  if (looksLikeIndividualNumber(s)) bad(code, field, 'looks like an individual number');
  return s;
}

/** Checks a check id: 1-64 characters of `[A-Za-z0-9._:-]`. */
export function validateCheckId(
  value: unknown,
  code: 'STORE_INVALID_RECORD' | 'STORE_INVALID_QUERY' = 'STORE_INVALID_RECORD',
): string {
  if (typeof value !== 'string' || !CHECK_ID.test(value)) bad(code, 'checkId', 'not 1-64 of [A-Za-z0-9._:-]');
  return value as string;
}

/**
 * Validates a record and returns a normalised copy (timestamps in `toISOString()` form, the
 * result re-validated and its burden ratio re-derived, unknown properties dropped). Throws
 * `StoreError('STORE_INVALID_RECORD')` naming the field.
 */
export function validateCheckRecord(input: unknown): CheckRecord {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    bad('STORE_INVALID_RECORD', 'record', 'not an object');
  assertWellFormedDeep(input, 'record', 'STORE_INVALID_RECORD');
  const r = input as Record<string, unknown>;
  const checkId = validateCheckId(r.checkId);
  if (!isUtcDateTime(r.checkedAt)) bad('STORE_INVALID_RECORD', 'checkedAt', 'not an ISO 8601 UTC date-time');
  const operator = plainText(r.operator, 'operator', 64, 'STORE_INVALID_RECORD');
  const terminalId =
    r.terminalId === undefined ? undefined : plainText(r.terminalId, 'terminalId', 64, 'STORE_INVALID_RECORD');
  if (!MODES.includes(r.mode as IdentityMode)) bad('STORE_INVALID_RECORD', 'mode', 'not visual/pin/manual');
  if (!CHECK_OUTCOMES.includes(r.outcome as CheckOutcome)) bad('STORE_INVALID_RECORD', 'outcome', 'unknown outcome');
  const patientId =
    r.patientId === undefined ? undefined : plainText(r.patientId, 'patientId', 64, 'STORE_INVALID_RECORD');
  let certificate: CheckRecord['certificate'];
  if (r.certificate !== undefined) {
    const c = r.certificate as Record<string, unknown>;
    if (typeof c !== 'object' || c === null) bad('STORE_INVALID_RECORD', 'certificate', 'not an object');
    if (typeof c.serial !== 'string' || !/^[0-9a-f]{1,64}$/.test(c.serial))
      bad('STORE_INVALID_RECORD', 'certificate.serial', 'not lower-case hex');
    if (!isUtcDateTime(c.notAfter))
      bad('STORE_INVALID_RECORD', 'certificate.notAfter', 'not an ISO 8601 UTC date-time');
    certificate = { serial: c.serial as string, notAfter: normalizeUtc(c.notAfter as string) };
  }
  let result: CheckRecord['result'];
  if (r.result !== undefined) {
    try {
      result = validateEligibilityResult(r.result);
    } catch (error) {
      if (error instanceof EligibilityError && error.hasCode('RESULT_INVALID'))
        bad('STORE_INVALID_RECORD', `result.${error.detail.field}`, error.detail.reason);
      throw error;
    }
  }
  let insurerNumber = r.insurerNumber === undefined ? result?.insurerNumber : r.insurerNumber;
  if (insurerNumber !== undefined && (typeof insurerNumber !== 'string' || !/^(\d{6}|\d{8})$/.test(insurerNumber))) {
    bad('STORE_INVALID_RECORD', 'insurerNumber', 'not 6 or 8 digits');
  }
  if (result !== undefined && insurerNumber !== result.insurerNumber)
    bad('STORE_INVALID_RECORD', 'insurerNumber', 'differs from the result');
  insurerNumber = insurerNumber as string | undefined;
  const out: Record<string, unknown> = {
    checkId,
    checkedAt: normalizeUtc(r.checkedAt as string),
    operator,
    terminalId,
    mode: r.mode,
    outcome: r.outcome,
    patientId,
    insurerNumber,
    certificate,
    result,
  };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out as unknown as CheckRecord;
}

/** Validates an audit entry (no secrets: 12-digit runs and control characters are refused). */
export function validateAuditEntry(input: unknown): AuditEntryInput {
  if (typeof input !== 'object' || input === null) bad('STORE_INVALID_RECORD', 'audit', 'not an object');
  assertWellFormedDeep(input, 'audit', 'STORE_INVALID_RECORD');
  const a = input as Record<string, unknown>;
  if (!isUtcDateTime(a.at)) bad('STORE_INVALID_RECORD', 'audit.at', 'not an ISO 8601 UTC date-time');
  const actor = plainText(a.actor, 'audit.actor', 64, 'STORE_INVALID_RECORD');
  if (!ACTIONS.includes(a.action as string)) bad('STORE_INVALID_RECORD', 'audit.action', 'unknown action');
  const outcome = plainText(a.outcome, 'audit.outcome', 64, 'STORE_INVALID_RECORD');
  const checkId = a.checkId === undefined ? undefined : validateCheckId(a.checkId);
  if (a.mode !== undefined && !MODES.includes(a.mode as IdentityMode))
    bad('STORE_INVALID_RECORD', 'audit.mode', 'not visual/pin/manual');
  let detail: Record<string, string | number | boolean> | undefined;
  if (a.detail !== undefined) {
    if (typeof a.detail !== 'object' || a.detail === null || Array.isArray(a.detail))
      bad('STORE_INVALID_RECORD', 'audit.detail', 'not an object');
    const entries = Object.entries(a.detail as Record<string, unknown>);
    if (entries.length > 16) bad('STORE_INVALID_RECORD', 'audit.detail', 'more than 16 keys');
    detail = {};
    for (const [key, value] of entries) {
      if (!/^[A-Za-z][A-Za-z0-9_]{0,31}$/.test(key)) bad('STORE_INVALID_RECORD', 'audit.detail', 'bad key');
      if (key === 'certificateSerial' && typeof value === 'string' && /^[0-9a-f]{1,64}$/.test(value))
        detail[key] = value;
      else if (typeof value === 'string')
        detail[key] = plainText(value, `audit.detail.${key}`, 200, 'STORE_INVALID_RECORD');
      else if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') detail[key] = value;
      else bad('STORE_INVALID_RECORD', `audit.detail.${key}`, 'not a string, finite number or boolean');
    }
  }
  const out: Record<string, unknown> = {
    at: normalizeUtc(a.at as string),
    actor,
    action: a.action,
    checkId,
    mode: a.mode,
    outcome,
    detail,
  };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out as unknown as AuditEntryInput;
}

/** A validated {@link CheckQuery} with defaults applied. */
export interface NormalizedCheckQuery {
  readonly from?: string;
  readonly to?: string;
  readonly patientId?: string;
  readonly insurerNumber?: string;
  readonly outcome?: CheckOutcome;
  readonly limit: number;
  readonly after?: CheckCursor;
}

/** Keyset position: the last item of the previous page. */
export interface CheckCursor {
  readonly checkedAt: string;
  readonly checkId: string;
}

/** Encodes a page position as an opaque cursor string. */
export function encodeCheckCursor(cursor: CheckCursor): string {
  return `v1~${cursor.checkedAt}~${cursor.checkId}`;
}

/** Decodes a cursor from {@link encodeCheckCursor}; throws `STORE_INVALID_QUERY`. */
export function decodeCheckCursor(value: string): CheckCursor {
  const parts = value.split('~');
  if (parts.length !== 3 || parts[0] !== 'v1' || !isUtcDateTime(parts[1]) || !CHECK_ID.test(parts[2] ?? ''))
    bad('STORE_INVALID_QUERY', 'cursor', 'not a cursor of this store');
  return { checkedAt: normalizeUtc(parts[1] as string), checkId: parts[2] as string };
}

/** Validates a query and applies defaults (limit 50, max 500). */
export function validateCheckQuery(query: CheckQuery = {}): NormalizedCheckQuery {
  if (typeof query !== 'object' || query === null) bad('STORE_INVALID_QUERY', 'query', 'not an object');
  assertWellFormedDeep(query, 'query', 'STORE_INVALID_QUERY');
  for (const key of ['from', 'to'] as const) {
    if (query[key] !== undefined && !isUtcDateTime(query[key]))
      bad('STORE_INVALID_QUERY', key, 'not an ISO 8601 UTC date-time');
  }
  const limit = query.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) bad('STORE_INVALID_QUERY', 'limit', 'not an integer 1-500');
  if (query.outcome !== undefined && !CHECK_OUTCOMES.includes(query.outcome))
    bad('STORE_INVALID_QUERY', 'outcome', 'unknown outcome');
  if (query.insurerNumber !== undefined && !/^(\d{6}|\d{8})$/.test(query.insurerNumber))
    bad('STORE_INVALID_QUERY', 'insurerNumber', 'not 6 or 8 digits');
  if (query.patientId !== undefined) plainText(query.patientId, 'patientId', 64, 'STORE_INVALID_QUERY');
  const out: Record<string, unknown> = {
    from: query.from === undefined ? undefined : normalizeUtc(query.from),
    to: query.to === undefined ? undefined : normalizeUtc(query.to),
    patientId: query.patientId,
    insurerNumber: query.insurerNumber,
    outcome: query.outcome,
    limit,
    after: query.cursor === undefined ? undefined : decodeCheckCursor(query.cursor),
  };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out as unknown as NormalizedCheckQuery;
}

/** Validates an audit query (limit default 100, max 1000). */
export function validateAuditQuery(
  query: AuditQuery = {},
): Required<Pick<AuditQuery, 'limit' | 'afterSeq'>> & Pick<AuditQuery, 'checkId'> {
  // Stores take queries from untyped callers too (JSON bodies, JS): null or a primitive is a typed error, not a TypeError.
  if (query === null || typeof query !== 'object') bad('STORE_INVALID_QUERY', 'query', 'not an object');
  const limit = query.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    bad('STORE_INVALID_QUERY', 'limit', 'not an integer 1-1000');
  const afterSeq = query.afterSeq ?? 0;
  if (!Number.isInteger(afterSeq) || afterSeq < 0) bad('STORE_INVALID_QUERY', 'afterSeq', 'not a non-negative integer');
  const checkId = query.checkId === undefined ? undefined : validateCheckId(query.checkId, 'STORE_INVALID_QUERY');
  return checkId === undefined ? { limit, afterSeq } : { limit, afterSeq, checkId };
}

/** The audit entry a store appends with a saved check. */
export function checkAuditEntry(record: CheckRecord): AuditEntryInput {
  const detail: Record<string, string | number | boolean> = {};
  if (record.certificate !== undefined) {
    detail.certificateSerial = record.certificate.serial;
    detail.certificateNotAfter = record.certificate.notAfter;
  }
  if (record.terminalId !== undefined) detail.terminalId = record.terminalId;
  return {
    at: record.checkedAt,
    actor: record.operator,
    action: 'check',
    checkId: record.checkId,
    mode: record.mode,
    outcome: record.outcome,
    ...(Object.keys(detail).length > 0 ? { detail } : {}),
  };
}

/** Orders checks newest first: `checkedAt` desc, then `checkId` desc (the keyset order). */
export function compareChecksNewestFirst(a: CheckCursor, b: CheckCursor): number {
  if (a.checkedAt !== b.checkedAt) return a.checkedAt < b.checkedAt ? 1 : -1;
  if (a.checkId !== b.checkId) return a.checkId < b.checkId ? 1 : -1;
  return 0;
}
