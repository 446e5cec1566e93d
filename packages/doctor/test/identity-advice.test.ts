// 資格確認限定型 offers 目視 and 暗証番号 only; 顔認証 exists on hospitals' face-recognition readers
// (docs/reference/portal-rules.md#identity-modes). No catalogue may send a 施術所 desk to 顔認証.
import { describe, expect, it } from 'vitest';
import { doctorMessages, doctorNextStep, doctorText, type DoctorCode } from '@onshikit/doctor';
import { eligibilityErrorMessages } from '@onshikit/eligibility';
import { cardErrorMessages, type CardErrorCode } from '@onshikit/mynumber';

const CARD_DETAIL = {
  reason: '理由',
  reasonEn: 'reason',
  sw: '6A82',
  step: 'SELECT',
  file: 'EF 0001',
  expected: '4 桁の数字',
  expectedEn: '4 digits',
};

const FACE_ADVICE = /顔認証で|顔認証または|または顔認証|by face|face or visual|face-recognition or/i;

function texts(): string[] {
  const out: string[] = [];
  for (const code of Object.keys(doctorMessages) as DoctorCode[]) {
    for (const lang of ['ja', 'en'] as const) {
      out.push(doctorText(code, lang, { triesLeft: 1 }), doctorNextStep(code, lang, { triesLeft: 1 }) ?? '');
    }
  }
  for (const code of Object.keys(cardErrorMessages) as CardErrorCode[]) {
    // Every key any card message reads (each factory is typed to its own code's detail).
    const m = (cardErrorMessages[code] as (detail: object) => { ja: string; en: string })(CARD_DETAIL);
    out.push(m.ja, m.en);
  }
  for (const m of Object.values(eligibilityErrorMessages)) out.push(m.ja, m.en);
  return out;
}

describe('identity advice (資格確認限定型: 目視 and 暗証番号 only, docs/reference/portal-rules.md#identity-modes)', () => {
  it('no doctor, driver or workflow message advises 顔認証 at the desk', () => {
    const offending = texts().filter((t) => FACE_ADVICE.test(t));
    expect(offending).toEqual([]);
  });

  it('the 目視 advice is there for a last try and for a face-auth card', () => {
    expect(doctorNextStep('PIN_LAST_TRY', 'ja')).toContain('目視確認で受付');
    expect(doctorNextStep('FACE_AUTH_CARD', 'ja')).toContain('目視確認で受付');
  });

  it('CARD_CERT_MISSING never names the 顔認証マイナンバーカード, which holds the 利用者証明用 certificate (docs/reference/portal-rules.md#identity-modes)', () => {
    for (const detail of [
      {},
      { certificateJa: '利用者証明用電子証明書', certificateEn: 'user-authentication certificate' },
    ]) {
      const m = cardErrorMessages.CARD_CERT_MISSING(detail);
      expect(m.ja).not.toMatch(/顔認証/);
      expect(m.en).not.toMatch(/face/i);
    }
  });
});
