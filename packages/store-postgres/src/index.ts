export { PostgresRececonStore } from './postgres-store.js';
export type { PostgresRececonStoreOptions } from './postgres-store.js';
export { migratePostgres } from './migrate.js';
export { POSTGRES_MIGRATIONS } from './migrations.js';
export type { PostgresMigration } from './migrations.js';
export { quoteSchema } from './schema-name.js';
