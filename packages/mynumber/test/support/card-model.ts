/**
 * A simple model of the real card's state (docs/reference/card-protocol.md#reset-behaviour, docs/reference/card-protocol.md#files, docs/reference/card-protocol.md#command-table, docs/reference/card-protocol.md#status-words) and fast-check
 * commands that drive the virtual card (raw APDUs) and the driver side by side with it.
 */
import { bytesEqual, CommandApdu, toHex, type Transport } from '@onshikit/apdu';
import { CardError, MyNumberCard } from '@onshikit/mynumber';
import {
  cardProfiles,
  createInProcessTransport,
  prepareCardMaterial,
  TEST_PINS,
  VirtualMyNumberCard,
  type CardMaterial,
} from '@onshikit/simulator';
import fc from 'fast-check';
import { expect } from 'vitest';

type Ap = 'JPKI' | 'INPUT' | 'FACE';
const AIDS: Record<Ap | 'UNKNOWN', string> = {
  JPKI: 'D392F000260100000001',
  INPUT: 'D3921000310001010408',
  FACE: 'D3921000310001010402',
  UNKNOWN: 'D392F000260100000099',
};
/** Files of the model per application (never the individual-number EFs). */
const FILES: Record<Ap, Record<number, 'binary' | 'pin' | 'key'>> = {
  JPKI: { 0x0006: 'binary', 0x000a: 'binary', 0x000b: 'binary', 0x0017: 'key', 0x0018: 'pin' },
  INPUT: { 0x0002: 'binary', 0x0011: 'pin' },
  FACE: { 0x0012: 'pin' },
};
const FIDS = [0x0006, 0x000a, 0x000b, 0x0017, 0x0018, 0x0002, 0x0011, 0x0012, 0x0ff0];

interface PinModel {
  tries: number;
  readonly max: number;
  verified: boolean;
}

export interface CardModel {
  df: Ap | null;
  ef: number | null;
  pins: Record<'JPKI/24' | 'INPUT/17' | 'FACE/18', PinModel>;
}

export interface RealSystem {
  card: VirtualMyNumberCard;
  transport: Transport & { reset(): Promise<void> };
  driver: MyNumberCard;
  authCertificate: Uint8Array;
  verificationNumberB: string;
}

function pinKey(df: Ap | null, ef: number | null): keyof CardModel['pins'] | undefined {
  if (df === 'JPKI' && ef === 0x0018) return 'JPKI/24';
  if (df === 'INPUT' && ef === 0x0011) return 'INPUT/17';
  if (df === 'FACE' && ef === 0x0012) return 'FACE/18';
  return undefined;
}

/**
 * A raw command behind the driver's back. The driver owns the card, so it is told (as a caller
 * mixing raw APDUs with the driver must); a power cycle is not told, so the driver's recovery
 * from a reset behind its back is exercised.
 */
async function send(real: RealSystem, apdu: CommandApdu): Promise<{ sw: number; data: Uint8Array }> {
  await real.driver.forgetSelection();
  const raw = await real.transport.transmit(apdu.encode());
  return { sw: (raw[raw.length - 2]! << 8) | raw[raw.length - 1]!, data: raw.subarray(0, raw.length - 2) };
}

const hexSw = (sw: number): string => sw.toString(16).toUpperCase();

/**
 * After a driver call the model does not know which EF the driver left current (short EF ids
 * leave it as it was): select the JPKI AP raw, so the model knows again.
 */
async function resync(m: CardModel, r: RealSystem): Promise<void> {
  const { sw } = await send(r, new CommandApdu({ cla: 0, ins: 0xa4, p1: 4, p2: 0x0c, data: fromHexString(AIDS.JPKI) }));
  expect(hexSw(sw)).toBe('9000');
  m.df = 'JPKI';
  m.ef = null;
}

