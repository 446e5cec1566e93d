// Arbitrary input never throws anything untyped: store validation, result validation, the
// HTTP adapter's answer parsing, manual entry and settings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EligibilityError,
  HttpEligibilityService,
  validateAppSettings,
  validateEligibilityResult,
  validateManualEntry,
} from '@onshikit/eligibility';
import { validateCheckQuery, validateCheckRecord } from '@onshikit/eligibility/store-kit';
import { sampleCheckRecord } from '@onshikit/eligibility/testing';

function typed(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof EligibilityError)) throw error;
  }
}

// Records with random fields replaced by arbitrary JSON values.
const mutatedRecord = fc
  .tuple(
    fc.dictionary(
      fc.constantFrom(
        'checkId',
        'checkedAt',
        'operator',
        'mode',
        'outcome',
        'patientId',
        'insurerNumber',
        'certificate',
        'result',
      ),
      fc.jsonValue(),
    ),
    fc.dictionary(
      fc.constantFrom(
        'name',
        'birthDate',
        'insurerNumber',
        'validity',
        'branch',
        'elderlyRecipient',
        'sex1',
        'checkDate',
      ),
      fc.jsonValue(),
    ),
  )
  .map(([top, inner]) => {
    const base = sampleCheckRecord();
    return { ...base, ...top, result: { ...base.result, ...inner } };
  });

describe('robustness', () => {
  it('validateCheckRecord / validateEligibilityResult / validateCheckQuery', () => {
    fc.assert(
      fc.property(mutatedRecord, fc.anything(), (record, anything) => {
        typed(() => validateCheckRecord(record));
        typed(() => validateCheckRecord(anything));
        typed(() => validateEligibilityResult(anything));
        typed(() => validateEligibilityResult(record.result));
        typed(() => validateCheckQuery(anything as never));
      }),
      { numRuns: 500 },
    );
  });

  it('a valid record is a fixed point of validation', () => {
    const record = sampleCheckRecord();
    expect(validateCheckRecord(validateCheckRecord(record))).toEqual(record);
  });

  it('manual entry and settings', () => {
    fc.assert(
      fc.property(
        fc.anything(),
        fc.dictionary(
          fc.constantFrom(
            'insurerNumber',
            'number',
            'symbol',
            'branch',
            'birthDate',
            'institutionCode',
            'password',
            'identityMode',
            'terminalId',
          ),
          fc.oneof(fc.string(), fc.jsonValue()),
        ),
        (a, d) => {
          typed(() => validateManualEntry(a));
          typed(() => validateManualEntry(d));
          typed(() => validateAppSettings(a));
          typed(() => validateAppSettings(d));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('HttpEligibilityService: any body and status become a typed error or a valid response', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.jsonValue().map((v) => JSON.stringify({ XmlMsg: v })),
        ),
        fc.constantFrom(200, 200, 400, 401, 404, 429, 500, 503),
        async (body, status) => {
          const service = new HttpEligibilityService({
            baseUrl: 'http://relay.invalid',
            retries: 0,
            fetch: async () => new Response(body, { status }),
          });
          for (const call of [
            () => service.challenge(),
            () =>
              service.query({
                kind: 'numbers',
                checkDate: '2026-11-26',
                institutionCode: '1',
                fileId: 'f',
                insurerNumber: '01130012',
                number: '1',
                birthDate: '1980-01-01',
              }),
          ]) {
            try {
              await call();
            } catch (error) {
              expect(error).toBeInstanceOf(EligibilityError);
              expect((error as EligibilityError).code).toMatch(/^SERVICE_/);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
