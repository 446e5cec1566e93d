/**
 * `@onshikit/eligibility/node`: the Node-only adapters: the file link with the 資格確認端末
 * (`OqsFileLinkService`, `TerminalFaceCheck`, the face-result sink), the password-sealed settings
 * file and the operator session with its lockout.
 *
 * The rule for this entry: a name is here when its module imports a Node built-in (files, scrypt,
 * zip files on disk), so the root entry stays loadable in a browser.
 * @module
 */
export { OqsFileLinkService } from './node/file-link-service.js';
export type {
  FaceWaitOptions,
  FileLinkFolders,
  OqsFileLinkServiceOptions,
  RecoveredResult,
} from './node/file-link-service.js';
export { matchFaceResults, normalizeName } from './node/file-link/face-match.js';
export type { FaceCandidate, FaceMatch, FaceMatchKey } from './node/file-link/face-match.js';
export { TerminalFaceCheck } from './node/terminal-face-check.js';
export type {
  FaceCheckPatient,
  FaceCheckRequest,
  TerminalFaceCheckEvent,
  TerminalFaceCheckOptions,
  TerminalFaceCheckSummary,
} from './node/terminal-face-check.js';
export { encodeTerminalRequest, padInsurerNumber } from './node/file-link/request-file.js';
export type { InsurerNumberPadding, TerminalRequestOptions } from './node/file-link/request-file.js';
export type { FileLinkZipOptions, ZipEncryption } from './node/file-link/zip-file.js';
export {
  FileSettingsStore,
  MAX_SETTINGS_FILE_BYTES,
  SCRYPT_PARAMS,
  deriveKey,
  openSettingsWithPassword,
  sealSettingsWithPassword,
} from './node/settings-file.js';
export { OperatorSession } from './node/operator-session.js';
export type { LockoutState, LockoutStore, OperatorSessionOptions } from './node/operator-session.js';
export {
  MAX_PASSWORD_LENGTH,
  MIN_DIGITS_ONLY_LENGTH,
  MIN_PASSWORD_LENGTH,
  checkOperatorPassword,
} from './node/password-policy.js';
export { MAX_SCRYPT_MEMORY, MAX_SCRYPT_WORK, MIN_SCRYPT_N, checkScryptParams } from './node/scrypt-params.js';
export type { ScryptParams } from './node/scrypt-params.js';
export { FACE_RESULT_NAME, FaceXmlRececonStore, FaceXmlSink } from './node/face-xml-sink.js';
export type { FaceXmlSinkOptions } from './node/face-xml-sink.js';
