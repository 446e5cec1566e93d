import { parseArgs } from 'node:util';
import type { DoctorLang } from './messages.js';

/** The parsed command line of `onshikit`. */
export type CliCommand =
  | { readonly kind: 'doctor'; readonly lang: DoctorLang; readonly json: boolean; readonly timeoutMs: number }
  | { readonly kind: 'help'; readonly lang: DoctorLang }
  | { readonly kind: 'usage-error'; readonly lang: DoctorLang; readonly message: string };

/** Default card wait of `onshikit doctor`, in seconds. */
export const DEFAULT_TIMEOUT_SECONDS = 30;
const MAX_TIMEOUT_SECONDS = 3600;

/** Usage text in both languages. */
export const usage: Record<DoctorLang, string> = {
  ja: [
    '使い方: onshikit doctor [--lang ja|en] [--json] [--timeout <秒>]',
    '',
    '  PC/SC サービス、カードリーダー、マイナンバーカード(種類・利用者証明用電子証明書の有効期限・',
    '  暗証番号の残り回数)を確認します。暗証番号の照合はしません(残り回数は減りません)。',
    '',
    '  --lang ja|en    表示言語(既定 ja)',
    '  --json          機械可読な JSON で出力',
    `  --timeout <秒>  カードを待つ時間(既定 ${DEFAULT_TIMEOUT_SECONDS} 秒)`,
    '',
    '終了コード: 0 問題なし、1 問題あり、2 使い方の誤り',
  ].join('\n'),
  en: [
    'Usage: onshikit doctor [--lang ja|en] [--json] [--timeout <seconds>]',
    '',
    '  Checks the PC/SC service, the card readers and the My Number Card (type, user-authentication',
    '  certificate validity, PIN tries left). Never verifies a PIN: no try is used.',
    '',
    '  --lang ja|en          output language (default ja)',
    '  --json                machine-readable JSON output',
    `  --timeout <seconds>   how long to wait for a card (default ${DEFAULT_TIMEOUT_SECONDS})`,
    '',
    'Exit codes: 0 all good, 1 a problem found, 2 bad usage',
  ].join('\n'),
};

/** Parses `argv` (without node and the script). Never throws: bad input is a `usage-error`. */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  let values: {
    lang?: string | undefined;
    json?: boolean | undefined;
    timeout?: string | undefined;
    help?: boolean | undefined;
  };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        lang: { type: 'string' },
        json: { type: 'boolean' },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    const lang: DoctorLang = argv.includes('en') && argv.includes('--lang') ? 'en' : 'ja';
    return { kind: 'usage-error', lang, message: error instanceof Error ? error.message : String(error) };
  }
  const langValue = values.lang ?? 'ja';
  if (langValue !== 'ja' && langValue !== 'en') {
    return { kind: 'usage-error', lang: 'ja', message: `--lang must be ja or en (got "${langValue}")` };
  }
  const lang: DoctorLang = langValue;
  if (values.help) return { kind: 'help', lang };
  const [command, ...rest] = positionals;
  if (command === undefined || command === 'help')
    return command === 'help'
      ? { kind: 'help', lang }
      : { kind: 'usage-error', lang, message: 'missing command (doctor)' };
  if (command !== 'doctor') return { kind: 'usage-error', lang, message: `unknown command "${command}"` };
  if (rest.length > 0) return { kind: 'usage-error', lang, message: `unexpected argument "${rest[0]}"` };
  let timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
  if (values.timeout !== undefined) {
    timeoutSeconds = /^\d+(\.\d+)?$/.test(values.timeout) ? Number(values.timeout) : Number.NaN;
    if (!(Math.round(timeoutSeconds * 1000) >= 1 && timeoutSeconds <= MAX_TIMEOUT_SECONDS)) {
      return {
        kind: 'usage-error',
        lang,
        message: `--timeout must be a number of seconds between 0 and ${MAX_TIMEOUT_SECONDS} (got "${values.timeout}")`,
      };
    }
  }
  return { kind: 'doctor', lang, json: values.json ?? false, timeoutMs: Math.round(timeoutSeconds * 1000) };
}