class SelectAp implements fc.AsyncCommand<CardModel, RealSystem> {
  constructor(readonly ap: Ap | 'UNKNOWN') {}
  check(): boolean {
    return true;
  }
  async run(m: CardModel, r: RealSystem): Promise<void> {
    const { sw } = await send(
      r,
      new CommandApdu({ cla: 0, ins: 0xa4, p1: 4, p2: 0x0c, data: fromHexString(AIDS[this.ap]) }),
    );
    if (this.ap === 'UNKNOWN') {
      expect(hexSw(sw)).toBe('6A82');
      return;
    }
    expect(hexSw(sw)).toBe('9000');
    m.df = this.ap;
    m.ef = null;
  }
  toString(): string {
    return `SelectAp(${this.ap})`;
  }
}

class SelectEf implements fc.AsyncCommand<CardModel, RealSystem> {
  constructor(readonly fid: number) {}
  check(m: Readonly<CardModel>): boolean {
    return m.df !== null;
  }
  async run(m: CardModel, r: RealSystem): Promise<void> {
    const { sw } = await send(
      r,
      new CommandApdu({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: Uint8Array.of(this.fid >> 8, this.fid & 0xff) }),
    );
    const exists = m.df !== null && FILES[m.df][this.fid] !== undefined;
    if (exists) {
      expect(hexSw(sw)).toBe('9000');
      m.ef = this.fid;
    } else {
      // The virtual card has more files than the model knows; an unknown one may exist.
      if (sw === 0x9000) m.ef = this.fid;
      else expect(hexSw(sw)).toBe('6A82');
    }
  }
  toString(): string {
    return `SelectEf(${this.fid.toString(16).padStart(4, '0')})`;
  }
}

class ReadBinary implements fc.AsyncCommand<CardModel, RealSystem> {
  constructor(
    readonly offset: number,
    readonly le: number,
  ) {}
  check(m: Readonly<CardModel>): boolean {
    return m.ef !== null && m.df !== null && FILES[m.df][m.ef] !== undefined;
  }
  async run(m: CardModel, r: RealSystem): Promise<void> {
    const { sw, data } = await send(
      r,
      new CommandApdu({ cla: 0, ins: 0xb0, p1: (this.offset >> 8) & 0x7f, p2: this.offset & 0xff, le: this.le }),
    );
    const kind = FILES[m.df!][m.ef!];
    if (kind !== 'binary') {
      expect(hexSw(sw)).toBe('6981'); // incompatible with file structure (docs/reference/card-protocol.md#status-words)
      return;
    }
    if (m.df === 'INPUT' && !m.pins['INPUT/17'].verified) {
      expect(hexSw(sw)).toBe('6982');
      return;
    }
    if (m.df === 'JPKI' && m.ef === 0x000a) {
      const cert = r.authCertificate;
      if (this.offset >= cert.length) {
        // Beyond the certificate: padding or 6B00 at the end of the EF.
        expect([0x9000, 0x6b00]).toContain(sw);
        return;
      }
      expect(hexSw(sw)).toBe('9000');
      const expected = Math.min(this.le, cert.length - this.offset);
      expect(data.length).toBeGreaterThanOrEqual(expected);
      expect(bytesEqual(data.subarray(0, expected), cert.subarray(this.offset, this.offset + expected))).toBe(true);
      return;
    }
    if (m.df === 'JPKI' && m.ef === 0x0006 && this.offset === 0) {
      expect(hexSw(sw)).toBe('9000');
      expect(new TextDecoder().decode(data.subarray(0, 15))).toBe('JPKIAPICCTOKEN2'.slice(0, Math.min(15, this.le)));
      return;
    }
    if (m.df === 'INPUT' && m.ef === 0x0002 && this.offset === 0) {
      expect(hexSw(sw)).toBe('9000');
      expect(toHex(data.subarray(0, 2))).toBe('FF20'.slice(0, 2 * Math.min(2, this.le)));
      return;
    }
    expect([0x9000, 0x6b00]).toContain(sw);
  }
  toString(): string {
    return `ReadBinary(${this.offset}, ${this.le})`;
  }
}

