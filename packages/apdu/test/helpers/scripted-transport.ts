import { fromHex, toHex, type TransmitOptions, type Transport } from '@onshikit/apdu';

/** One expected command (hex) and what to answer: response hex or an error to throw. */
export type Step = readonly [command: string, answer: string | Error];

/**
 * A fake card that expects an exact sequence of commands, for the transmission logic tests.
 * Anything unexpected fails the test with the command that was sent.
 */
export class ScriptedTransport implements Transport {
  readonly sent: string[] = [];
  closed = false;
  maxCommandLength?: number;
  supportsExtendedLength?: boolean;
  #steps: Step[];

  constructor(steps: readonly Step[], caps: { maxCommandLength?: number; supportsExtendedLength?: boolean } = {}) {
    this.#steps = [...steps];
    Object.assign(this, caps);
  }

  async transmit(command: Uint8Array, _options?: TransmitOptions): Promise<Uint8Array> {
    const hex = toHex(command);
    this.sent.push(hex);
    const step = this.#steps.shift();
    if (!step) throw new Error(`unexpected command ${hex}`);
    if (step[0].replace(/\s/g, '').toUpperCase() !== hex) throw new Error(`expected ${step[0]}, got ${hex}`);
    if (step[1] instanceof Error) throw step[1];
    return fromHex(step[1]);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** Closes it (the same as `close()`), for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  get remaining(): number {
    return this.#steps.length;
  }
}
