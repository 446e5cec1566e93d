/**
 * The app settings sheet (マイナ資格確認アプリユーザー設定情報, memo eligibility.md §4.3):
 * 機関コード, 機関名, ID, パスワード, パスコード, アクティベーションコード, plus the identity mode
 * (目視確認で本人認証 ON/OFF, memo §5.1). Formats of 機関コード and ID are not public (memo §2.5,
 * §4.3 ❓/⚠️), so validation is permissive on shape and strict on hygiene (no control
 * characters, bounded lengths).
 * @module
 */
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
  /** This terminal's name, when the clinic has several (max 20 devices, memo §4.2). */
  readonly terminalId?: string;
}

/** The fields kept in clear (everything but the secrets). */
export type PublicSettings = Omit<AppSettings, 'password' | 'passcode' | 'activationCode'>;

/** The secret fields, stored only encrypted. */
export type SecretSettings = Pick<AppSettings, 'password' | 'passcode' | 'activationCode'>;

const CONTROL = /[\u0000-\u001f\u007f]/;

function field(value: unknown, name: string, max: number, pattern?: RegExp): string {
  if (typeof value !== 'string' || value.trim() === '') throw new EligibilityError('SETTINGS_INVALID', { detail: { field: name, reason: 'missing' } });
  const s = value.normalize('NFKC').trim();
  if (s.length > max) throw new EligibilityError('SETTINGS_INVALID', { detail: { field: name, reason: `longer than ${max}` } });
  if (CONTROL.test(s)) throw new EligibilityError('SETTINGS_INVALID', { detail: { field: name, reason: 'control character' } });
  if (pattern !== undefined && !pattern.test(s)) throw new EligibilityError('SETTINGS_INVALID', { detail: { field: name, reason: 'format' } });
  return s;
}

/** Validates and normalises (NFKC, trimmed) the settings sheet; throws `SETTINGS_INVALID` naming the field (never its value). */
export function validateAppSettings(input: unknown): AppSettings {
  if (typeof input !== 'object' || input === null) throw new EligibilityError('SETTINGS_INVALID', { detail: { field: 'settings', reason: 'not an object' } });
  const s = input as Record<string, unknown>;
  if (s.identityMode !== 'visual' && s.identityMode !== 'pin') throw new EligibilityError('SETTINGS_INVALID', { detail: { field: 'identityMode', reason: 'not visual or pin' } });
  const printable = /^[\x21-\x7e]+$/;
  return {
    institutionCode: field(s.institutionCode, 'institutionCode', 20, /^[A-Za-z0-9-]+$/),
    institutionName: field(s.institutionName, 'institutionName', 100),
    accountId: field(s.accountId, 'accountId', 32, /^[A-Za-z0-9_-]+$/),
    password: field(s.password, 'password', 100, printable),
    passcode: field(s.passcode, 'passcode', 100, printable),
    activationCode: field(s.activationCode, 'activationCode', 200, printable),
    identityMode: s.identityMode,
    ...(s.terminalId === undefined ? {} : { terminalId: field(s.terminalId, 'terminalId', 64, /^[A-Za-z0-9._-]+$/) }),
  };
}

/** Splits settings into the clear part and the secrets. */
export function splitSecrets(settings: AppSettings): { publicPart: PublicSettings; secrets: SecretSettings } {
  const { password, passcode, activationCode, ...publicPart } = settings;
  return { publicPart, secrets: { password, passcode, activationCode } };
}
