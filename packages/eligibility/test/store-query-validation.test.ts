import { describe, expect, it } from 'vitest';
import { MemoryRececonStore, StoreError } from '@onshikit/eligibility';
import { validateAuditQuery, validateCheckQuery } from '@onshikit/eligibility/store-kit';

describe('store query validation of untyped input', () => {
  it.each([null, 42, 'x'])('rejects %s as an audit or check query with a typed StoreError', async (query) => {
    expect(() => validateAuditQuery(query as never)).toThrow(StoreError);
    expect(() => validateCheckQuery(query as never)).toThrow(StoreError);
    const store = new MemoryRececonStore();
    await expect(store.listAudit(query as never)).rejects.toMatchObject({ code: 'STORE_INVALID_QUERY' });
  });
});
