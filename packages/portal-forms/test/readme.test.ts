import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureConsoleLog, packageFile, readmeBlock } from '../../../test-support/readme-example.js';

const root = path.join(import.meta.dirname, '..');

describe('README example', () => {
  it('is the first ts block of the README, identical to examples/readme.ts', () => {
    expect(readmeBlock(root)).toBe(packageFile(root, 'examples/readme.ts'));
  });

  it('runs and prints what the README says', async () => {
    const lines = await captureConsoleLog(() => import('../examples/readme.js'));
    expect(lines).toEqual([
      '契2804440-0-0 0781234567',
      'phoneNumber FORM_PHONE_LENGTH 「07」で始まる電話番号は10桁です(入力は9桁)。',
      'passwordConfirmation FORM_PASSWORD_MISMATCH パスワード(確認用)がパスワードと一致しません。',
      'The confirmation does not match the password.',
      'FORM_CHECK_DIGIT 7 The check digit of the insurer number (digit 8) does not match: entered 3, expected 2. Check the number.',
      '1980-02-17 昭和55年2月17日',
    ]);
  });

  it('shows the resolver the README describes', async () => {
    expect(readmeBlock(root, 'resolver')).toBe(packageFile(root, 'examples/resolver.ts'));
    const { portalFormsResolver } = await import('../examples/resolver.js');
    const { userRegistrationSchema } = await import('@onshikit/portal-forms');
    const resolve = portalFormsResolver(userRegistrationSchema, 'en');
    const bad = await resolve({ phoneNumber: '03' });
    expect(bad.values).toEqual({});
    expect(bad.errors.phoneNumber).toEqual({
      type: 'FORM_PHONE_LENGTH',
      message: 'Phone numbers starting "03" have 10 digits (got 2).',
    });
  });
});
