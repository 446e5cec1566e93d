/**
 * A small scripted stand-in for the card, answering the command shapes of docs/reference/card-protocol.md#command-table. Used by unit
 * tests for statuses the virtual card cannot be made to produce (odd SWs, malformed files);
 * the integration tests use the simulator's VirtualMyNumberCard.
 */
import { constants, privateEncrypt, type KeyObject } from 'node:crypto';
import { CommandApdu, toHex, TransportError, type Transport } from '@onshikit/apdu';

export interface FakePin {
  value: string;
  tries: number;
  max: number;
  verified?: boolean;
}

export interface FakeApp {
  files: Map<number, Uint8Array>;
  pins: Map<number, FakePin>;
  /** key EF → (PIN EF, private key). */
  keys?: Map<number, { pin: number; key: KeyObject }>;
}

export class FakeCard implements Transport {
  apps = new Map<string, FakeApp>();
  supportsExtendedLength = false;
  /** Every command received (copies). */
  log: Uint8Array[] = [];
  /** Every command buffer received (the same objects the driver passed). */
  buffers: Uint8Array[] = [];
  /** Answer this SW to the n-th command (0-based) instead. */
  override = new Map<number, number>();
  removeAt: number | undefined;
  firstCommand6F00 = false;
  /** Answer READ BINARY and VERIFY by short EF id with 6A86 (a card without short EF ids). */
  refuseShortEfId = false;
  private current: { aid: string; app: FakeApp } | undefined;
  private ef: number | undefined;

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    const index = this.log.length;
    this.log.push(command.slice());
    this.buffers.push(command);
    if (this.removeAt === index) throw new TransportError('CARD_REMOVED');
    if (index === 0 && this.firstCommand6F00) return sw(0x6f00);
    const forced = this.override.get(index);
    if (forced !== undefined) return sw(forced);
    return this.answer(CommandApdu.decode(command));
  }

  async close(): Promise<void> {}

  /** Closes it (the same as `close()`), for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private answer(c: CommandApdu): Uint8Array {
    if (c.cla === 0x00 && c.ins === 0xa4) {
      if (c.p1 === 0x04 && c.p2 === 0x0c) {
        const aid = toHex(c.data);
        const app = this.apps.get(aid);
        if (!app) return sw(0x6a82);
        if (this.current?.aid !== aid) for (const p of app.pins.values()) p.verified = false;
        this.current = { aid, app };
        this.ef = undefined;
        return sw(0x9000);
      }
      if (c.p1 === 0x02 && c.p2 === 0x0c) {
        if (!this.current || c.data.length !== 2) return sw(0x6a82);
        const fid = (c.data[0]! << 8) | c.data[1]!;
        const app = this.current.app;
        if (!app.files.has(fid) && !app.pins.has(fid) && !app.keys?.has(fid)) return sw(0x6a82);
        this.ef = fid;
        return sw(0x9000);
      }
      if (c.p1 === 0 && c.p2 === 0) return sw(this.current ? 0x9000 : 0x6a86);
      return sw(0x6a86);
    }
    if (c.cla === 0x00 && c.ins === 0xb0) {
      if ((c.p1 & 0x80) !== 0) {
        // READ BINARY by short EF id (docs/reference/card-protocol.md#command-table): the EF with that FID becomes current.
        if (this.refuseShortEfId) return sw(0x6a86);
        const fid = c.p1 & 0x1f;
        if (!this.current?.app.files.has(fid)) return sw(0x6a82);
        this.ef = fid;
      }
      const file = this.ef === undefined ? undefined : this.current?.app.files.get(this.ef);
      if (!file) return sw(0x6986);
      const pinNeeded = [...(this.current?.app.pins.values() ?? [])].length > 0 && this.protectedFile(this.ef!);
      if (pinNeeded) return sw(0x6982);
      const offset = (c.p1 & 0x80) !== 0 ? c.p2 : ((c.p1 & 0x7f) << 8) | c.p2;
      if (offset >= file.length) return sw(0x6b00);
      const data = file.subarray(offset, Math.min(file.length, offset + (c.le ?? 0)));
      if (!this.supportsExtendedLength && c.extended) return sw(0x6700);
      return withSw(data, 0x9000);
    }
    if (c.cla === 0x00 && c.ins === 0x20 && c.p1 === 0 && (c.p2 & 0xe0) === 0x80) {
      // P2 80 = current EF; 80|SFI = the PIN EF by short id (docs/reference/card-protocol.md#command-table).
      if (c.p2 !== 0x80 && this.refuseShortEfId) return sw(0x6a86);
      const fid = c.p2 === 0x80 ? this.ef : c.p2 & 0x1f;
      const pin = fid === undefined ? undefined : this.current?.app.pins.get(fid);
      if (!pin) return sw(0x6a88);
      if (c.data.length === 0) {
        if (pin.verified) return sw(0x9000);
        return sw(0x63c0 | pin.tries);
      }
      if (pin.tries === 0) return sw(0x6984);
      if (new TextDecoder().decode(c.data) === pin.value) {
        pin.tries = pin.max;
        pin.verified = true;
        return sw(0x9000);
      }
      pin.tries--;
      pin.verified = false;
      return sw(0x63c0 | pin.tries);
    }
    if (c.cla === 0x80 && c.ins === 0x2a && c.p1 === 0 && c.p2 === 0x80) {
      const key = this.ef === undefined ? undefined : this.current?.app.keys?.get(this.ef);
      if (!key) return sw(0x6986);
      if (!this.current?.app.pins.get(key.pin)?.verified) return sw(0x6982);
      const signature = privateEncrypt({ key: key.key, padding: constants.RSA_PKCS1_PADDING }, c.data);
      return withSw(new Uint8Array(signature), 0x9000);
    }
    return sw(0x6d00);
  }

  /** Files that need a PIN: every file of an app with PINs except the JPKI public ones. */
  protectedFiles = new Set<string>();
  private protectedFile(fid: number): boolean {
    if (!this.current || !this.protectedFiles.has(`${this.current.aid}/${fid}`)) return false;
    return ![...this.current.app.pins.values()].some((p) => p.verified);
  }
}

export function sw(status: number): Uint8Array {
  return Uint8Array.of(status >> 8, status & 0xff);
}

export function withSw(data: Uint8Array, status: number): Uint8Array {
  const out = new Uint8Array(data.length + 2);
  out.set(data);
  out[data.length] = status >> 8;
  out[data.length + 1] = status & 0xff;
  return out;
}
