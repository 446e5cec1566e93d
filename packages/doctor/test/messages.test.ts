import { doctorMessages, doctorNextStep, doctorText, type DoctorCode, type DoctorMessage } from '@onshikit/doctor';
import { describe, expect, it } from 'vitest';

const params = {
  readers: ['R1'],
  reader: 'R1',
  notAfter: '2030-01-01',
  daysLeft: 12,
  triesLeft: 2,
  timeoutSeconds: 30,
  reason: 'why',
};
const render = (text: DoctorMessage['ja']): string => (typeof text === 'function' ? text(params) : text);
const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('doctorMessages', () => {
  const entries = Object.entries(doctorMessages) as [DoctorCode, DoctorMessage][];

  it.each(entries)('%s has non-empty ja and en, and a next step in both or neither', (_code, message) => {
    expect(render(message.ja).trim()).not.toBe('');
    expect(render(message.en).trim()).not.toBe('');
    expect(render(message.ja)).toMatch(japanese);
    if (message.nextStep) {
      expect(render(message.nextStep.ja)).toMatch(japanese);
      expect(render(message.nextStep.en).trim()).not.toBe('');
    }
  });

  it('every problem code has a next step; informational codes have none', () => {
    const informational = [
      'PCSC_OK',
      'PASORI_SETTINGS',
      'VERDICT',
      'READERS_FOUND',
      'MYNUMBER_CARD',
      'CERT_VALID',
      'PIN_OK',
      'ALL_GOOD',
    ];
    for (const [code, message] of entries)
      expect(message.nextStep === undefined, code).toBe(informational.includes(code));
  });

  it('factories show their parameters and tolerate missing ones', () => {
    expect(doctorText('CERT_EXPIRING', 'ja', { notAfter: '2030-01-01', daysLeft: 12 })).toContain('残り 12 日');
    expect(doctorText('CERT_EXPIRING', 'en', { notAfter: '2030-01-01', daysLeft: 12 })).toContain('12 days left');
    expect(doctorText('CARD_TIMEOUT', 'en')).toContain('?');
    expect(doctorNextStep('PCSC_UNAVAILABLE', 'en')).toContain('apt install pcscd');
    expect(doctorNextStep('PIN_BLOCKED', 'ja')).toContain('市区町村');
    expect(doctorNextStep('NO_READER', 'ja')).toContain('NFCポート');
    expect(doctorNextStep('ALL_GOOD', 'ja')).toBeUndefined();
  });
});
