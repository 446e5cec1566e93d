import type { TestProject } from 'vitest/node';
import { startTestPostgres } from '@onshikit/store-postgres/testing';

declare module 'vitest' {
  export interface ProvidedContext {
    pgConnectionString: string;
    pgAdmin: { host: string; port: number; user: string };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startTestPostgres();
  project.provide('pgConnectionString', server.connectionString);
  project.provide('pgAdmin', { host: server.host, port: server.port, user: server.user });
  return () => server.stop();
}
