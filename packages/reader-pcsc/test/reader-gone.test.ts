import { startPcscStack } from '@onshikit/simulator';
import { expect, it } from 'vitest';
import { waitForCard } from '@onshikit/reader-pcsc';
import { TinyJpkiCard } from './support/tiny-jpki-card.js';

it('an open transport reports READER_GONE when the PC/SC service and its reader go away', async () => {
  await using stack = await startPcscStack({ card: new TinyJpkiCard() });
  const transport = await waitForCard({ timeout: 10_000 });
  await stack.stopPcscd();
  const error = await transport.transmit(Uint8Array.of(0x80, 0x10, 0, 0), { timeoutMs: 5000 }).catch((e: unknown) => e);
  expect(error).toMatchObject({ code: 'READER_GONE' });
  await transport.close();
});
