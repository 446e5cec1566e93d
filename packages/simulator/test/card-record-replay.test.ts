// Record a real flow against the simulator's virtual My Number Card, then replay it without the card.
import { describe, expect, it } from 'vitest';
import {
  CommandApdu,
  decodeTlv,
  findTlv,
  readTlvElement,
  toHex,
  transmitApdu,
  walkTlv,
  type Transport,
} from '@onshikit/apdu';
import { CountingTransport, RecordingTransport, ReplayTransport } from '@onshikit/apdu/testing';
import { TEST_PINS, VirtualMyNumberCard, createInProcessTransport } from '@onshikit/simulator';

const JPKI_AID = Uint8Array.of(0xd3, 0x92, 0xf0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01);

async function ok(transport: Transport, apdu: CommandApdu): Promise<Uint8Array> {
  return (await transmitApdu(transport, apdu)).expectOk().data;
}

/** docs/reference/card-protocol.md#certificate-read: read the DER header, then the rest in ≤ 256-byte READ BINARY commands. */
async function readAuthCertificate(transport: Transport): Promise<Uint8Array> {
  await ok(transport, new CommandApdu({ cla: 0, ins: 0xa4, p1: 4, p2: 0x0c, data: JPKI_AID }));
  await ok(transport, new CommandApdu({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: Uint8Array.of(0x00, 0x0a) }));
  return readTlvElement((offset, length) =>
    ok(transport, new CommandApdu({ cla: 0, ins: 0xb0, p1: offset >> 8, p2: offset & 0xff, le: length })),
  );
}

async function verifyAuthPin(transport: Transport, pin: string): Promise<number> {
  await ok(transport, new CommandApdu({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: Uint8Array.of(0x00, 0x18) }));
  const tries =
    (await transmitApdu(transport, new CommandApdu({ cla: 0, ins: 0x20, p1: 0, p2: 0x80 }))).status.triesLeft ?? -1;
  const pinBytes = new TextEncoder().encode(pin);
  await ok(transport, new CommandApdu({ cla: 0, ins: 0x20, p1: 0, p2: 0x80, data: pinBytes }));
  pinBytes.fill(0);
  return tries;
}

describe('a recorded virtual-card session', () => {
  it('reads the auth certificate in the fewest READ BINARY, records no PIN, and replays without the card', async () => {
    const card = await VirtualMyNumberCard.create();
    const reader = createInProcessTransport(card, { supportsExtendedLength: false });
    const recorder = new RecordingTransport(reader, { label: 'virtual card' });
    const counter = new CountingTransport(recorder);

    const cert = await readAuthCertificate(counter);
    const tries = await verifyAuthPin(counter, TEST_PINS.auth);
    await counter.close();

    // The certificate is real DER: strict mode walks it all, and the path to its subject exists.
    expect(decodeTlv(cert, { mode: 'der' }).raw.length).toBe(cert.length);
    expect(walkTlv(cert, () => {}, { mode: 'der' })).toBeGreaterThan(40);
    expect(findTlv(cert, '30/30/30')).toBeDefined();
    expect(counter.count(0xb0)).toBe(1 + Math.ceil((cert.length - 4) / 256));
    expect(counter.summary()).toMatchObject({ SELECT: 3, VERIFY: 2 });
    expect(tries).toBeGreaterThan(0);

    const json = recorder.toJSONString();
    expect(json).not.toContain(toHex(new TextEncoder().encode(TEST_PINS.auth)));
    expect(recorder.toJSON().entries.filter((e) => 'redacted' in e && e.redacted)).toHaveLength(1);

    const replay = new ReplayTransport(json);
    expect(toHex(await readAuthCertificate(replay))).toBe(toHex(cert));
    expect(await verifyAuthPin(replay, '9999')).toBe(tries);
    expect(replay.remaining).toBe(0);
  });
});
