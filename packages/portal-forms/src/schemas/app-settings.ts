/**
 * マイナ資格確認アプリユーザー設定情報: the PDF a clinic receives after the usage-start
 * application and types into the app at first start (seed guide ⑤; docs/reference/portal-rules.md#settings-sheet).
 * Only the existence of the items is public; where the shape is unknown the rules are
 * permissive and say so.
 * @module
 */
import { z } from 'zod';
import { labelled, normalized, requiredCharacters, requiredText } from './field.js';

const ALNUM = { ja: '半角英数字', en: 'half-width letters and digits' };
const ALNUM_HYPHEN = { ja: '半角英数字とハイフン', en: 'half-width letters, digits and hyphens' };
const PRINTABLE = { ja: '半角英数字・記号', en: 'half-width letters, digits and symbols' };

/**
 * The settings sheet. Known: all six items exist (SEED), the ID looks like `W0000001`
 * (WORLD-HOKEN, ⚠️ one example). Everything else is a permissive guess:
 * - TODO(docs/reference/numbers-and-forms.md#institution-codes, docs/reference/portal-rules.md#open-questions): 機関コード format unknown → 1-20 half-width letters, digits, hyphens.
 * - TODO(docs/reference/portal-rules.md#settings-sheet): ID shape from one example → 1-32 half-width letters and digits (W + 7 digits passes).
 * - TODO(docs/reference/portal-rules.md#settings-sheet): パスワード, パスコード, アクティベーションコード lengths and character sets unknown →
 *   printable ASCII (パスワード/パスコード, never normalised) and letters/digits/hyphens (アクティベーションコード), up to 128.
 */
export const appSettingsSchema = z.object({
  institutionCode: labelled(normalized('code', requiredCharacters(/[0-9A-Za-z-]/, 20, ALNUM_HYPHEN)), {
    title: '機関コード',
    'x-title-en': 'Institution code',
  }),
  institutionName: labelled(normalized('name', requiredText(100)), {
    title: '機関名',
    'x-title-en': 'Institution name',
  }),
  accountId: labelled(normalized('code', requiredCharacters(/[0-9A-Za-z]/, 32, ALNUM)), {
    title: 'ID',
    'x-title-en': 'Account ID',
    examples: ['W0000001'],
  }),
  password: labelled(requiredCharacters(/[\x20-\x7E]/, 128, PRINTABLE), {
    title: 'パスワード',
    'x-title-en': 'Password',
  }),
  passcode: labelled(requiredCharacters(/[\x20-\x7E]/, 128, PRINTABLE), {
    title: 'パスコード',
    'x-title-en': 'Passcode',
  }),
  activationCode: labelled(normalized('code', requiredCharacters(/[0-9A-Za-z-]/, 128, ALNUM_HYPHEN)), {
    title: 'アクティベーションコード',
    'x-title-en': 'Activation code',
  }),
});

/**
 * What a valid settings sheet gives (eligibility's `AppSettings` adds the identity mode and the
 * terminal id to it).
 */
export type AppSettingsSheet = z.infer<typeof appSettingsSchema>;
