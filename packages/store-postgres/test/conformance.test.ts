import { describe, inject, it } from 'vitest';
import { receconStoreConformanceCases } from '@onshikit/eligibility/testing';
import { PostgresRececonStore } from '@onshikit/store-postgres';
import { freshSchema } from './support/schemas.js';

const connectionString = inject('pgConnectionString');

describe('RececonStore conformance: PostgreSQL', () => {
  for (const c of receconStoreConformanceCases(() =>
    PostgresRececonStore.open({ connectionString, schema: freshSchema('conf'), maxConnections: 2 }),
  ))
    it(c.name, c.run);
});
