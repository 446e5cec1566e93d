import { concatBytes, toHex, TransportError } from '@onshikit/apdu';
import { acr1255uj1Profile, connectBleReader, type Acr1255ProfileOptions } from '@onshikit/reader-ble';
import { EchoCard, SimulatedBleReader, type SimulatedBleReaderOptions } from '@onshikit/simulator';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// The host profile (reader-ble) against the simulated reader written independently from the
// sources: each test fails when either side misreads the detail it names.

async function setup(options: SimulatedBleReaderOptions = {}, profile: Acr1255ProfileOptions = {}) {
  const card = new EchoCard();
  const sim = new SimulatedBleReader({ card, ...options });
  const reader = await connectBleReader({
    pipe: sim.connect(),
    profile: acr1255uj1Profile(profile),
    timeoutMs: 5000,
    commandTimeoutMs: 2000,
  });
  return { sim, card, reader };
}

const echo = (data: Uint8Array, extended = false): Uint8Array =>
  extended
    ? concatBytes(new Uint8Array([0, 0xee, 0, 0, 0, data.length >> 8, data.length & 0xff]), data)
    : concatBytes(new Uint8Array([0, 0xee, 0, 0, data.length]), data);

describe('ACR1255U-J1 host profile × independent simulated reader', () => {
  it('card notifications 50h: 03h present and 02h absent reach the host as card-inserted / card-removed', async () => {
    const { sim, card, reader } = await setup();
    const events: string[] = [];
    reader.on('*', (e) => events.push(e.type));
    sim.removeCard();
    await new Promise((r) => setTimeout(r, 5));
    sim.insertCard(card);
    await new Promise((r) => setTimeout(r, 5));
    expect(events).toEqual(['card-removed', 'card-inserted']);
    expect(reader.cardPresent).toBe(true);
    await reader.close();
  });

  it('a long short-APDU command (261 bytes) goes as 6Fh blocks 01h + 02h under one Seq; the answer is whole', async () => {
    const { sim, reader } = await setup();
    const t = await reader.waitForCard();
    const data = Uint8Array.from({ length: 255 }, (_, i) => i);
    const command = concatBytes(echo(data), new Uint8Array([0x00]));
    expect(command.length).toBe(261);
    expect(toHex(await t.transmit(command))).toBe(toHex(data) + '9000');
    const blocks = sim.received.filter((c) => c.type === 0x6f).slice(-2);
    expect(blocks.map((b) => [b.param, b.length])).toEqual([
      [0x01, 256],
      [0x02, 5],
    ]);
    expect(blocks[0]!.seq).toBe(blocks[1]!.seq);
    await reader.close();
  });

  it('a chained reply (80h Param 01h, 03h…, 02h) is fetched with empty 6Fh Param 10h and joined', async () => {
    const { sim, card, reader } = await setup({ replyBlockSize: 100 });
    const t = await reader.waitForCard();
    const r = await t.transmit(new Uint8Array([0x00, 0xb0, 0x00, 0x00, 0x00]));
    expect(toHex(r)).toBe(toHex(card.file.subarray(0, 256)) + '9000');
    expect(sim.received.filter((c) => c.type === 0x6f && c.param === 0x10 && c.length === 0)).toHaveLength(2);
    await reader.close();
  });

  it('extended APDUs: off for firmware SWV 3.00.05 (a field version), on for a major revision the SDK allows, off when the app says so', async () => {
    const field = await setup();
    expect(field.reader.firmwareVersion).toBe('ACR1255U-J1 SWV 3.00.05');
    expect((await field.reader.waitForCard()).supportsExtendedLength).toBe(false);
    await field.reader.close();
    // 2.xx is a hypothetical version string: only its major revision matters here.
    const allowed = await setup({ firmwareVersion: 'ACR1255U-J1 SWV 2.00.00' });
    const t = await allowed.reader.waitForCard();
    expect(t.supportsExtendedLength).toBe(true);
    const data = Uint8Array.from({ length: 700 }, (_, i) => (i * 7) & 0xff);
    expect(toHex(await t.transmit(echo(data, true)))).toBe(toHex(data) + '9000');
    expect(
      allowed.sim.received
        .filter((c) => c.type === 0x6f)
        .slice(-3)
        .map((c) => c.param),
    ).toEqual([0x01, 0x03, 0x02]);
    await allowed.reader.close();
    const refused = await setup({ firmwareVersion: 'ACR1255U-J1 SWV 2.00.00' }, { extendedLength: false });
    expect((await refused.reader.waitForCard()).supportsExtendedLength).toBe(false);
    await refused.reader.close();
  });

  it('connect makes sure ISO 14443 Type B is polled: a reader polling Type A only is switched and then sees the card', async () => {
    const { sim, reader } = await setup({ piccOperatingParameter: 0x01 });
    expect(sim.piccOperatingParameter).toBe(0x03);
    expect(reader.cardPresent).toBe(true);
    expect(sim.polling).toBe(true);
    await reader.close();
  });

  it('Auto PPS up to 848 kbit/s and sleep disabled are set through their escapes', async () => {
    const { sim, reader } = await setup({}, { autoPpsKbps: 848 });
    expect(sim.autoPpsMaxSpeed).toBe(0x03);
    await reader.setSleepTimeout(0);
    expect(sim.sleepIntervalCode).toBe(0x04);
    await reader.close();
  });

  it('power saving 52h: the card is gone, the link stays up, and the next 50h brings the card back', async () => {
    const { sim, reader } = await setup();
    const t = await reader.waitForCard();
    const removed = new Promise((resolve) => reader.on('card-removed', resolve));
    sim.enterPowerSaving();
    await removed;
    expect(reader.connected).toBe(true);
    await expect(t.transmit(new Uint8Array([0, 0xa4, 4, 0x0c]))).rejects.toMatchObject({ code: 'CARD_REMOVED' });
    const waiting = reader.waitForCard({ timeoutMs: 2000 });
    sim.leavePowerSaving();
    const again = await waiting;
    expect(toHex(await again.transmit(new Uint8Array([0, 0xa4, 4, 0x0c])))).toBe('9000');
    await reader.close();
  });

  it('wrong key: the reader answers E1 00 00 46 without proof → BLE_AUTH_FAILED; the fourth try meets 51h 07 → too-many-retries', async () => {
    const sim = new SimulatedBleReader({ card: new EchoCard() });
    const wrong = acr1255uj1Profile({ masterKey: new Uint8Array(16).fill(0x42) });
    for (let i = 0; i < 3; i++) {
      const error = await connectBleReader({ pipe: sim.connect(), profile: wrong }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TransportError);
      expect((error as TransportError).code).toBe('BLE_AUTH_FAILED');
      expect((error as TransportError).detail.reason).toBe('reader-refused');
    }
    const error = await connectBleReader({ pipe: sim.connect(), profile: acr1255uj1Profile() }).catch(
      (e: unknown) => e,
    );
    expect((error as TransportError).code).toBe('BLE_AUTH_FAILED');
    expect((error as TransportError).detail.reason).toBe('too-many-retries');
    sim.wake();
    const reader = await connectBleReader({ pipe: sim.connect(), profile: acr1255uj1Profile() });
    expect(reader.connected).toBe(true);
    await reader.close();
  });

  it('a failed data command (no card: 80h Param 42h) is a typed CARD_REMOVED, not a framing error', async () => {
    const { sim, reader } = await setup();
    const t = await reader.waitForCard();
    const seen: string[] = [];
    reader.on('frame-rejected', (e) => seen.push(String(e.error.detail.reason)));
    sim.faults.removeCardOnApdu = 1;
    await expect(t.transmit(new Uint8Array([0, 0xa4, 4, 0x0c]))).rejects.toMatchObject({ code: 'CARD_REMOVED' });
    expect(seen).toEqual([]);
    await reader.close();
  });

  it('the legacy GATT layout works end to end', async () => {
    const { reader } = await setup({ gattLayout: 'legacy' });
    const t = await reader.waitForCard();
    expect(toHex(await t.transmit(echo(new Uint8Array([0x77]))))).toBe('779000');
    await reader.close();
  });

  it('sequence numbers run 01h–FFh and never carry the 00h of notifications (300 commands)', async () => {
    const { sim, reader } = await setup();
    const t = await reader.waitForCard();
    for (let i = 0; i < 300; i++) await t.transmit(echo(new Uint8Array([i & 0xff])));
    const seqs = sim.received.filter((c) => c.type === 0x6f).map((c) => c.seq);
    expect(seqs.length).toBeGreaterThanOrEqual(300);
    expect(seqs).not.toContain(0);
    expect(new Set(seqs).size).toBe(255);
    await reader.close();
  });

  it('property: any mix of APDU lengths (1..700 bytes, blocks and chained replies) returns exactly the card’s answer', async () => {
    const { reader } = await setup({
      firmwareVersion: 'ACR1255U-J1 SWV 2.00.00',
      replyBlockSize: 181,
      maxWriteLength: 64,
    });
    const t = await reader.waitForCard();
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 700 }), async (data) => {
        expect(toHex(await t.transmit(echo(data, data.length > 255)))).toBe(toHex(data) + '9000');
      }),
      { numRuns: 40 },
    );
    await reader.close();
  });
});

