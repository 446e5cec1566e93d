/**
 * The error of the private PC/SC test stack ({@link startPcscStack}): a stable `code`, the
 * message in Japanese and English from the one catalogue below, and a `detail` typed per code.
 * @module
 */
import {
  brandError,
  type DetailOption,
  type ErrorCatalogue,
  type ErrorOptionsArg,
  hasErrorBrand,
  type LocalizedMessage,
  type MessageFactory,
  type NoDetail,
} from '@onshikit/apdu';

/** The values each {@link PcscStackErrorCode} carries in `detail`. */
export interface PcscStackErrorDetails {
  /** pcscd or the vpcd driver is not installed. */
  PCSC_STACK_MISSING: NoDetail;
  /** This process already runs a stack. */
  PCSC_STACK_RUNNING: NoDetail;
  /** Another process holds the machine-wide stack lock; `pid` when the lock names it. */
  PCSC_STACK_LOCKED: { readonly pid?: number | undefined; readonly lockPath: string; readonly timeoutMs: number };
  /** A pcscd this stack did not start owns the client socket; `pid` when its pid file names it. */
  PCSC_STACK_FOREIGN_PCSCD: { readonly pid?: number | undefined; readonly socket: string };
  /** No free pair of TCP ports for vpcd from `firstPort` on. */
  PCSC_STACK_NO_PORT: { readonly firstPort: number };
  /** pcscd exited (`exitCode`) or did not come up in time (no `exitCode`); `output`: its last output. */
  PCSC_STACK_PCSCD_FAILED: { readonly exitCode?: number | undefined; readonly output: string };
  /** pcscd did not report the inserted card in time. */
  PCSC_STACK_CARD_NOT_SEEN: { readonly timeoutMs: number };
}

/** Stable codes of {@link PcscStackError}. */
export type PcscStackErrorCode = keyof PcscStackErrorDetails;

const pidText = (pid: number | undefined): string => (pid === undefined ? '' : ` (pid ${pid})`);

/** The one catalogue of PC/SC stack messages (a parity test checks both languages). */
export const pcscStackErrorMessages: ErrorCatalogue<PcscStackErrorDetails> = {
  PCSC_STACK_MISSING: () => ({
    ja: 'pcscd または vpcd がありません。scripts/setup-test-env.sh を実行してください(apt-get install pcscd vsmartcard-vpcd)。',
    en: 'pcscd or the vpcd driver is missing: run scripts/setup-test-env.sh (apt-get install pcscd vsmartcard-vpcd).',
  }),
  PCSC_STACK_RUNNING: () => ({
    ja: 'このプロセスで PC/SC テストスタックが既に動いています。先に停止してください。',
    en: 'A PC/SC test stack is already running in this process; stop it before starting another.',
  }),
  PCSC_STACK_LOCKED: (d) => ({
    ja: `別の PC/SC テストスタック${pidText(d.pid)}が ${d.lockPath} を ${String(d.timeoutMs)} ms を超えて使用中です。`,
    en: `Another PC/SC test stack${pidText(d.pid)} holds ${d.lockPath} for more than ${String(d.timeoutMs)} ms.`,
  }),
  PCSC_STACK_FOREIGN_PCSCD: (d) => ({
    ja: `別の pcscd${pidText(d.pid)}が ${d.socket} で動作中です(pcscd 1.9 は 1 台に 2 つ動かせません)。停止してから再実行してください(systemctl stop pcscd.socket pcscd${d.pid === undefined ? '' : ` または kill ${d.pid}`})。`,
    en: `Another pcscd${pidText(d.pid)} is running on ${d.socket}; pcscd 1.9 cannot run two daemons on one machine. Stop it (systemctl stop pcscd.socket pcscd${d.pid === undefined ? '' : `, or kill ${d.pid}`}) and run the tests again.`,
  }),
  PCSC_STACK_NO_PORT: (d) => ({
    ja: `vpcd 用の空き TCP ポートが ${String(d.firstPort)} 付近にありません。`,
    en: `No free TCP port for vpcd near ${String(d.firstPort)}.`,
  }),
  PCSC_STACK_PCSCD_FAILED: (d) => ({
    ja: `pcscd を起動できませんでした(${d.exitCode === undefined ? '時間内に起動せず' : `終了コード ${d.exitCode}`}): ${d.output.trim() || '(出力なし)'}`,
    en: `pcscd ${d.exitCode === undefined ? 'did not come up in time' : `exited with ${d.exitCode}`}: ${d.output.trim() || '(no output)'}`,
  }),
  PCSC_STACK_CARD_NOT_SEEN: (d) => ({
    ja: `pcscd が ${String(d.timeoutMs)} ms 以内にカードを認識しませんでした。`,
    en: `pcscd did not see the card within ${String(d.timeoutMs)} ms.`,
  }),
};

/** Options for a {@link PcscStackError} of code `C`: `detail` is required when the code's values are. */
export type PcscStackErrorOptions<C extends PcscStackErrorCode = PcscStackErrorCode> = {
  readonly cause?: unknown;
} & DetailOption<PcscStackErrorDetails, C>;

/**
 * Thrown when the stack cannot start; `message` says what to do (en + ja). `detail` is typed by
 * `code`: narrow with {@link PcscStackError.hasCode} to read it.
 */
export class PcscStackError<C extends PcscStackErrorCode = PcscStackErrorCode> extends Error {
  /** Stable machine-readable code. */
  readonly code: C;
  /** The message in Japanese and English. */
  readonly messages: LocalizedMessage;
  /** Values the message was built from. */
  readonly detail: PcscStackErrorDetails[C];

  constructor(code: C, ...[options]: ErrorOptionsArg<PcscStackErrorDetails, C, PcscStackErrorOptions<C>>) {
    const detail = (options?.detail ?? {}) as PcscStackErrorDetails[C];
    const messages = (pcscStackErrorMessages[code] as MessageFactory<PcscStackErrorDetails[C]>)(detail);
    super(
      `[${code}] ${messages.en} / ${messages.ja}`,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'PcscStackError';
    brandError(this, 'PcscStackError');
    this.code = code;
    this.messages = messages;
    this.detail = detail;
  }

  /** True when this error has `code`; narrows `detail` to that code's values. */
  hasCode<K extends PcscStackErrorCode>(code: K): this is PcscStackError<K> {
    return (this.code as PcscStackErrorCode) === code;
  }

  /** `instanceof` holds for errors from any copy of this package (ESM and CJS builds). */
  static override [Symbol.hasInstance](value: unknown): value is PcscStackError {
    return hasErrorBrand(value, 'PcscStackError');
  }
}
