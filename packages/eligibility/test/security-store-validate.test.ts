/**
 * Issue 14 (stores): text a hostile or careless caller can hand a store. Lone UTF-16 surrogates
 * cannot be stored faithfully (SQLite rewrites them, PostgreSQL maps them to U+FFFD so distinct
 * values collide), and an individual number (個人番号) typed in full width or with separators
 * must be caught like twelve ASCII digits, in every guarded field.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryRececonStore, StoreError } from '@onshikit/eligibility';
import { validateAuditEntry, validateCheckQuery, validateCheckRecord } from '@onshikit/eligibility/store-kit';
import { sampleCheckRecord } from '@onshikit/eligibility/testing';

function codeOf(body: () => unknown): string {
  try {
    body();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    return (error as StoreError).code;
  }
  return 'accepted';
}

const audit = { at: '2026-11-26T01:02:03.000Z', actor: 'op-1', action: 'view', outcome: 'ok' } as const;

describe('store validation against hostile text (issue 14)', () => {
  const loneSurrogates = ['P-\uD800', 'P-\uDC00x', '\uDBFF', 'a\uDFFFb'];

  it.each(loneSurrogates)('refuses a lone surrogate %j in the patient id, operator, audit fields and queries', (s) => {
    expect(codeOf(() => validateCheckRecord(sampleCheckRecord({ patientId: s })))).toBe('STORE_INVALID_RECORD');
    expect(codeOf(() => validateCheckRecord(sampleCheckRecord({ operator: s })))).toBe('STORE_INVALID_RECORD');
    expect(codeOf(() => validateCheckRecord(sampleCheckRecord({ terminalId: s })))).toBe('STORE_INVALID_RECORD');
    expect(codeOf(() => validateAuditEntry({ ...audit, actor: s }))).toBe('STORE_INVALID_RECORD');
    expect(codeOf(() => validateAuditEntry({ ...audit, detail: { note: s } }))).toBe('STORE_INVALID_RECORD');
    expect(codeOf(() => validateCheckQuery({ patientId: s }))).toBe('STORE_INVALID_QUERY');
  });

  it('refuses a lone surrogate anywhere inside the eligibility result', () => {
    const record = sampleCheckRecord();
    const result = record.result as NonNullable<typeof record.result>;
    let checked = 0;
    for (const field of ['name', 'nameKana', 'address', 'insurerName'] as const) {
      if (typeof result[field] !== 'string') continue;
      checked += 1;
      const bad = { ...record, result: { ...result, [field]: `${String(result[field])}\uD83D` } };
      expect(codeOf(() => validateCheckRecord(bad))).toBe('STORE_INVALID_RECORD');
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  });

  it('keeps well-formed astral characters (a surrogate pair is not lone)', () => {
    expect(validateCheckRecord(sampleCheckRecord({ patientId: 'P-𠮷野家' })).patientId).toBe('P-𠮷野家');
  });

  const disguised = [
    '１２３４５６７８９０１２',
    '1234-5678-9012',
    '1234 5678 9012',
    '１２３４－５６７８－９０１２',
    '1234　5678　9012',
    'ID:1234‐5678‐9012',
    '1234ー5678ー9012',
    '１2３4５6７8９0１2',
  ];

  it.each(disguised)('catches the individual number %j in every guarded field', async (s) => {
    expect(codeOf(() => validateCheckRecord(sampleCheckRecord({ patientId: s })))).toBe('STORE_INVALID_RECORD');
    expect(codeOf(() => validateCheckRecord(sampleCheckRecord({ operator: s })))).toBe('STORE_INVALID_RECORD');
    expect(codeOf(() => validateCheckRecord(sampleCheckRecord({ terminalId: s })))).toBe('STORE_INVALID_RECORD');
    expect(codeOf(() => validateAuditEntry({ ...audit, actor: s }))).toBe('STORE_INVALID_RECORD');
    expect(codeOf(() => validateAuditEntry({ ...audit, outcome: s }))).toBe('STORE_INVALID_RECORD');
    expect(codeOf(() => validateAuditEntry({ ...audit, detail: { note: s } }))).toBe('STORE_INVALID_RECORD');
    expect(codeOf(() => validateCheckQuery({ patientId: s }))).toBe('STORE_INVALID_QUERY');
    const store = new MemoryRececonStore();
    await expect(store.saveCheck(sampleCheckRecord({ patientId: s }))).rejects.toMatchObject({
      code: 'STORE_INVALID_RECORD',
    });
  });

  it('still accepts ids with fewer or more digits, dates and times', () => {
    for (const ok of [
      'P-12345678901',
      'P-1234567890123',
      '2026-11-26 10:00',
      'K-0001-2345',
      '03-1234-5678',
      '2030-02-17T14:59:59.000Z',
    ]) {
      expect(validateCheckRecord(sampleCheckRecord({ patientId: ok })).patientId).toBe(ok);
    }
  });

  it('property: twelve digits joined by any mix of widths and separators are always caught', () => {
    const digit = fc
      .integer({ min: 0, max: 9 })
      .map((d) => fc.constantFrom(String(d), String.fromCharCode(0xff10 + d)));
    const sep = fc.constantFrom('', '', '', '-', ' ', '－', '\u3000', '‐', '−');
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            digit.chain((a) => a),
            sep,
          ),
          { minLength: 12, maxLength: 12 },
        ),
        fc.constantFrom('', 'P-', 'x '),
        (parts, prefix) => {
          const s = prefix + parts.map(([d, sp], i) => (i === 11 ? d : d + sp)).join('');
          expect(codeOf(() => validateCheckRecord(sampleCheckRecord({ patientId: s })))).toBe('STORE_INVALID_RECORD');
        },
      ),
    );
  });
});
