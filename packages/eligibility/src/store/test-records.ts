/**
 * Deterministic check records for adapter crash and concurrency tests: the record saved under an
 * id can be rebuilt from the id alone, so a verifier detects any torn or mixed-up row field by field.
 */
import { validateEligibilityResult } from '../model/validate-result.js';
import { sampleCheckRecord, sampleResultInput } from './conformance.js';
import type { CheckRecord } from './types.js';

// FNV-1a: a stable 32-bit spread of the id over the record's varying fields.
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/**
 * The one valid record a test saves under `checkId`: same id, same record, in every process.
 * Names, address length, mode, operator and patient link vary with the id so rows differ in size
 * and optional columns.
 *
 * @example
 * ```ts
 * await store.saveCheck(deterministicCheckRecord('t1-42'));
 * expect(await store.getCheck('t1-42')).toEqual(deterministicCheckRecord('t1-42'));
 * ```
 */
export function deterministicCheckRecord(checkId: string): CheckRecord {
  const h = hash(checkId);
  const result = validateEligibilityResult(
    sampleResultInput({
      number: String(1000 + (h % 9000)),
      name: `山田 ${'太郎花子健一'.slice(h % 4, (h % 4) + 2)}`,
      address: `東京都千代田区一番町${h % 100}番地 ${'ー'.repeat(h % 40)}`,
    }),
  );
  return sampleCheckRecord({
    checkId,
    checkedAt: new Date(Date.UTC(2026, 10, 26, 0, 0, 0) + (h % 86_400_000)).toISOString(),
    operator: `op-${h % 7}`,
    mode: h % 2 === 0 ? 'visual' : 'pin',
    patientId: h % 3 === 0 ? `P-${h % 1000}` : undefined,
    result,
    insurerNumber: result.insurerNumber,
  });
}
