/** Validation and quoting of the schema name the store lives in. @module */
import { StoreError } from '@onshikit/eligibility';

const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The schema name as a quoted identifier. Only lower-case ASCII identifiers are accepted, so
 * the name can never inject SQL.
 * @throws StoreError `STORE_INVALID_QUERY`
 */
export function quoteSchema(schema: string): string {
  if (typeof schema !== 'string' || !SCHEMA.test(schema)) {
    throw new StoreError('STORE_INVALID_QUERY', {
      detail: { field: 'schema', reason: 'not a lower-case identifier of 1-63 characters' },
    });
  }
  return `"${schema}"`;
}
