import { startPcscStack } from '@onshikit/simulator';
import { expect, it } from 'vitest';
import { PcscReaderMonitor, waitForCard, type ReaderEvent } from '@onshikit/reader-pcsc';
import { TinyJpkiCard } from './support/tiny-jpki-card.js';

it('reports readers and card events as listeners and as an async iterator', async () => {
  await using stack = await startPcscStack({ card: new TinyJpkiCard() });
  await using monitor = await PcscReaderMonitor.open();
  const seen: string[] = [];
  monitor.on('card-removed', (e) => seen.push(`removed ${e.reader}`));
  const events: ReaderEvent[] = [];
  const iterator = monitor.events({ replay: true });
  for await (const event of iterator) {
    events.push(event);
    if (event.type === 'card-present') break;
  }
  expect(events.map((e) => e.type)).toContain('reader-attached');
  expect(events.at(-1)).toMatchObject({ type: 'card-present', reader: stack.readerName });
  const removed = (async () => {
    for await (const event of monitor.events()) if (event.type === 'card-removed') return event.reader;
    return undefined;
  })();
  await stack.removeCard();
  expect(await removed).toBe(stack.readerName);
  expect(seen).toEqual([`removed ${stack.readerName}`]);
});

it('waitForCard rejects with PCSC_UNAVAILABLE and an install hint when pcscd is down', async () => {
  await using stack = await startPcscStack({ card: new TinyJpkiCard() });
  await stack.stopPcscd();
  const error = await waitForCard({ timeout: 1000 }).catch((e: unknown) => e);
  expect(error).toMatchObject({ code: 'PCSC_UNAVAILABLE' });
  expect((error as Error).message).toMatch(/pcscd/);
});

it('waitForCard aborts on signal', async () => {
  await using stack = await startPcscStack({ card: new TinyJpkiCard(), insertCard: false });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 300);
  await expect(waitForCard({ signal: controller.signal })).rejects.toMatchObject({ code: 'ABORTED' });
  expect(stack.readerName).toBe('Virtual PCD 00 00');
});

it('monitor events reject with ABORTED: at once for a signal already aborted, and on a later abort', async () => {
  await using _stack = await startPcscStack({ card: new TinyJpkiCard(), insertCard: false });
  await using monitor = await PcscReaderMonitor.open();
  await expect(monitor.events({ signal: AbortSignal.abort(), replay: true }).next()).rejects.toMatchObject({
    code: 'ABORTED',
  });
  const controller = new AbortController();
  const events = monitor.events({ signal: controller.signal });
  const pending = events.next();
  controller.abort();
  await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
});
