import { createServer, type Socket } from 'node:net';
import { TransportError } from '@onshikit/apdu';
import { describe, expect, it } from 'vitest';
import { VpcdBridge, VpcdFrameDecoder, encodeVpcdFrame, type SimulatedCard } from '@onshikit/simulator';

class CountingCard implements SimulatedCard {
  readonly atr = Uint8Array.of(0x3b, 0x80, 0x80, 0x01, 0x01);
  on = 0;
  off = 0;
  removeNext = false;
  powerOn(): void {
    this.on++;
  }
  powerOff(): void {
    this.off++;
  }
  async process(command: Uint8Array): Promise<Uint8Array> {
    if (this.removeNext) {
      this.removeNext = false;
      throw new TransportError('CARD_REMOVED');
    }
    return Uint8Array.of(command.length, 0x90, 0x00);
  }
}

/** A stand-in for vpcd's side of the socket: the reader driver sends, the card answers. */
async function fakeVpcd() {
  const sockets: Socket[] = [];
  const waiting: Array<(s: Socket) => void> = [];
  const server = createServer((socket) => {
    const w = waiting.shift();
    if (w) w(socket);
    else sockets.push(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const nextSession = () =>
    new Promise<Socket>((resolve) => (sockets.length ? resolve(sockets.shift()!) : waiting.push(resolve)));
  const exchange = (socket: Socket, payload: Uint8Array) =>
    new Promise<Uint8Array | 'closed'>((resolve) => {
      const decoder = new VpcdFrameDecoder();
      const onData = (chunk: Buffer) => {
        const [m] = decoder.push(new Uint8Array(chunk));
        if (!m) return;
        socket.off('data', onData);
        resolve(m.kind === 'apdu' ? m.apdu : Uint8Array.of(m.control));
      };
      socket.on('data', onData);
      socket.once('close', () => resolve('closed'));
      socket.write(encodeVpcdFrame(payload));
    });
  return { port, nextSession, exchange, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('VpcdBridge', () => {
  it('answers ATR requests and APDUs, and maps power control to the card', async () => {
    const vpcd = await fakeVpcd();
    const card = new CountingCard();
    const bridge = new VpcdBridge({ card, port: vpcd.port });
    await bridge.insertCard();
    const session = await vpcd.nextSession();
    expect(await vpcd.exchange(session, Uint8Array.of(0x04))).toEqual(card.atr);
    session.write(encodeVpcdFrame(Uint8Array.of(0x01)));
    expect(await vpcd.exchange(session, Uint8Array.of(0x00, 0xa4, 0x04, 0x00))).toEqual(Uint8Array.of(4, 0x90, 0x00));
    await bridge.whenCardSeen();
    expect(card.on).toBe(1);
    expect(bridge.stats.apdus).toBe(1);
    await bridge.stop();
    await vpcd.close();
  });

  it('drops the session when the card is pulled at a given APDU, and inserts again on command', async () => {
    const vpcd = await fakeVpcd();
    const card = new CountingCard();
    const bridge = new VpcdBridge({ card, port: vpcd.port });
    await bridge.insertCard();
    const first = await vpcd.nextSession();
    bridge.pullCardAtApdu(1);
    expect(await vpcd.exchange(first, Uint8Array.of(0, 0, 0, 0))).toEqual(Uint8Array.of(4, 0x90, 0x00));
    expect(await vpcd.exchange(first, Uint8Array.of(0, 0, 0, 0))).toBe('closed');
    expect(bridge.state).toBe('removed');
    expect(card.off).toBeGreaterThan(0);
    await bridge.insertCard();
    const second = await vpcd.nextSession();
    card.removeNext = true; // the card itself reports leaving the field
    expect(await vpcd.exchange(second, Uint8Array.of(0, 0, 0, 0))).toBe('closed');
    await bridge.stop();
    expect(bridge.state).toBe('stopped');
    await expect(bridge.insertCard()).rejects.toThrow(/stopped/);
    await vpcd.close();
  });

  it('keeps trying until vpcd listens, and reconnects when vpcd drops the session', async () => {
    const vpcd = await fakeVpcd();
    const port = vpcd.port;
    await vpcd.close();
    const bridge = new VpcdBridge({ card: new CountingCard(), port, reconnectDelayMs: 20 });
    const inserted = bridge.insertCard();
    expect(bridge.state).toBe('connecting');
    const server = createServer();
    const sessions: Socket[] = [];
    server.on('connection', (s) => sessions.push(s));
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    await inserted;
    expect(bridge.state).toBe('inserted');
    while (sessions.length === 0) await new Promise((r) => setTimeout(r, 10));
    sessions[0]!.destroy();
    while (sessions.length < 2) await new Promise((r) => setTimeout(r, 10));
    expect(bridge.stats.insertions).toBe(2);
    await bridge.stop();
    await new Promise<void>((r) => server.close(() => r()));
  });
});
