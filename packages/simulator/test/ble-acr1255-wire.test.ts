import { createCipheriv, createDecipheriv } from 'node:crypto';
import { fromHex, toHex } from '@onshikit/apdu';
import { ACR1255_SPEC, EchoCard, SimulatedBleReader, type SimulatedGattCentral } from '@onshikit/simulator';
import { describe, expect, it } from 'vitest';

// The simulated ACR1255U-J1 spoken to with raw bytes from the sources: no host profile, no
// simulator codec; the frames below are built by hand in this file.

const KEY = Buffer.from('ACR1255U-J1 Auth', 'ascii');
const aes = (dir: 'enc' | 'dec', key: Uint8Array, data: Uint8Array): Uint8Array => {
  const c =
    dir === 'enc'
      ? createCipheriv('aes-128-cbc', key, Buffer.alloc(16))
      : createDecipheriv('aes-128-cbc', key, Buffer.alloc(16));
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(data), c.final()]));
};
const xor = (bytes: Uint8Array): number => bytes.reduce((a, b) => a ^ b, 0);
const frame = (datablock: Uint8Array): Uint8Array => {
  const len = new Uint8Array([datablock.length >> 8, datablock.length & 0xff]);
  return Uint8Array.from([0x05, ...len, ...datablock, xor(len) ^ xor(datablock), 0x0a]);
};
/** A message with the Check over the message only, then FF padding when `key` is given, encrypted. */
const message = (type: number, seq: number, param: number, data: Uint8Array, key?: Uint8Array): Uint8Array => {
  const m = Uint8Array.from([type, data.length >> 8, data.length & 0xff, 0, seq, param, 0, ...data]);
  m[6] = xor(m);
  if (!key) return m;
  const padded = new Uint8Array(Math.ceil(m.length / 16) * 16).fill(0xff);
  padded.set(m);
  return aes('enc', key, padded);
};

/** Raw host: writes frames, collects the reader's frames (datablocks) in order. */
async function raw(sim: SimulatedBleReader) {
  const pipe: SimulatedGattCentral = sim.connect();
  let buffer: number[] = [];
  const datablocks: Uint8Array[] = [];
  const waiters: (() => void)[] = [];
  await pipe.subscribe(sim.gatt.response, (chunk) => {
    buffer.push(...chunk);
    while (buffer.length >= 3 && buffer.length >= ((buffer[1]! << 8) | buffer[2]!) + 5) {
      const len = (buffer[1]! << 8) | buffer[2]!;
      expect(buffer[0]).toBe(0x05);
      expect(buffer[len + 4]).toBe(0x0a);
      expect(buffer[len + 3]).toBe(xor(Uint8Array.from(buffer.slice(1, len + 3))));
      datablocks.push(Uint8Array.from(buffer.slice(3, len + 3)));
      buffer = buffer.slice(len + 5);
      waiters.shift()?.();
    }
  });
  const next = async (): Promise<Uint8Array> => {
    if (datablocks.length === 0) await new Promise<void>((resolve) => waiters.push(resolve));
    return datablocks.shift()!;
  };
  const send = async (bytes: Uint8Array): Promise<Uint8Array> => {
    for (let at = 0; at < bytes.length; at += 20)
      await pipe.write(sim.gatt.command, bytes.subarray(at, at + 20), { withResponse: true });
    return next();
  };
  return { pipe, send, next };
}

/** Authenticates by hand (manual §5.7.1) and returns the session key. */
async function authenticate(
  host: Awaited<ReturnType<typeof raw>>,
  key: Uint8Array = KEY,
): Promise<{ sessionKey: Uint8Array; second: Uint8Array }> {
  const first = await host.send(frame(fromHex('6B00050000 00CBE000004500'.replace(' ', ''))));
  expect(toHex(first.subarray(0, 12))).toBe('830015000000' + toHex(first.subarray(6, 7)) + 'E100004500');
  const rndA = aes('dec', key, first.subarray(12, 28));
  const rndB = fromHex('00112233445566778899AABBCCDDEEFF');
  const answer = aes('dec', key, Uint8Array.from([...rndB, ...rndA]));
  const second = await host.send(frame(message(0x6b, 0, 0, Uint8Array.from([0xe0, 0, 0, 0x46, 0, ...answer]))));
  return { sessionKey: Uint8Array.from([...rndA.subarray(0, 8), ...rndB.subarray(0, 8)]), second };
}