describe('replies routed by the command they answer, errors typed (fault answerNextApduWith)', () => {
  const cases: [string, { type: number; param: number }, string, unknown][] = [
    ['80h Param 40h (failed, card active)', { type: 0x80, param: 0x40 }, 'CARD_MUTE', undefined],
    ['80h Param 41h (failed, card inactive)', { type: 0x80, param: 0x41 }, 'CARD_REMOVED', 'card-inactive'],
    ['51h 02 (timeout)', { type: 0x51, param: 0x02 }, 'CARD_MUTE', undefined],
    ['51h 05 (undefined error)', { type: 0x51, param: 0x05 }, 'PROTOCOL_ERROR', undefined],
    ['51h 01 (the reader saw a bad checksum)', { type: 0x51, param: 0x01 }, 'BLE_FRAME_INVALID', 'frame-checksum'],
    ['51h 04 (authentication required)', { type: 0x51, param: 0x04 }, 'BLE_AUTH_FAILED', 'authentication-required'],
    [
      '83h to an APDU (another command’s reply type)',
      { type: 0x83, param: 0x00 },
      'BLE_FRAME_INVALID',
      'unexpected-message',
    ],
    ['81h to an APDU', { type: 0x81, param: 0x02 }, 'BLE_FRAME_INVALID', 'unexpected-message'],
  ];
  for (const [label, answer, code, reason] of cases) {
    it(`${label} → ${code}; the next command works`, async () => {
      const { sim, reader } = await setup();
      const t = await reader.waitForCard();
      sim.faults.answerNextApduWith = answer;
      const error = await t.transmit(new Uint8Array([0, 0xa4, 4, 0x0c])).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TransportError);
      expect((error as TransportError).code).toBe(code);
      if (reason !== undefined) expect((error as TransportError).detail.reason).toBe(reason);
      if (code !== 'CARD_REMOVED') expect(toHex(await t.transmit(new Uint8Array([0, 0xa4, 4, 0x0c])))).toBe('9000');
      await reader.close();
    });
  }

  it('property: any reply type and Param to an APDU gives the card’s answer or a TransportError, never a crash or a hang', async () => {
    const { sim, reader } = await setup();
    let t = await reader.waitForCard();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), async (type, param) => {
        sim.faults.answerNextApduWith = { type, param };
        const outcome = await t
          .transmit(new Uint8Array([0, 0xa4, 4, 0x0c]), { timeoutMs: 300 })
          .catch((e: unknown) => e);
        if (!(outcome instanceof Uint8Array)) expect(outcome).toBeInstanceOf(TransportError);
        if (!reader.cardPresent) {
          sim.removeCard();
          sim.insertCard(new EchoCard());
        }
        // A forced 80h that looks like a first chained block leaves nothing to fetch: the reader answers 51h 03.
        t = await reader.waitForCard({ timeoutMs: 1000 });
        expect(toHex(await t.transmit(new Uint8Array([0, 0xa4, 4, 0x0c])))).toBe('9000');
      }),
      { numRuns: 60 },
    );
    await reader.close();
  });
});

