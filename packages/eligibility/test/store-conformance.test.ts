import { describe, it } from 'vitest';
import { MemoryRececonStore } from '@onshikit/eligibility';
import { receconStoreConformanceCases } from '@onshikit/eligibility/testing';

describe('MemoryRececonStore conformance', () => {
  for (const c of receconStoreConformanceCases(() => new MemoryRececonStore())) it(c.name, c.run);
});