const open = (
  key: Uint8Array,
  datablock: Uint8Array,
): { type: number; seq: number; param: number; data: Uint8Array } => {
  const plain = aes('dec', key, datablock);
  const length = (plain[1]! << 8) | plain[2]!;
  expect(xor(plain.subarray(0, 7 + length))).toBe(0); // Check over the message only, not the padding
  expect([...plain.subarray(7 + length)].every((b) => b === 0xff)).toBe(true);
  return { type: plain[0]!, seq: plain[4]!, param: plain[5]!, data: plain.slice(7, 7 + length) };
};

describe('simulated ACR1255U-J1 against the published byte sequences', () => {
  it('answers the manual §5.7.2 request 6B 00 05 00 00 00 CB E0 00 00 45 00 with 83h E1 00 00 45 00 + 16 bytes', async () => {
    const host = await raw(new SimulatedBleReader());
    const reply = await host.send(frame(fromHex('6B000500000 0CBE000004500'.replace(' ', ''))));
    expect(reply.length).toBe(28);
    expect(xor(reply)).toBe(0);
    expect(toHex(reply.subarray(0, 6))).toBe('830015000000');
    expect(toHex(reply.subarray(7, 12))).toBe('E100004500');
  });

  it('the V1.01 request with its mistyped Check A1h is a checksum error 51h 01', async () => {
    const host = await raw(new SimulatedBleReader());
    const reply = await host.send(frame(fromHex('6B0005000000A1E000004001')));
    expect(toHex(reply.subarray(0, 6))).toBe('510000000001');
  });

  it('a command before authentication is answered 51h 04 (authentication required)', async () => {
    const host = await raw(new SimulatedBleReader({ card: new EchoCard() }));
    const reply = await host.send(frame(message(0x65, 7, 0, new Uint8Array(0))));
    expect(toHex(reply.subarray(0, 6))).toBe('510000000004');
  });

  it('mutual authentication: right key → E1 00 00 46 00 + Enc(MK, RND_B); the session then carries 50h/80h/81h encrypted', async () => {
    const sim = new SimulatedBleReader({ card: new EchoCard() });
    const host = await raw(sim);
    const { sessionKey, second } = await authenticate(host);
    expect(toHex(second.subarray(7, 12))).toBe('E100004600');
    expect(toHex(aes('dec', KEY, second.subarray(12, 28)))).toBe('00112233445566778899AABBCCDDEEFF');
    // 65h → 81h Param 01h (card present, not active), echoing Seq.
    expect(
      open(sessionKey, await host.send(frame(message(0x65, 0x21, 0, new Uint8Array(0), sessionKey)))),
    ).toMatchObject({ type: 0x81, seq: 0x21, param: 0x01 });
    // 62h → 80h Param 00h + ATR.
    const atr = open(sessionKey, await host.send(frame(message(0x62, 0x22, 0, new Uint8Array(0), sessionKey))));
    expect(atr).toMatchObject({ type: 0x80, seq: 0x22, param: 0 });
    expect(atr.data.length).toBeGreaterThan(0);
    // 6Fh → 80h Param 00h + response.
    expect(
      toHex(open(sessionKey, await host.send(frame(message(0x6f, 0x23, 0, fromHex('00EE000001AB'), sessionKey)))).data),
    ).toBe('AB9000');
    // Card taken away → 50h Param 02h, Seq 00h; back → 50h Param 03h (ACS SDK).
    sim.removeCard();
    expect(open(sessionKey, await host.next())).toMatchObject({ type: 0x50, seq: 0, param: 0x02 });
    // 6Fh with no card → 80h Param 42h (failed, absent).
    expect(
      open(sessionKey, await host.send(frame(message(0x6f, 0x24, 0, fromHex('00A4040C'), sessionKey)))),
    ).toMatchObject({ type: 0x80, seq: 0x24, param: 0x42 });
    sim.insertCard(new EchoCard());
    expect(open(sessionKey, await host.next())).toMatchObject({ type: 0x50, seq: 0, param: 0x03 });
    // The card is back but not powered → 80h Param 41h.
    expect(
      open(sessionKey, await host.send(frame(message(0x6f, 0x25, 0, fromHex('00A4040C'), sessionKey)))),
    ).toMatchObject({ type: 0x80, param: 0x41 });
    // 52h power saving.
    sim.enterPowerSaving();
    expect(open(sessionKey, await host.next())).toMatchObject({ type: 0x52, seq: 0 });
  });

  it('wrong key: the answer is E1 00 00 46 with no proof; after 3 wrong answers 51h 07 (too many retries)', async () => {
    const sim = new SimulatedBleReader();
    for (let attempt = 0; attempt < 3; attempt++) {
      const { second } = await authenticate(await raw(sim), new Uint8Array(16).fill(0x42));
      expect(toHex(second)).toBe(toHex(message(0x83, 0, 0, fromHex('E1000046'))));
    }
    const host = await raw(sim);
    const first = await host.send(frame(fromHex('6B0005000000CBE000004500')));
    expect(toHex(first.subarray(0, 6))).toBe('510000000007');
  });

  it('escapes: polling, firmware version, PICC operating parameter, Auto PPS, sleep; an unknown one is 51h 03', async () => {
    const sim = new SimulatedBleReader({ firmwareVersion: 'ACR1255U-J1 SWV 3.00.05', piccOperatingParameter: 0x01 });
    const host = await raw(sim);
    const { sessionKey } = await authenticate(host);
    const esc = async (seq: number, command: string) =>
      open(sessionKey, await host.send(frame(message(0x6b, seq, 0, fromHex(command), sessionKey))));
    expect(toHex((await esc(1, 'E000004001')).data)).toBe('E100000001');
    expect(sim.polling).toBe(true);
    const fw = await esc(2, 'E000001800');
    expect(toHex(fw.data.subarray(0, 5))).toBe('E100000017');
    expect(Buffer.from(fw.data.subarray(5)).toString('ascii')).toBe('ACR1255U-J1 SWV 3.00.05');
    expect(toHex((await esc(3, 'E000002000')).data)).toBe('E10000000101');
    expect(toHex((await esc(4, 'E00000200103')).data)).toBe('E10000000103');
    expect(sim.piccOperatingParameter).toBe(3);
    expect(toHex((await esc(5, 'E00000240103')).data)).toBe('E1000000020303');
    expect(toHex((await esc(6, 'E000002400')).data)).toBe('E1000000020303');
    expect(toHex((await esc(7, 'E000004804')).data)).toBe('E10000000104');
    expect(sim.sleepIntervalCode).toBe(4);
    expect(await esc(8, 'E0000099')).toMatchObject({ type: 0x51, param: 0x03 });
  });

  it('block splitting: 6Fh Param 01h, 03h, 02h under one Seq get one answer; a chained reply is fetched with empty 6Fh Param 10h', async () => {
    const sim = new SimulatedBleReader({ card: new EchoCard(), replyBlockSize: 200 });
    const host = await raw(sim);
    const { sessionKey } = await authenticate(host);
    open(sessionKey, await host.send(frame(message(0x62, 1, 0, new Uint8Array(0), sessionKey))));
    const data = Uint8Array.from({ length: 600 }, (_, i) => i & 0xff);
    const apdu = Uint8Array.from([0x00, 0xee, 0, 0, 0x00, 0x02, 0x58, ...data]);
    const blocks = [apdu.subarray(0, 256), apdu.subarray(256, 512), apdu.subarray(512)];
    const params = [0x01, 0x03, 0x02];
    for (let i = 0; i < 2; i++) {
      for (const chunk of splitFrames(frame(message(0x6f, 9, params[i]!, blocks[i]!, sessionKey))))
        await host.pipe.write(sim.gatt.command, chunk, { withResponse: true });
    }
    const parts: Uint8Array[] = [];
    let reply = open(sessionKey, await host.send(frame(message(0x6f, 9, params[2]!, blocks[2]!, sessionKey))));
    expect(reply).toMatchObject({ type: 0x80, seq: 9, param: 0x01 });
    parts.push(reply.data);
    for (let seq = 10; reply.param !== 0x02; seq++) {
      reply = open(sessionKey, await host.send(frame(message(0x6f, seq, 0x10, new Uint8Array(0), sessionKey))));
      expect(reply.seq).toBe(seq);
      expect([0x02, 0x03]).toContain(reply.param);
      parts.push(reply.data);
    }
    expect(parts.map((p) => p.length)).toEqual([200, 200, 200, 2]);
    expect(toHex(Uint8Array.from(parts.flatMap((p) => [...p])))).toBe(toHex(data) + '9000');
  });

  it('the legacy layout puts the same protocol on 0000FFF0/FFF1/FFF2', async () => {
    const sim = new SimulatedBleReader({ gattLayout: 'legacy' });
    expect(sim.gatt.command.characteristic).toBe('0000fff1-0000-1000-8000-00805f9b34fb');
    const host = await raw(sim);
    expect(toHex((await host.send(frame(fromHex('6B0005000000CBE000004500')))).subarray(7, 12))).toBe('E100004500');
  });

  it('its behaviour table names a source for every row', () => {
    expect(ACR1255_SPEC.length).toBeGreaterThan(20);
    for (const row of ACR1255_SPEC) expect(row.source.length).toBeGreaterThanOrEqual(3);
  });
});

function splitFrames(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += 20) out.push(bytes.subarray(at, at + 20));
  return out;
}
