import { TransportError, concatBytes, toHex, transmitApdu, CommandApdu } from '@onshikit/apdu';
import { acr1255uj1Profile, connectBleReader } from '@onshikit/reader-ble';
import { EchoCard, SimulatedBleReader } from '@onshikit/simulator';
import { describe, expect, it } from 'vitest';

async function setup(options: ConstructorParameters<typeof SimulatedBleReader>[0] = {}) {
  const card = new EchoCard();
  const sim = new SimulatedBleReader({ card, ...options });
  const reader = await connectBleReader({ pipe: sim.connect(), profile: acr1255uj1Profile() });
  return { sim, card, reader };
}

describe('SimulatedBleReader + connectBleReader', () => {
  it('authenticates, powers the card and exchanges APDUs', async () => {
    const { sim, card, reader } = await setup();
    expect(reader.cardPresent).toBe(true);
    const transport = await reader.waitForCard({ timeoutMs: 1000 });
    expect(toHex(transport.atr)).toBe(toHex(card.atr));
    const response = await transport.transmit(new Uint8Array([0x00, 0xee, 0x00, 0x00, 0x03, 0x01, 0x02, 0x03]));
    expect(toHex(response)).toBe('0102039000');
    expect(sim.stats!.writes).toBeGreaterThan(0);
    await reader.close();
    expect(card.powered).toBe(false);
  });

  it('reads a 1.5 KB file with READ BINARY at MTU 20', async () => {
    const { card, reader } = await setup();
    const transport = await reader.waitForCard();
    const parts: Uint8Array[] = [];
    for (let offset = 0; offset < card.file.length; offset += 256) {
      const r = await transmitApdu(
        transport,
        new CommandApdu({ cla: 0, ins: 0xb0, p1: offset >> 8, p2: offset & 0xff, le: 256 }),
      );
      parts.push(r.data);
    }
    expect(toHex(concatBytes(...parts))).toBe(toHex(card.file));
  });

  it('rejects a wrong master key with BLE_AUTH_FAILED', async () => {
    const sim = new SimulatedBleReader({ card: new EchoCard(), masterKey: new Uint8Array(16).fill(0x42) });
    const error = await connectBleReader({ pipe: sim.connect(), profile: acr1255uj1Profile() }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).code).toBe('BLE_AUTH_FAILED');
  });

  it('accepts a custom master key on both sides', async () => {
    const key = Uint8Array.from({ length: 16 }, (_, i) => i * 7);
    const sim = new SimulatedBleReader({ card: new EchoCard(), masterKey: key });
    const reader = await connectBleReader({ pipe: sim.connect(), profile: acr1255uj1Profile({ masterKey: key }) });
    const t = await reader.waitForCard();
    expect(toHex(await t.transmit(new Uint8Array([0, 0xa4, 4, 0x0c])))).toBe('9000');
  });

  it('reports card removal and insertion; transmit after removal gives CARD_REMOVED', async () => {
    const { sim, card, reader } = await setup();
    const transport = await reader.waitForCard();
    const events: string[] = [];
    reader.on('*', (e) => events.push(e.type));
    sim.removeCard();
    await new Promise((r) => setTimeout(r, 5));
    expect(reader.cardPresent).toBe(false);
    await expect(transport.transmit(new Uint8Array([0, 0xa4, 4, 0x0c]))).rejects.toMatchObject({
      code: 'CARD_REMOVED',
    });
    const waiting = reader.waitForCard({ timeoutMs: 2000 });
    sim.insertCard(card);
    const again = await waiting;
    expect(toHex(await again.transmit(new Uint8Array([0, 0xa4, 4, 0x0c])))).toBe('9000');
    expect(events).toEqual(['card-removed', 'card-inserted']);
  });

  it('removal mid-APDU rejects the pending command with CARD_REMOVED', async () => {
    const { sim, reader } = await setup();
    const transport = await reader.waitForCard();
    sim.faults.removeCardOnApdu = 1;
    await expect(transport.transmit(new Uint8Array([0, 0xee, 0, 0, 1, 9]))).rejects.toMatchObject({
      code: 'CARD_REMOVED',
    });
  });

  it('link loss mid-APDU gives READER_GONE and a disconnected event', async () => {
    const { sim, reader } = await setup();
    const transport = await reader.waitForCard();
    const events = reader.events();
    sim.faults.dropLinkOnApdu = 1;
    await expect(transport.transmit(new Uint8Array([0, 0xee, 0, 0, 1, 9]))).rejects.toMatchObject({
      code: 'READER_GONE',
    });
    const first = await events.next();
    expect(first.value).toMatchObject({ type: 'disconnected', reason: 'link-lost' });
    expect((await events.next()).done).toBe(true);
    await expect(transport.transmit(new Uint8Array([0, 0xa4, 4, 0x0c]))).rejects.toMatchObject({ code: 'READER_GONE' });
    await expect(reader.waitForCard()).rejects.toMatchObject({ code: 'READER_GONE' });
  });

  it('a corrupted frame fails the pending command with BLE_FRAME_INVALID, and the next command works', async () => {
    const { sim, reader } = await setup();
    const transport = await reader.waitForCard();
    sim.faults.corruptNextFrames = 1;
    await expect(transport.transmit(new Uint8Array([0, 0xee, 0, 0, 2, 1, 2]))).rejects.toMatchObject({
      code: 'BLE_FRAME_INVALID',
    });
    expect(toHex(await transport.transmit(new Uint8Array([0, 0xee, 0, 0, 1, 7])))).toBe('079000');
  });

  it('duplicate responses are rejected by sequence and never answer the next command', async () => {
    const { sim, reader } = await setup();
    const transport = await reader.waitForCard();
    const rejected: string[] = [];
    reader.on('frame-rejected', (e) => rejected.push(String(e.error.detail.reason)));
    sim.faults.duplicateNextResponses = 1;
    expect(toHex(await transport.transmit(new Uint8Array([0, 0xee, 0, 0, 1, 1])))).toBe('019000');
    expect(toHex(await transport.transmit(new Uint8Array([0, 0xee, 0, 0, 1, 2])))).toBe('029000');
    expect(rejected).toEqual(['sequence']);
  });

  it('random notification splits and merges still reassemble', async () => {
    const { sim, reader } = await setup({ faults: { splitNotifications: true }, seed: 7 });
    const transport = await reader.waitForCard();
    const data = Uint8Array.from({ length: 200 }, (_, i) => (i * 31) & 0xff);
    const r = await transport.transmit(concatBytes(new Uint8Array([0, 0xee, 0, 0, 200]), data));
    expect(toHex(r)).toBe(toHex(data) + '9000');
    expect(sim.stats!.notifications).toBeGreaterThan(10);
  });

  it('slow responses hit the per-command timeout, and AbortSignal aborts', async () => {
    const { sim, reader } = await setup();
    const transport = await reader.waitForCard();
    sim.faults.responseDelayMs = 200;
    await expect(transport.transmit(new Uint8Array([0, 0xee, 0, 0, 1, 1]), { timeoutMs: 20 })).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
    const controller = new AbortController();
    const pending = transport.transmit(new Uint8Array([0, 0xee, 0, 0, 1, 1]), { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
    sim.faults.responseDelayMs = 0;
    // The late answers carry old sequence numbers and are dropped; a new command gets its own answer.
    await new Promise((r) => setTimeout(r, 450));
    expect(toHex(await transport.transmit(new Uint8Array([0, 0xee, 0, 0, 1, 5])))).toBe('059000');
  });

  it('waitForCard honours timeoutMs and AbortSignal when no card comes', async () => {
    const sim = new SimulatedBleReader();
    const reader = await connectBleReader({ pipe: sim.connect(), profile: acr1255uj1Profile() });
    expect(reader.cardPresent).toBe(false);
    await expect(reader.waitForCard({ timeoutMs: 10 })).rejects.toMatchObject({ code: 'TIMEOUT' });
    const controller = new AbortController();
    const waiting = reader.waitForCard({ signal: controller.signal });
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('reports battery level by notification and by read', async () => {
    const { sim, reader } = await setup({ battery: 80 });
    expect(await reader.readBattery()).toBe(80);
    const next = new Promise<number>((resolve) => reader.on('battery', (e) => resolve(e.level)));
    sim.setBattery(15);
    expect(await next).toBe(15);
    expect(reader.batteryLevel).toBe(15);
  });

  it('sleep drops the link (READER_GONE); after wake a new connection works', async () => {
    const { sim, reader } = await setup();
    await reader.setSleepTimeout(120);
    expect(sim.sleepIntervalCode).toBe(2);
    await expect(reader.setSleepTimeout(45)).rejects.toBeInstanceOf(TransportError);
    const gone = new Promise<string>((resolve) => reader.on('disconnected', (e) => resolve(e.reason)));
    sim.sleep();
    expect(await gone).toBe('sleep');
    expect(() => sim.connect()).toThrow(TransportError);
    sim.wake();
    const again = await connectBleReader({ pipe: sim.connect(), profile: acr1255uj1Profile() });
    expect((await again.waitForCard()).atr.length).toBeGreaterThan(0);
  });

  it('reset() power-cycles the card', async () => {
    const { card, reader } = await setup();
    const transport = await reader.waitForCard();
    let cycles = 0;
    const off = card.powerOff.bind(card);
    card.powerOff = () => {
      cycles++;
      off();
    };
    await transport.reset();
    expect(cycles).toBe(1);
    expect(card.powered).toBe(true);
    await transport.close();
    await transport.close();
    await expect(transport.transmit(new Uint8Array([0, 0xa4, 4, 0x0c]))).rejects.toMatchObject({
      code: 'TRANSPORT_CLOSED',
    });
  });

  it('works at every MTU with a connection interval', async () => {
    for (const maxWriteLength of [20, 182, 509]) {
      const { sim, reader } = await setup({ maxWriteLength, connectionIntervalMs: 1, packetsPerInterval: 6 });
      const t = await reader.waitForCard();
      const data = Uint8Array.from({ length: 255 }, (_, i) => i);
      expect(toHex(await t.transmit(concatBytes(new Uint8Array([0, 0xee, 0, 0, 255]), data)))).toBe(
        toHex(data) + '9000',
      );
      expect(sim.stats!.writes).toBeGreaterThan(0);
      await reader.close();
    }
  });
});

describe('SimulatedBleReader idle sleep', () => {
  it('sleeps after sleepAfterMs of inactivity: the host sees a disconnect with reason "sleep"', async () => {
    const sim = new SimulatedBleReader({ card: new EchoCard(), sleepAfterMs: 40 });
    const reader = await connectBleReader({ pipe: sim.connect(), profile: acr1255uj1Profile() });
    const reason = await new Promise<string>((resolve) => reader.on('disconnected', (e) => resolve(e.reason)));
    expect(reason).toBe('sleep');
    expect(sim.asleep).toBe(true);
    expect(reader.connected).toBe(false);
    await expect(reader.waitForCard()).rejects.toMatchObject({ code: 'READER_GONE' });
  });
});
