// SegmentOfResult (処理結果区分, OQSCD003): 1 正常終了, 2 処理中, 9 異常終了; one public implementation
// writes 3 for 異常終了 (docs/reference/oqs-messages.md#envelope). A 3 is a typed service error, not a refused file.
import { describe, expect, it } from 'vitest';
import { EligibilityError, MemoryRececonStore, ReceptionWorkflow, type WorkflowEvent } from '@onshikit/eligibility';
import { decodeEligibilityResponse } from '@onshikit/eligibility/xml';
import { FakeCard, ScriptedService } from './support/fakes.js';

const response = (segment: string, body = '') =>
  new TextEncoder().encode(`<?xml version="1.0" encoding="UTF-8"?>
<XmlMsg><MessageHeader><ProcessExecutionTime>20261126091011</ProcessExecutionTime><QualificationConfirmationDate>20261126</QualificationConfirmationDate>
<MedicalInstitutionCode>1312345678</MedicalInstitutionCode><ArbitraryFileIdentifier>chk-1</ArbitraryFileIdentifier><ReferenceClassification>1</ReferenceClassification>
<SegmentOfResult>${segment}</SegmentOfResult><ErrorCode>EZ999</ErrorCode><ErrorMessage>異常終了</ErrorMessage><CharacterCodeIdentifier>0</CharacterCodeIdentifier></MessageHeader>${body}</XmlMsg>`);

describe('SegmentOfResult 3 (異常終了 in one implementation)', () => {
  it('decodes as 異常終了 (9) with the error code kept; other values are still refused', () => {
    for (const body of ['', '<MessageBody><ProcessingResultStatus>2</ProcessingResultStatus></MessageBody>']) {
      expect(decodeEligibilityResponse(response('3', body))).toMatchObject({
        header: { segmentOfResult: 9, errorCode: 'EZ999', errorMessage: '異常終了' },
        status: 2,
        results: [],
      });
    }
    for (const bad of ['4', '0', '33'])
      expect(() => decodeEligibilityResponse(response(bad))).toThrow(EligibilityError);
  });

  it('ends the check as SERVICE_PROCESSING_ERROR carrying the service error code', async () => {
    const card = new FakeCard();
    const decoded = decodeEligibilityResponse(response('3'));
    const workflow = new ReceptionWorkflow({
      service: new ScriptedService(async () => decoded),
      store: new MemoryRececonStore(),
      cards: { waitForCard: async () => card.presented() },
      settings: { institutionCode: '1312345678', identityMode: 'visual' },
      now: () => new Date('2026-11-26T01:00:00Z'),
    });
    const events: WorkflowEvent[] = [];
    const check = workflow.startCheck({
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'visual-confirmation-required') check.confirmVisual();
      },
    });
    const summary = await check.done;
    expect(summary).toMatchObject({ state: 'failed', outcome: 'error', error: { code: 'SERVICE_PROCESSING_ERROR' } });
  });
});
