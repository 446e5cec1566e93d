// Node-only adapters: `@onshikit/eligibility/node`.
export { OqsFileLinkService } from './node/file-link-service.js';
export type { FileLinkFolders, OqsFileLinkServiceOptions, RecoveredResult } from './node/file-link-service.js';
