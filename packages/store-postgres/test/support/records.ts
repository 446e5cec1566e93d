/**
 * Deterministic check records for the crash and concurrency tests: the record for an id can be
 * rebuilt by the verifier, so any torn or mixed-up row is detected field by field.
 */
import { sampleCheckRecord, sampleResultInput } from '@onshikit/eligibility/testing';
import { validateEligibilityResult } from '@onshikit/eligibility';
import type { CheckRecord } from '@onshikit/eligibility';

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** The one record the tests ever save under `checkId`. */
export function recordFor(checkId: string): CheckRecord {
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