describe('a reader without the optional setup escapes still connects', () => {
  it('firmware version and PICC parameter answered 51h 03: short APDUs, no Type B change, card usable', async () => {
    const { sim, reader } = await setup({
      lackingEscapes: { codes: [0x18, 0x20], answer: 'error' },
      firmwareVersion: 'ACR1255U-J1 SWV 2.00.00',
    });
    expect(reader.firmwareVersion).toBeUndefined();
    const t = await reader.waitForCard();
    expect(t.supportsExtendedLength).toBe(false);
    expect(sim.piccOperatingParameter).toBe(0x03);
    expect(toHex(await t.transmit(echo(new Uint8Array([1]))))).toBe('019000');
    await reader.close();
  });

  it('a reader that ignores them: connect waits at most the command timeout for each, then goes on', async () => {
    const sim = new SimulatedBleReader({
      card: new EchoCard(),
      lackingEscapes: { codes: [0x18, 0x20], answer: 'silent' },
    });
    const reader = await connectBleReader({ pipe: sim.connect(), profile: acr1255uj1Profile(), commandTimeoutMs: 50 });
    const rejected: string[] = [];
    reader.on('frame-rejected', (e) => rejected.push(String(e.error.detail.reason)));
    const t = await reader.waitForCard();
    expect(toHex(await t.transmit(echo(new Uint8Array([2]))))).toBe('029000');
    expect(rejected).toEqual([]);
    await reader.close();
  });
});

describe('the largest extended APDUs', () => {
  it('a 65 542-byte command in 257 blocks, and its 65 537-byte answer chained past one message (65 513 bytes)', async () => {
    const { sim, reader } = await setup({ firmwareVersion: 'ACR1255U-J1 SWV 2.00.00', maxWriteLength: 512 });
    const t = await reader.waitForCard();
    expect(t.maxResponseLength).toBe(65_538);
    const data = Uint8Array.from({ length: 65_535 }, (_, i) => (i * 13) & 0xff);
    const response = await t.transmit(echo(data, true));
    expect(response.length).toBe(65_537);
    expect(toHex(response.subarray(-4))).toBe(toHex(data.subarray(-2)) + '9000');
    expect(toHex(response.subarray(0, 65_535))).toBe(toHex(data));
    const apdus = sim.received.filter((c) => c.type === 0x6f);
    expect(apdus.filter((c) => c.param === 0x03)).toHaveLength(255);
    expect(apdus.filter((c) => c.param === 0x10)).toHaveLength(1);
    await reader.close();
  });
});
