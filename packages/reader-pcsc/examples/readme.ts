import { toHex } from '@onshikit/apdu';
import { waitForCard } from '@onshikit/reader-pcsc';

/** Waits for a My Number Card on any reader and returns the status word of SELECT JPKI AP. */
export async function selectJpkiOnFirstCard(): Promise<string> {
  await using card = await waitForCard({ timeout: 30_000 });
  console.log(`card on ${card.readerName}, extended length: ${card.supportsExtendedLength}`);
  const response = await card.transmit(
    Uint8Array.of(0x00, 0xa4, 0x04, 0x0c, 0x0a, 0xd3, 0x92, 0xf0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01),
  );
  return toHex(response.subarray(-2)); // '9000'
}
