import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { MemoryRececonStore } from '@onshikit/eligibility';
import { receconStoreConformanceCases } from '@onshikit/eligibility/testing';
import { SqliteRececonStore } from '@onshikit/store-sqlite';

const dir = mkdtempSync(path.join(tmpdir(), 'onshikit-sqlite-conf-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('RececonStore conformance: SQLite file (WAL)', () => {
  for (const c of receconStoreConformanceCases(() =>
    SqliteRececonStore.open({ filename: path.join(dir, `c${++n}.db`) }),
  ))
    it(c.name, c.run);
});

describe('RececonStore conformance: SQLite :memory:', () => {
  for (const c of receconStoreConformanceCases(() => SqliteRececonStore.open({ filename: ':memory:' })))
    it(c.name, c.run);
});

describe('RececonStore conformance: MemoryRececonStore (reference)', () => {
  for (const c of receconStoreConformanceCases(() => new MemoryRececonStore())) it(c.name, c.run);
});
