import { brandError, hasErrorBrand } from '@onshikit/apdu';

/** Localised message pair. */
export interface SimulatorMessage {
  readonly ja: string;
  readonly en: string;
}

/** Stable codes of {@link SimulatorError}. */
export type SimulatorErrorCode = 'CARD_PROFILE_INVALID';

/** The one catalogue of the virtual card's messages (a parity test checks both languages). */
export const simulatorErrorMessages: { readonly [C in SimulatorErrorCode]: SimulatorMessage } = {
  CARD_PROFILE_INVALID: {
    ja: 'カードのプロファイルが不正です(項目: detail.field を確認してください)。',
    en: 'The card profile is invalid (see detail.field).',
  },
};

/** A bad input to the simulator (never a card status word, never a link failure). */
export class SimulatorError extends Error {
  readonly code: SimulatorErrorCode;
  readonly messages: SimulatorMessage;
  /** Which field and why; never a PIN value. */
  readonly detail: Readonly<Record<string, unknown>>;

  constructor(code: SimulatorErrorCode, detail: Record<string, unknown> = {}) {
    const messages = simulatorErrorMessages[code];
    super(`[${code}] ${messages.en} / ${messages.ja} ${JSON.stringify(detail)}`);
    this.name = 'SimulatorError';
    brandError(this, 'SimulatorError');
    this.code = code;
    this.messages = messages;
    this.detail = detail;
  }

  /** `instanceof` holds for errors from any copy of this package (ESM and CJS builds). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasErrorBrand(value, 'SimulatorError');
  }
}
