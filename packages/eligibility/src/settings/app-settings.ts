/**
 * The app settings sheet (マイナ資格確認アプリユーザー設定情報, docs/reference/portal-rules.md#settings-sheet):
 * 機関コード, 機関名, ID, パスワード, パスコード, アクティベーションコード, plus the identity mode
 * (目視確認で本人認証 ON/OFF, docs/reference/portal-rules.md#identity-modes). The sheet itself is validated by portal-forms'
 * `appSettingsSchema` (formats of 機関コード and ID are not public, docs/reference/numbers-and-forms.md#institution-codes, docs/reference/portal-rules.md#settings-sheet).
 * @module
 */
import { appSettingsSchema, validateForm } from '@onshikit/portal-forms';
import { EligibilityError } from '../errors.js';

/** The settings a desk needs. Secrets: `password`, `passcode`, `activationCode`. */
export interface AppSettings {
  /** 機関コード (shape not public; 1-20 letters/digits/hyphens). */
  readonly institutionCode: string;
  /** 機関名. */
  readonly institutionName: string;
  /** ID of the app account (a guide shows `W0000001`). */
  readonly accountId: string;
  readonly password: string;
  readonly passcode: string;
  readonly activationCode: string;
  /** 目視 (`visual`) or 暗証番号 (`pin`). */
  readonly identityMode: 'visual' | 'pin';
  /** This terminal's name, when the clinic has several (max 20 devices, docs/reference/portal-rules.md#usage-application). */
  readonly terminalId?: string;
}

/** The fields kept in clear (everything but the secrets). */
export type PublicSettings = Omit<AppSettings, 'password' | 'passcode' | 'activationCode'>;

/** The secret fields, stored only encrypted. */
export type SecretSettings = Pick<AppSettings, 'password' | 'passcode' | 'activationCode'>;

/**
 * Validates and normalises the settings sheet with portal-forms' `appSettingsSchema` (the one
 * schema of the sheet), plus the identity mode and terminal id; throws `SETTINGS_INVALID`
 * naming the first bad field (never its value).
 */
export function validateAppSettings(input: unknown): AppSettings {
  if (typeof input !== 'object' || input === null)
    throw new EligibilityError('SETTINGS_INVALID', { detail: { field: 'settings', reason: 'not an object' } });
  const s = input as Record<string, unknown>;
  const { identityMode, terminalId, ...sheet } = s;
  if (identityMode !== 'visual' && identityMode !== 'pin')
    throw new EligibilityError('SETTINGS_INVALID', { detail: { field: 'identityMode', reason: 'not visual or pin' } });
  if (terminalId !== undefined && (typeof terminalId !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(terminalId))) {
    throw new EligibilityError('SETTINGS_INVALID', {
      detail: { field: 'terminalId', reason: 'not 1-64 of [A-Za-z0-9._-]' },
    });
  }
  const checked = validateForm(appSettingsSchema, sheet);
  if (!checked.success) {
    const first = checked.errors[0];
    throw new EligibilityError('SETTINGS_INVALID', {
      detail: { field: first?.path ?? 'settings', reason: first?.code ?? 'invalid' },
    });
  }
  return { ...checked.data, identityMode, ...(terminalId === undefined ? {} : { terminalId }) };
}

/** Splits settings into the clear part and the secrets. */
export function splitSecrets(settings: AppSettings): { publicPart: PublicSettings; secrets: SecretSettings } {
  const { password, passcode, activationCode, ...publicPart } = settings;
  return { publicPart, secrets: { password, passcode, activationCode } };
}
