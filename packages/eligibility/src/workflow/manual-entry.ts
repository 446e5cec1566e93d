/**
 * The fallback when the card cannot be used: 保険者番号/記号/番号/枝番/生年月日 typed in and
 * queried by numbers (照会区分 2, docs/reference/oqs-messages.md#file-link). Validated with portal-forms' number
 * validators (check digit per 設定要領 第1, docs/reference/numbers-and-forms.md#insurer-number).
 * @module
 */
import {
  validateInsuredBranchNumber,
  validateInsuredCardNumber,
  validateInsuredCardSymbol,
  validateInsurerNumber,
} from '@onshikit/portal-forms';
import { EligibilityError } from '../errors.js';
import { isIsoDate } from '../model/burden-ratio.js';

/** What the staff types from the patient's 資格確認書 or old card. */
export interface ManualEntry {
  readonly insurerNumber: string;
  readonly symbol?: string;
  readonly number: string;
  readonly branch?: string;
  /** 生年月日, ISO `YYYY-MM-DD`. */
  readonly birthDate: string;
}

function invalid(field: string, reason: string, cause?: unknown): never {
  throw new EligibilityError('INVALID_MANUAL_ENTRY', { detail: { field, reason }, cause });
}

/** Validates and normalises a manual entry; throws `INVALID_MANUAL_ENTRY` naming the field. */
export function validateManualEntry(input: unknown): ManualEntry {
  if (typeof input !== 'object' || input === null) invalid('entry', 'not an object');
  const e = input as Record<string, unknown>;
  const insurer = validateInsurerNumber(e.insurerNumber);
  if (!insurer.ok) invalid('insurerNumber', insurer.error.code, insurer.error);
  const number = validateInsuredCardNumber(e.number);
  if (!number.ok) invalid('number', number.error.code, number.error);
  let symbol: string | undefined;
  if (e.symbol !== undefined && e.symbol !== '') {
    const s = validateInsuredCardSymbol(e.symbol);
    if (!s.ok) invalid('symbol', s.error.code, s.error);
    symbol = s.value;
  }
  let branch: string | undefined;
  if (e.branch !== undefined && e.branch !== '') {
    const b = validateInsuredBranchNumber(e.branch);
    if (!b.ok) invalid('branch', b.error.code, b.error);
    branch = b.value;
  }
  if (!isIsoDate(e.birthDate)) invalid('birthDate', 'not a YYYY-MM-DD calendar date');
  return {
    insurerNumber: insurer.value.value,
    number: number.value,
    birthDate: e.birthDate as string,
    ...(symbol === undefined ? {} : { symbol }),
    ...(branch === undefined ? {} : { branch }),
  };
}
