import { createRequire } from 'node:module';
import { toHex } from '@onshikit/apdu';
import { startPcscStack, type PcscStack } from '@onshikit/simulator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { JPKI_AID } from '@onshikit/mynumber';

/** SELECT JPKI AP by its full name (the AID from the driver, the one place it lives). */
const SELECT_JPKI_AP = Uint8Array.of(0x00, 0xa4, 0x04, 0x0c, JPKI_AID.length, ...JPKI_AID);
import { TinyJpkiCard } from './support/tiny-jpki-card.js';

/**
 * The stack literally: nfc-pcsc -> pcscd -> vpcd -> simulated card. nfc-pcsc's own
 * Reader (which connects every card in shared mode, the reason PcscTransport drives its
 * binding directly) sees the card the bridge inserts and exchanges APDUs with it.
 */
const require = createRequire(import.meta.url);

interface NfcReader {
  name: string;
  autoProcessing: boolean;
  on(event: 'card', listener: (card: { atr?: Buffer }) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  transmit(data: Buffer, responseMaxLength: number): Promise<Buffer>;
}

let stack: PcscStack;
const card = new TinyJpkiCard();

beforeAll(async () => {
  stack = await startPcscStack({ card });
});
afterAll(async () => {
  await stack?.stop();
});

it("nfc-pcsc's Reader sees the virtual card through pcscd + vpcd and exchanges APDUs", async () => {
  const { NFC } = require('nfc-pcsc') as {
    NFC: new () => { on(event: string, listener: (value: never) => void): void; close(): void };
  };
  const nfc = new NFC();
  nfc.on('error', () => {});
  try {
    const { reader, atr } = await new Promise<{ reader: NfcReader; atr: Buffer | undefined }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('nfc-pcsc saw no card in 10 s')), 10_000);
      nfc.on('reader', (r: NfcReader) => {
        r.on('error', () => {});
        if (r.name !== stack.readerName) return;
        r.autoProcessing = false;
        r.on('card', (c) => {
          clearTimeout(timer);
          resolve({ reader: r, atr: c.atr });
        });
      });
    });
    expect(toHex(new Uint8Array(atr ?? []))).toBe(toHex(card.atr));
    const response = await reader.transmit(Buffer.from(SELECT_JPKI_AP), 258);
    expect(toHex(new Uint8Array(response))).toBe('9000');
  } finally {
    nfc.close();
  }
});
