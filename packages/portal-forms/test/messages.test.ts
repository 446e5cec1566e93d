import { describe, expect, it } from 'vitest';
import {
  formMessage,
  isPortalFormsErrorCode,
  portalFormsMessages,
  PortalFormsError,
  type PortalFormsErrorCode,
} from '@onshikit/portal-forms';

const SAMPLE = {
  position: 7,
  expected: 2,
  actual: 3,
  labelJa: '保険者番号',
  labelEn: 'insurer number',
  maximum: 20,
  minimum: 1,
  value: '48',
  prefix: '03',
  size: 104857601,
  today: '2026-11-26',
  year: 2023,
  month: 2,
  day: 29,
  eraJa: '昭和',
  eraEn: 'Showa',
  eraYear: 64,
  start: '1926-12-25',
  end: '1989-01-07',
  allowedJa: '半角数字',
  allowedEn: 'digits',
};

describe('message catalogue', () => {
  const codes = Object.keys(portalFormsMessages) as PortalFormsErrorCode[];

  it('has a non-empty Japanese and English message for every code (parity)', () => {
    expect(codes.length).toBeGreaterThan(30);
    for (const code of codes) {
      for (const detail of [{}, SAMPLE]) {
        const m = formMessage(code, detail);
        expect(m.ja.trim(), code).not.toBe('');
        expect(m.en.trim(), code).not.toBe('');
        expect(m.ja, code).not.toMatch(/undefined|NaN|\[object/);
        expect(m.en, code).not.toMatch(/undefined|\[object/);
        // Japanese messages are Japanese, English ones contain no kana.
        expect(m.ja, code).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
        expect(m.en, code).not.toMatch(/[\u3040-\u309f]/);
      }
    }
  });

  it('fills details in both languages', () => {
    const m = formMessage('FORM_CHECK_DIGIT', SAMPLE);
    expect(m.ja).toContain('8桁目');
    expect(m.ja).toContain('計算上は 2');
    expect(m.en).toContain('digit 8');
    expect(m.en).toContain('expected 2');
  });

  it('recognises its own codes only', () => {
    expect(isPortalFormsErrorCode('FORM_REQUIRED')).toBe(true);
    expect(isPortalFormsErrorCode('too_big')).toBe(false);
    expect(isPortalFormsErrorCode('toString')).toBe(false);
    expect(isPortalFormsErrorCode(undefined)).toBe(false);
  });

  it('PortalFormsError carries code, position and both messages', () => {
    const e = new PortalFormsError('FORM_DIGITS_ONLY', { position: 3 });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('PortalFormsError');
    expect(e.code).toBe('FORM_DIGITS_ONLY');
    expect(e.position).toBe(3);
    expect(e.messages.ja).toContain('4文字目が数字ではありません');
    expect(e.messages.en).toContain('character 4 is not a digit');
    expect(e.message).toContain('[FORM_DIGITS_ONLY] @3');
  });
});
