// Node-only adapters: `@onshikit/eligibility/node`.
export { OqsFileLinkService } from './node/file-link-service.js';
export type { FileLinkFolders, OqsFileLinkServiceOptions, RecoveredResult } from './node/file-link-service.js';
export { FileSettingsStore, SCRYPT_PARAMS, deriveKey, openSettingsWithPassword, sealSettingsWithPassword } from './node/settings-file.js';
export { OperatorSession } from './node/operator-session.js';
export type { OperatorSessionOptions } from './node/operator-session.js';
