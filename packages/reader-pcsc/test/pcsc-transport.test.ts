import { toHex, type Transport } from '@onshikit/apdu';
import { probeCard } from '@onshikit/mynumber';
import { startPcscStack, type PcscStack } from '@onshikit/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PcscReaderMonitor, waitForCard } from '@onshikit/reader-pcsc';
import { TinyJpkiCard } from './support/tiny-jpki-card.js';

let stack: PcscStack;
let card: TinyJpkiCard;

beforeAll(async () => {
  card = new TinyJpkiCard();
  stack = await startPcscStack({ card });
});
afterAll(async () => {
  await stack?.stop();
});

describe('PcscTransport over pcscd + vpcd', () => {
  it('returns the card in the vpcd reader and exchanges APDUs', async () => {
    await using transport = await waitForCard({ timeout: 10_000 });
    expect(transport.readerName).toBe(stack.readerName);
    expect(toHex(transport.atr)).toBe(toHex(card.atr));
    const response = await transport.transmit(Uint8Array.of(0x80, 0x10, 0x01, 0x02, 0x01, 0xaa));
    expect(toHex(response)).toBe('80100102' + '01AA' + '9000');
  });

  it('sends nothing to a card it is not asked to judge, and keeps what a driver learned per reader on its monitor', async () => {
    await using monitor = await PcscReaderMonitor.open();
    {
      const before = card.commands;
      await using transport = await waitForCard({ monitor, timeout: 10_000 });
      expect(card.commands).toBe(before); // no probe: the default accept takes any card
      expect(transport.supportsExtendedLength).toBeUndefined();
      transport.learnExtendedLength(false);
      expect(transport.supportsExtendedLength).toBe(false);
      expect(transport.maxResponseLength).toBe(258);
    }
    await using again = await waitForCard({ monitor, timeout: 10_000 });
    expect(again.supportsExtendedLength).toBe(false);
    expect(monitor.extendedLengthSupport(stack.readerName)).toBe(false);
    await using other = await PcscReaderMonitor.open();
    expect(other.extendedLengthSupport(stack.readerName)).toBeUndefined(); // per monitor, not per process
  });

  it('powers the card down on close (clears PIN security status)', async () => {
    const offs = card.powerOffs;
    const transport = await waitForCard({ timeout: 10_000 });
    await transport.close();
    expect(card.powerOffs).toBeGreaterThan(offs);
    await expect(transport.transmit(Uint8Array.of(0, 0xa4, 0, 0))).rejects.toMatchObject({ code: 'TRANSPORT_CLOSED' });
  });

  it('holds the card exclusively while open', async () => {
    await using first = await waitForCard({ timeout: 10_000 });
    await using monitor = await PcscReaderMonitor.open();
    await expect(waitForCard({ monitor, timeout: 1500 })).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(first.closed).toBe(false);
  });

  it('times out a command the card never answers, then aborts on signal', async () => {
    const slow = new TinyJpkiCard();
    const original = slow.process.bind(slow);
    let hang = false;
    slow.process = async (c) => (hang ? new Promise<Uint8Array>(() => {}) : original(c));
    await stack.insertCard(slow);
    const transport = await waitForCard({ timeout: 10_000 });
    hang = true;
    await expect(transport.transmit(Uint8Array.of(0x80, 0x10, 0, 0), { timeoutMs: 300 })).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
    const controller = new AbortController();
    controller.abort();
    await expect(
      transport.transmit(Uint8Array.of(0x80, 0x10, 0, 0), { signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'ABORTED' });
    await stack.removeCard();
    await transport.close();
    await stack.insertCard(card);
  });

  it('passes over a card without the JPKI AP', async () => {
    await stack.insertCard(new TinyJpkiCard(false));
    const skipped: string[] = [];
    // The card driver's probe, injected: reader-pcsc itself knows no card.
    const accept = async (t: Transport): Promise<boolean> => (await probeCard(t)) !== undefined;
    await expect(waitForCard({ timeout: 1500, accept, onSkip: (s) => skipped.push(s.reason) })).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
    expect(skipped).toContain('not-jpki');
    await stack.insertCard(card);
  });
});
