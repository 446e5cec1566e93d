import type { SimulatedCard } from '../card/simulated-card.js';

/** Options for {@link EchoCard}. */
export interface EchoCardOptions {
  /** Contents of the one transparent EF that READ BINARY serves. Default: 1500 bytes 00..FF repeating. */
  file?: Uint8Array;
  /** Work time per command in ms (0 = answer at once). */
  processingMs?: number;
}

/**
 * A tiny {@link SimulatedCard} for link tests and benchmarks (not a My Number Card): it echoes
 * the data of INS `EE` (any length, extended APDUs included) with `9000`, serves READ BINARY
 * (`B0`, offset in P1-P2, short or extended Le) from one file, answers SELECT with `9000` and
 * everything else with `6D00`.
 */
export class EchoCard implements SimulatedCard {
  readonly atr = new Uint8Array([0x3b, 0x88, 0x80, 0x01, 0x00, 0x00, 0x00, 0x00, 0x33, 0x81, 0x81, 0x00, 0x3a]);
  readonly file: Uint8Array;
  readonly #processingMs: number;
  powered = false;
  commands = 0;

  constructor(options: EchoCardOptions = {}) {
    this.file = options.file ?? Uint8Array.from({ length: 1500 }, (_, i) => i & 0xff);
    this.#processingMs = options.processingMs ?? 0;
  }

  powerOn(): void {
    this.powered = true;
  }

  powerOff(): void {
    this.powered = false;
  }

  async process(command: Uint8Array): Promise<Uint8Array> {
    this.commands++;
    if (this.#processingMs > 0) await new Promise((resolve) => setTimeout(resolve, this.#processingMs));
    if (command.length < 4) return new Uint8Array([0x67, 0x00]);
    const ins = command[1]!;
    if (ins === 0xee) return withSw(commandData(command), 0x90, 0x00);
    if (ins === 0xa4) return new Uint8Array([0x90, 0x00]);
    if (ins === 0xb0) {
      const offset = ((command[2]! & 0x7f) << 8) | command[3]!;
      const le = expectedLength(command);
      const data = this.file.subarray(Math.min(offset, this.file.length), Math.min(offset + le, this.file.length));
      return withSw(data, 0x90, 0x00);
    }
    return new Uint8Array([0x6d, 0x00]);
  }
}

function withSw(data: Uint8Array, sw1: number, sw2: number): Uint8Array {
  const out = new Uint8Array(data.length + 2);
  out.set(data);
  out[data.length] = sw1;
  out[data.length + 1] = sw2;
  return out;
}

/** Data field of a case 3/4 command (short or extended); empty otherwise. */
function commandData(command: Uint8Array): Uint8Array {
  if (command.length <= 5) return new Uint8Array(0);
  if (command[4] !== 0) return command.subarray(5, 5 + command[4]!);
  if (command.length <= 7) return new Uint8Array(0);
  const lc = (command[5]! << 8) | command[6]!;
  return command.subarray(7, 7 + lc);
}

/** Le of a case 2 command (short `00` = 256, extended `0000` = 65536). */
function expectedLength(command: Uint8Array): number {
  if (command.length === 5) return command[4] === 0 ? 256 : command[4]!;
  if (command.length === 7 && command[4] === 0) {
    const le = (command[5]! << 8) | command[6]!;
    return le === 0 ? 65536 : le;
  }
  return 256;
}
