import { describe, expect, it } from 'vitest';
import {
  EligibilityError,
  PROGRESS_MESSAGES,
  QUALIFICATION_VALIDITY_LABELS,
  STATE_MESSAGES,
  StoreError,
  eligibilityErrorMessages,
} from '@onshikit/eligibility';
import { TRANSITIONS } from '../src/workflow/states.js';
import type { EligibilityErrorCode } from '@onshikit/eligibility';

describe('error catalogue', () => {
  it('has a non-empty ja and en message for every code', () => {
    const codes = Object.keys(eligibilityErrorMessages) as EligibilityErrorCode[];
    expect(codes.length).toBeGreaterThan(30);
    for (const code of codes) {
      const m = eligibilityErrorMessages[code];
      expect(m.ja.trim(), code).not.toBe('');
      expect(m.en.trim(), code).not.toBe('');
      expect(m.ja, code).not.toBe(m.en);
      const error = new EligibilityError(code, { detail: {} } as never);
      expect(error.code).toBe(code);
      expect(error.messages).toBe(m);
    }
  });
  it('StoreError is an EligibilityError with detail in the message', () => {
    const error = new StoreError('STORE_INVALID_RECORD', { detail: { field: 'checkId', reason: 'missing' } });
    expect(error).toBeInstanceOf(EligibilityError);
    expect(error.name).toBe('StoreError');
    expect(error.message).toContain('field=checkId');
  });

  it('every workflow state, progress step and validity has both languages; terminal states have no exits', () => {
    for (const table of [STATE_MESSAGES, PROGRESS_MESSAGES, QUALIFICATION_VALIDITY_LABELS] as const) {
      for (const [key, m] of Object.entries(table)) {
        expect(m.ja.trim(), key).not.toBe('');
        expect(m.en.trim(), key).not.toBe('');
      }
    }
    expect(Object.keys(STATE_MESSAGES).sort()).toEqual(Object.keys(TRANSITIONS).sort());
    for (const terminal of ['done', 'failed', 'cancelled'] as const) expect(TRANSITIONS[terminal]).toEqual([]);
    for (const [state, next] of Object.entries(TRANSITIONS)) {
      if (['done', 'failed', 'cancelled'].includes(state)) continue;
      expect(next, state).toContain('failed');
      expect(next, state).toContain('cancelled');
    }
  });
});
