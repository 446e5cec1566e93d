/**
 * Matching a face result (a card check done at the terminal's own reader) to the patient at the
 * desk. A face file carries the terminal's ArbitraryFileIdentifier and nothing of ours, so it is
 * matched by the 照会番号 (ReferenceNumber) when the desk registered one for the patient
 * beforehand, otherwise by name, birth date and today's 資格確認日. More than one candidate is
 * never resolved by a guess (such as "the newest file"): it is returned as ambiguous for staff
 * to choose (docs/reference/oqs-messages.md#file-link).
 * @module
 */
import type { EligibilityResponse, IsoDate } from '../../model/result.js';

/** What the desk knows about the patient it waits for. */
export interface FaceMatchKey {
  /** 資格確認日 expected in the face result (today, in Japan time). */
  readonly checkDate: IsoDate;
  /** 照会番号 registered for the patient beforehand; when given, only it is matched. */
  readonly referenceNumber?: string | undefined;
  /** Name as registered at the desk (compared without spaces, width-normalised). */
  readonly name?: string | undefined;
  /** Birth date as registered at the desk. */
  readonly birthDate?: IsoDate | undefined;
}

/** A face result found in the face folder. */
export interface FaceCandidate {
  /** File name in the face folder (or the configured trash folder). */
  readonly file: string;
  readonly response: EligibilityResponse;
}

/** The outcome of {@link matchFaceResults}. */
export type FaceMatch =
  | { readonly status: 'matched'; readonly candidate: FaceCandidate }
  | { readonly status: 'ambiguous'; readonly candidates: readonly FaceCandidate[] }
  | { readonly status: 'none' };

/** A name compared without spaces and width differences (全角/半角, NFKC). */
export function normalizeName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, '');
}

function matches(candidate: FaceCandidate, key: FaceMatchKey): boolean {
  if (candidate.response.header.checkDate !== key.checkDate) return false;
  const results = candidate.response.results;
  if (key.referenceNumber !== undefined)
    return results.some((r) => r.referenceNumber !== undefined && r.referenceNumber.trim() === key.referenceNumber);
  if (key.name === undefined || key.birthDate === undefined) return false;
  const name = normalizeName(key.name);
  return results.some((r) => r.birthDate === key.birthDate && normalizeName(r.name) === name);
}

/**
 * Picks the face result of the patient described by `key`. Without a 照会番号 the key must have
 * both name and birth date (one alone is never enough); anything else matches nothing.
 */
export function matchFaceResults(candidates: readonly FaceCandidate[], key: FaceMatchKey): FaceMatch {
  const found = candidates.filter((c) => matches(c, key));
  if (found.length === 0) return { status: 'none' };
  if (found.length === 1) return { status: 'matched', candidate: found[0] as FaceCandidate };
  return { status: 'ambiguous', candidates: found };
}