class Verify implements fc.AsyncCommand<CardModel, RealSystem> {
  constructor(readonly attempt: 'empty' | 'right' | 'wrong') {}
  check(m: Readonly<CardModel>): boolean {
    return pinKey(m.df, m.ef) !== undefined;
  }
  async run(m: CardModel, r: RealSystem): Promise<void> {
    const key = pinKey(m.df, m.ef)!;
    const pin = m.pins[key];
    const right =
      key === 'FACE/18' ? r.verificationNumberB : key === 'JPKI/24' ? TEST_PINS.auth : TEST_PINS.inputSupport;
    const data =
      this.attempt === 'empty'
        ? undefined
        : new TextEncoder().encode(this.attempt === 'right' ? right : '0'.repeat(right.length - 1) + 'X');
    const { sw } = await send(r, new CommandApdu({ cla: 0, ins: 0x20, p1: 0, p2: 0x80, ...(data ? { data } : {}) }));
    if (this.attempt === 'empty') {
      // Never uses a try (docs/reference/card-protocol.md#command-table); a verified key may answer 9000 or 63Cx (unknown on the real card).
      if (pin.verified && sw === 0x9000) return;
      expect(hexSw(sw)).toBe(hexSw(0x63c0 | pin.tries));
      return;
    }
    if (pin.tries === 0) {
      expect(hexSw(sw)).toBe('6984');
      return;
    }
    if (this.attempt === 'right') {
      expect(hexSw(sw)).toBe('9000');
      pin.tries = pin.max;
      pin.verified = true;
    } else {
      pin.tries -= 1;
      pin.verified = false;
      expect(hexSw(sw)).toBe(hexSw(0x63c0 | pin.tries));
    }
  }
  toString(): string {
    return `Verify(${this.attempt})`;
  }
}

class Sign implements fc.AsyncCommand<CardModel, RealSystem> {
  check(m: Readonly<CardModel>): boolean {
    return m.df === 'JPKI' && m.ef === 0x0017;
  }
  async run(m: CardModel, r: RealSystem): Promise<void> {
    const digestInfo = fromHexString('3031300D060960864801650304020105000420' + '11'.repeat(32));
    const { sw, data } = await send(
      r,
      new CommandApdu({ cla: 0x80, ins: 0x2a, p1: 0, p2: 0x80, data: digestInfo, le: 256 }),
    );
    if (m.pins['JPKI/24'].verified) {
      expect(hexSw(sw)).toBe('9000');
      expect(data).toHaveLength(256);
    } else expect(hexSw(sw)).toBe('6982');
  }
  toString(): string {
    return 'Sign';
  }
}

class PowerCycle implements fc.AsyncCommand<CardModel, RealSystem> {
  check(): boolean {
    return true;
  }
  async run(m: CardModel, r: RealSystem): Promise<void> {
    await r.transport.reset();
    m.df = null;
    m.ef = null;
    for (const pin of Object.values(m.pins)) pin.verified = false;
  }
  toString(): string {
    return 'PowerCycle';
  }
}

/** The driver's verifyAuthPin against the model: guard, counters, errors. */
class DriverVerify implements fc.AsyncCommand<CardModel, RealSystem> {
  constructor(
    readonly right: boolean,
    readonly allowLastTry: boolean,
  ) {}
  check(): boolean {
    return true;
  }
  async run(m: CardModel, r: RealSystem): Promise<void> {
    const pin = m.pins['JPKI/24'];
    const outcome = await r.driver
      .verifyAuthPin(this.right ? TEST_PINS.auth : '0000', { allowLastTry: this.allowLastTry })
      .then(
        () => 'ok',
        (e: unknown) => (e instanceof CardError ? e.code : String(e)),
      );
    await resync(m, r);
    if (pin.tries === 0) return void expect(outcome).toBe('CARD_PIN_BLOCKED');
    if (pin.tries === 1 && !this.allowLastTry) return void expect(outcome).toBe('CARD_PIN_LAST_TRY');
    if (this.right) {
      expect(outcome).toBe('ok');
      pin.tries = pin.max;
      pin.verified = true;
      return;
    }
    pin.tries -= 1;
    pin.verified = false;
    expect(outcome).toBe(pin.tries === 0 ? 'CARD_PIN_BLOCKED' : 'CARD_PIN_WRONG');
  }
  toString(): string {
    return `DriverVerify(${this.right ? 'right' : 'wrong'}, allowLastTry=${this.allowLastTry})`;
  }
}

