import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const root = path.join(import.meta.dirname, '..');

describe('README example', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is the first ts block of the README, identical to examples/readme.ts', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe(readFileSync(path.join(root, 'examples/readme.ts'), 'utf8'));
  });

  it('runs and prints what the README says', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    await import('../examples/readme.js');
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
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const block = /```ts resolver\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe(readFileSync(path.join(root, 'examples/resolver.ts'), 'utf8'));
    const { portalFormsResolver } = await import('../examples/resolver.js');
    const { userRegistrationSchema } = await import('@onshikit/portal-forms');
    const resolve = portalFormsResolver(userRegistrationSchema, 'en');
    const bad = await resolve({ phoneNumber: '03' });
    expect(bad.values).toEqual({});
    expect(bad.errors.phoneNumber).toEqual({ type: 'FORM_PHONE_LENGTH', message: 'Phone numbers starting "03" have 10 digits (got 2).' });
  });
});
