import { TransportError } from '@onshikit/apdu';
import type { SimulatedCard } from '@onshikit/simulator';

/**
 * A deliberately small card for transport tests: answers SELECT of the JPKI AP (or not),
 * SELECT EF and READ BINARY (short and extended Le) over a 1 500-byte file, echoes anything
 * else with 9000. Counts power cycles. The real virtual card is tested elsewhere.
 */
export class TinyJpkiCard implements SimulatedCard {
  readonly atr = Uint8Array.of(0x3b, 0x88, 0x80, 0x01, 0x00, 0x00, 0x05, 0xe0, 0xb3, 0x81, 0xa1, 0x00, 0x7f);
  readonly file = Uint8Array.from({ length: 1500 }, (_, i) => (i * 7) & 0xff);
  powerOns = 0;
  powerOffs = 0;
  removeAtCommand: number | undefined;
  commands = 0;
  constructor(readonly jpki = true) {}
  powerOn(): void {
    this.powerOns++;
  }
  powerOff(): void {
    this.powerOffs++;
  }
  async process(command: Uint8Array): Promise<Uint8Array> {
    this.commands++;
    if (this.removeAtCommand !== undefined && this.commands === this.removeAtCommand)
      throw new TransportError('CARD_REMOVED');
    const [cla, ins, p1, p2] = command;
    if (cla === 0x00 && ins === 0xa4 && p1 === 0x04)
      return this.jpki ? Uint8Array.of(0x90, 0x00) : Uint8Array.of(0x6a, 0x82);
    if (cla === 0x00 && ins === 0xa4) return Uint8Array.of(0x90, 0x00);
    if (cla === 0x00 && ins === 0xb0) {
      const offset = (p1! << 8) | p2!;
      let le: number;
      if (command.length === 5) le = command[4] === 0 ? 256 : command[4]!;
      else if (command.length === 7 && command[4] === 0) le = (command[5]! << 8) | command[6]! || 65536;
      else return Uint8Array.of(0x67, 0x00);
      const data = this.file.subarray(offset, Math.min(this.file.length, offset + le));
      const out = new Uint8Array(data.length + 2);
      out.set(data);
      out.set([0x90, 0x00], data.length);
      return out;
    }
    const out = new Uint8Array(command.length + 2);
    out.set(command);
    out.set([0x90, 0x00], command.length);
    return out;
  }
}
