/**
 * File ids (ArbitraryFileIdentifier) and file names of the file link. Public clients use ids of
 * 8-26 characters, often a date and a sequence number (docs/reference/oqs-messages.md#file-link);
 * ours are `<clientId><yyyyMMddHHmmss><nnnn>`: only ASCII letters and digits (legal in Windows
 * file names: `:` would open an NTFS stream), at most 6 + 14 + 4 = 24 characters, and the
 * client id makes every name this instance writes recognisable as its own on a shared folder.
 * @module
 */
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { EligibilityError } from '../../errors.js';

/** Prefix of a single eligibility query file (照会区分 1/2 single query). */
export const REQUEST_PREFIX = 'OQSsiquc01req_';
/** Prefix of its result (the terminal replaces `req` with `res`). */
export const RESULT_PREFIX = 'OQSsiquc01res_';
/** Prefix of results of card checks started at the terminal's face-recognition reader. */
export const FACE_PREFIX = 'OQSsiquc01res_face_';

/** A client id: 1-6 ASCII letters or digits. */
export const CLIENT_ID = /^[A-Za-z0-9]{1,6}$/;
/** A file id of ours, or a real client's: 8-26 characters legal in a Windows file name. */
export const FILE_ID = /^[A-Za-z0-9_-]{8,26}$/;

/** The default client id: `OK` and four hex digits of the host name's SHA-256 (stable per PC). */
export function defaultClientId(host: string = hostname()): string {
  return `OK${createHash('sha256').update(host).digest('hex').slice(0, 4).toUpperCase()}`;
}

/** Checks a configured client id; throws `SETTINGS_INVALID`. */
export function validateClientId(clientId: string): string {
  if (!CLIENT_ID.test(clientId))
    throw new EligibilityError('SETTINGS_INVALID', {
      detail: { field: 'clientId', reason: 'not 1-6 ASCII letters or digits' },
    });
  return clientId;
}

/** `yyyyMMddHHmmss` in Japan time (the terminal's and the clinic's clock). */
export function jstStamp(date: Date): string {
  const jst = new Date(date.getTime() + 9 * 3_600_000);
  return jst.toISOString().slice(0, 19).replace(/[-:T]/g, '');
}

/** The file id for sequence number `seq` (0-9999) at `date`. */
export function makeFileId(clientId: string, date: Date, seq: number): string {
  return `${clientId}${jstStamp(date)}${String(seq % 10_000).padStart(4, '0')}`;
}

/** `OQSsiquc01req_<id>.xml` (or `.zip` with the zip exchange). */
export function requestName(fileId: string, ext: 'xml' | 'zip' = 'xml'): string {
  return `${REQUEST_PREFIX}${fileId}.${ext}`;
}

/** `OQSsiquc01res_<id>.xml` (or `.zip` with the zip exchange). */
export function resultName(fileId: string, ext: 'xml' | 'zip' = 'xml'): string {
  return `${RESULT_PREFIX}${fileId}.${ext}`;
}

/** The error file one client watches beside results: `OQSsiquc01req_<id>.err`. */
export function errorFileNames(fileId: string): readonly string[] {
  return [`${REQUEST_PREFIX}${fileId}.err`, `${RESULT_PREFIX}${fileId}.err`];
}
