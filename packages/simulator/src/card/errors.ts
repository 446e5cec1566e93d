import { brandError, type ErrorOptionsArg, hasErrorBrand } from '@onshikit/apdu';

/** Localised message pair. */
export interface SimulatorMessage {
  readonly ja: string;
  readonly en: string;
}

/** The values each {@link SimulatorErrorCode} carries in `detail` (never a PIN value). */
export interface SimulatorErrorDetails {
  /** `field`: the profile field, e.g. `'pins.auth.value'`; `reason`: what is wrong with it. */
  CARD_PROFILE_INVALID: { readonly field: string; readonly reason: string };
}

/** Stable codes of {@link SimulatorError}. */
export type SimulatorErrorCode = keyof SimulatorErrorDetails;

/** The one catalogue of the virtual card's messages (a parity test checks both languages). */
export const simulatorErrorMessages: { readonly [C in SimulatorErrorCode]: SimulatorMessage } = {
  CARD_PROFILE_INVALID: {
    ja: 'カードのプロファイルが不正です(項目: detail.field を確認してください)。',
    en: 'The card profile is invalid (see detail.field).',
  },
};

/**
 * A bad input to the simulator (never a card status word, never a link failure). `detail` is
 * typed by `code`: narrow with {@link SimulatorError.hasCode} to read it.
 */
export class SimulatorError<C extends SimulatorErrorCode = SimulatorErrorCode> extends Error {
  readonly code: C;
  readonly messages: SimulatorMessage;
  /** Which field and why; never a PIN value. */
  readonly detail: SimulatorErrorDetails[C];

  constructor(code: C, ...[detail]: ErrorOptionsArg<SimulatorErrorDetails, C, SimulatorErrorDetails[C]>) {
    const values = (detail ?? {}) as SimulatorErrorDetails[C];
    const messages = simulatorErrorMessages[code];
    super(`[${code}] ${messages.en} / ${messages.ja} ${JSON.stringify(values)}`);
    this.name = 'SimulatorError';
    brandError(this, 'SimulatorError');
    this.code = code;
    this.messages = messages;
    this.detail = values;
  }

  /** True when this error has `code`; narrows `detail` to that code's values. */
  hasCode<K extends SimulatorErrorCode>(code: K): this is SimulatorError<K> {
    return (this.code as SimulatorErrorCode) === code;
  }

  /** `instanceof` holds for errors from any copy of this package (ESM and CJS builds). */
  static override [Symbol.hasInstance](value: unknown): value is SimulatorError {
    return hasErrorBrand(value, 'SimulatorError');
  }
}
