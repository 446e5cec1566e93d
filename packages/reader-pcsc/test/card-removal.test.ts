import { X509Certificate, verify } from 'node:crypto';
import { TransportError } from '@onshikit/apdu';
import { CardError, MyNumberCard, probeCard } from '@onshikit/mynumber';
import { TEST_PINS, VirtualMyNumberCard, cardProfiles, startPcscStack, type PcscStack } from '@onshikit/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PcscReaderMonitor, waitForCard, type PcscTransport, type SkippedCard } from '@onshikit/reader-pcsc';

/**
 * Issue 4 §2: the card leaves the reader at every APDU of the read-certificate and sign
 * flows. Each pull must end in CARD_REMOVED (never a hang, never another error), and the
 * next card presented must work from the first APDU to the last.
 */

/** A flow as the reception workflow runs it, from a fresh transport. */
type Flow = (transport: PcscTransport, card: VirtualMyNumberCard) => Promise<void>;

const readCertificate: Flow = async (transport, card) => {
  const certificate = await new MyNumberCard(transport).readAuthCertificate();
  expect(Buffer.from(certificate.der).equals(Buffer.from(card.authCertificateDer!))).toBe(true);
};

/** The same on a reader without extended-length support: the certificate in 256-byte reads. */
const readCertificateShort: Flow = async (transport, card) => {
  transport.learnExtendedLength(false);
  await readCertificate(transport, card);
};

/** The card driver's probe as the reader's `accept` (reader-pcsc itself knows no card). */
const isJpkiCard = async (transport: PcscTransport): Promise<boolean> => (await probeCard(transport)) !== undefined;

const sign: Flow = async (transport, card) => {
  const driver = new MyNumberCard(transport);
  const data = new TextEncoder().encode('onshi-kit removal test');
  await driver.verifyAuthPin(TEST_PINS.auth);
  const signature = await driver.signWithAuthKey({ data, hash: 'SHA-256' });
  const key = new X509Certificate(card.authCertificateDer!).publicKey;
  expect(verify('sha256', data, key, signature)).toBe(true);
};

const HANG_LIMIT_MS = 10_000;

/** Settles like `promise`, or rejects with a clear "hung" error (the point of the test). */
function noHang<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`hung: ${what} did not settle in ${HANG_LIMIT_MS} ms`)), HANG_LIMIT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
}

function newCard(): Promise<VirtualMyNumberCard> {
  return VirtualMyNumberCard.create(cardProfiles.standard());
}

let stack: PcscStack;

beforeAll(async () => {
  stack = await startPcscStack({ card: await newCard() });
});
afterAll(async () => {
  await stack?.stop();
});

/** Runs `flow` on a fresh card and returns how many APDUs it sent after waitForCard. */
async function apduCount(flow: Flow): Promise<number> {
  const card = await newCard();
  await stack.insertCard(card);
  const transport = await noHang(waitForCard({ timeout: 10_000 }), 'waitForCard');
  try {
    const before = stack.bridge.stats.apdus;
    await noHang(flow(transport, card), 'the flow');
    return stack.bridge.stats.apdus - before;
  } finally {
    await transport.close();
  }
}

describe.each([
  ['read the auth certificate (extended length)', readCertificate],
  ['read the auth certificate (short APDUs)', readCertificateShort],
  ['verify the auth PIN and sign', sign],
] as const)('card pulled at every APDU index: %s', (_name, flow) => {
  it('ends in CARD_REMOVED at each index, and the next card completes the flow', async () => {
    const count = await apduCount(flow);
    expect(count).toBeGreaterThanOrEqual(3); // extended: SELECT AP, READ by short EF id, one extended READ
    console.info(`${_name}: ${count} APDUs, each one pulled in turn`);
    for (let index = 0; index < count; index++) {
      const pulled = await newCard();
      await stack.insertCard(pulled);
      const transport = await noHang(waitForCard({ timeout: 10_000 }), `waitForCard before pull #${index}`);
      stack.bridge.pullCardAtApdu(index);
      const error = await noHang(
        flow(transport, pulled).then(
          () => undefined,
          (e: unknown) => e,
        ),
        `the flow pulled at APDU #${index}`,
      );
      expect(error, `pull at APDU #${index}`).toBeInstanceOf(CardError);
      expect((error as CardError).code, `pull at APDU #${index}`).toBe('CARD_REMOVED');
      expect((error as CardError).cause).toBeInstanceOf(TransportError);
      // The transport stays removed: no later command reaches a card, none waits.
      await expect(
        noHang(transport.transmit(Uint8Array.of(0x00, 0xb0, 0x00, 0x00, 0x01)), 'transmit after removal'),
      ).rejects.toMatchObject({ code: 'CARD_REMOVED' });
      await noHang(transport.close(), 'close after removal');
      expect(stack.bridge.state).toBe('removed');

      // The next card presented works end to end.
      const next = await newCard();
      await stack.insertCard(next);
      const nextTransport = await noHang(waitForCard({ timeout: 10_000 }), `waitForCard after pull #${index}`);
      try {
        await noHang(flow(nextTransport, next), `the flow on the next card after pull #${index}`);
      } finally {
        await noHang(nextTransport.close(), 'close of the next card');
      }
    }
  }, 240_000);
});

describe('card pulled while waitForCard identifies it', () => {
  it('passes over the pulled card and returns the next one', async () => {
    await using monitor = await PcscReaderMonitor.open();
    await stack.removeCard();
    await expect.poll(() => monitor.reader(stack.readerName)?.cardPresent, { timeout: 5_000 }).toBe(false);
    const skipped: SkippedCard[] = [];
    const waiting = noHang(
      waitForCard({ monitor, timeout: 9_000, accept: isJpkiCard, onSkip: (s) => skipped.push(s) }),
      'waitForCard',
    );
    stack.bridge.pullCardAtApdu(0); // the SELECT of the JPKI AP
    await stack.insertCard(await newCard());
    await expect.poll(() => skipped.length, { timeout: 5_000 }).toBeGreaterThan(0);
    expect(skipped[0]).toMatchObject({ reason: 'link-error' });
    // pcscd must see the card leave before the next one comes (a real hand is slower than this test).
    await expect.poll(() => monitor.reader(stack.readerName)?.cardPresent, { timeout: 5_000 }).toBe(false);
    const next = await newCard();
    await stack.insertCard(next);
    const transport = await waiting;
    try {
      await readCertificate(transport, next);
    } finally {
      await transport.close();
    }
  }, 30_000);
});
