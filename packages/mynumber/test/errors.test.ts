import { TransportError } from '@onshikit/apdu';
import { CardError, cardErrorMessages, type CardErrorCode } from '@onshikit/mynumber';
import { describe, expect, it } from 'vitest';

const codes = Object.keys(cardErrorMessages) as CardErrorCode[];

describe('CardError catalogue', () => {
  it.each(codes)('%s has non-empty Japanese and English messages', (code) => {
    const error = new CardError(code, {
      triesLeft: 2,
      detail: { sw: '6A82', step: 'SELECT', reason: '理由', reasonEn: 'reason' },
    });
    expect(error.messages.ja.trim().length).toBeGreaterThan(0);
    expect(error.messages.en.trim().length).toBeGreaterThan(0);
    expect(/[\u3040-\u30ff\u4e00-\u9fff]/.test(error.messages.ja)).toBe(true);
    expect(/[\u3040-\u30ff\u4e00-\u9fff]/.test(error.messages.en)).toBe(false);
    expect(error.code).toBe(code);
    expect(error.name).toBe('CardError');
  });

  it('covers the codes the issue names', () => {
    for (const code of [
      'CARD_PIN_WRONG',
      'CARD_PIN_BLOCKED',
      'CARD_PIN_NOT_SET',
      'CARD_PIN_LAST_TRY',
      'CARD_NOT_MYNUMBER',
      'CARD_REMOVED',
      'CARD_CERT_MISSING',
      'CARD_CERT_INVALID',
      'CARD_SECURITY_STATUS',
      'CARD_UNEXPECTED_STATUS',
    ]) {
      expect(codes).toContain(code);
    }
  });

  it('puts tries left in the PIN_WRONG message', () => {
    const error = new CardError('CARD_PIN_WRONG', { triesLeft: 1 });
    expect(error.messages.ja).toContain('1');
    expect(error.messages.en).toContain('1');
    expect(error.triesLeft).toBe(1);
  });

  it('CARD_REMOVED matches the transport wording', () => {
    expect(new CardError('CARD_REMOVED').messages).toEqual(new TransportError('CARD_REMOVED').messages);
  });
});
