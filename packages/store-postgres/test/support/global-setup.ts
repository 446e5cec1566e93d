import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startTestPostgres } from '@onshikit/store-postgres/testing';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The ordinary role every store test uses (not a superuser; may create schemas). */
    pgConnectionString: string;
    /** The server's superuser, only for tests that show what a superuser can do. */
    pgSuperuserConnectionString: string;
    pgAdmin: { host: string; port: number; user: string };
  }
}

/** The role the store tests run as: a clinic's application is never a superuser. */
const APP_ROLE = 'onshikit_app';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startTestPostgres();
  try {
    const admin = new pg.Client({ connectionString: server.connectionString });
    await admin.connect();
    try {
      // NOSUPERUSER: triggers cannot be switched off with session_replication_role; CREATE on
      // the database only so each test can make its own schema (it then owns that schema).
      await admin.query(`CREATE ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS`);
      await admin.query(`GRANT CREATE ON DATABASE ${server.database} TO ${APP_ROLE}`);
    } finally {
      await admin.end();
    }
  } catch (error) {
    await server.stop();
    throw error;
  }
  project.provide('pgConnectionString', `postgresql://${APP_ROLE}@${server.host}:${server.port}/${server.database}`);
  project.provide('pgSuperuserConnectionString', server.connectionString);
  project.provide('pgAdmin', { host: server.host, port: server.port, user: server.user });
  return () => server.stop();
}