class DriverPinStatus implements fc.AsyncCommand<CardModel, RealSystem> {
  check(): boolean {
    return true;
  }
  async run(m: CardModel, r: RealSystem): Promise<void> {
    const status = await r.driver.authPinStatus();
    const pin = m.pins['JPKI/24'];
    await resync(m, r);
    expect(status.triesLeft).toBe(pin.tries === 0 ? 0 : pin.tries);
    expect(status.state).toBe(pin.tries === 0 ? 'blocked' : 'ok');
  }
  toString(): string {
    return 'DriverPinStatus';
  }
}

class DriverSign implements fc.AsyncCommand<CardModel, RealSystem> {
  check(): boolean {
    return true;
  }
  async run(m: CardModel, r: RealSystem): Promise<void> {
    const outcome = await r.driver.signWithAuthKey(new Uint8Array(51).fill(0x30)).then(
      (s) => s.length,
      (e: unknown) => (e instanceof CardError ? e.code : String(e)),
    );
    await resync(m, r);
    expect(outcome).toBe(m.pins['JPKI/24'].verified ? 256 : 'CARD_SECURITY_STATUS');
  }
  toString(): string {
    return 'DriverSign';
  }
}

function fromHexString(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g)!.map((b) => Number.parseInt(b, 16)));
}

/** Arbitraries of every command. */
export function cardCommands(): fc.Arbitrary<fc.AsyncCommand<CardModel, RealSystem>>[] {
  return [
    fc.constantFrom<Ap | 'UNKNOWN'>('JPKI', 'INPUT', 'FACE', 'UNKNOWN').map((ap) => new SelectAp(ap)),
    fc.constantFrom(...FIDS).map((fid) => new SelectEf(fid)),
    fc
      .tuple(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2100 })), fc.integer({ min: 1, max: 256 }))
      .map(([o, l]) => new ReadBinary(o, l)),
    fc.constantFrom<'empty' | 'right' | 'wrong'>('empty', 'right', 'wrong', 'wrong').map((a) => new Verify(a)),
    fc.constant(new Sign()),
    fc.constant(new PowerCycle()),
    fc.tuple(fc.boolean(), fc.boolean()).map(([right, allow]) => new DriverVerify(right, allow)),
    fc.constant(new DriverPinStatus()),
    fc.constant(new DriverSign()),
  ];
}

let material: Promise<CardMaterial> | undefined;
const profileNow = new Date();

/** A fresh card (same keys across runs, fresh counters) and its model. */
export async function freshSystem(): Promise<{ model: CardModel; real: RealSystem }> {
  const profile = cardProfiles.standard({ now: profileNow });
  material ??= prepareCardMaterial(profile);
  const card = new VirtualMyNumberCard(profile, await material);
  const transport = createInProcessTransport(card);
  return {
    model: {
      df: null,
      ef: null,
      pins: {
        'JPKI/24': { tries: 3, max: 3, verified: false },
        'INPUT/17': { tries: 3, max: 3, verified: false },
        'FACE/18': { tries: 10, max: 10, verified: false },
      },
    },
    real: {
      card,
      transport,
      driver: new MyNumberCard(transport),
      authCertificate: card.authCertificateDer!,
      verificationNumberB: card.verificationNumberB,
    },
  };
}

/** Runs `numRuns` random command sequences; the card must also never have touched a forbidden file. */
export async function runModel(numRuns: number, maxCommands = 40): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.commands(cardCommands(), { maxCommands }), async (commands) => {
      const system = await freshSystem();
      await fc.asyncModelRun(() => Promise.resolve(system), commands);
      expect(system.real.card.touched(AIDS.INPUT, 0x0001)).toBe(false);
    }),
    { numRuns },
  );
}
