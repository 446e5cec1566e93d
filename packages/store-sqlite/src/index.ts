export { SqliteRececonStore } from './sqlite-store.js';
export type { SqliteRececonStoreOptions } from './sqlite-store.js';
export { applyPragmas } from './pragmas.js';
export type { SqlitePragmaOptions, SqliteSynchronous } from './pragmas.js';
export { migrateSqlite } from './migrate.js';
export { SQLITE_MIGRATIONS } from './migrations.js';
export type { SqliteMigration } from './migrations.js';
