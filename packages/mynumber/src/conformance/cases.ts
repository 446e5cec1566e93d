/**
 * The transport conformance suite: the driver's real flows (detect, read certificate, PIN
 * status, verify, sign) over any `Transport`, checked against the card behind it. PC/SC, BLE
 * and in-process transports run the same cases; framework-agnostic (each case throws on failure).
 * @module
 */
import { TransportError, type Transport } from '@onshikit/apdu';
import { CountingTransport } from '@onshikit/apdu/testing';
import { JPKI_AID } from '../applications.js';
import { MyNumberCard } from '../card.js';
import { CardError } from '../errors.js';
import { check, ConformanceFailure, firstDifference, thrown } from './check.js';
import type { ConformanceCase, ConformanceFixture, TransportConformanceOptions } from './types.js';

/** SELECT JPKI AP by its full name; the AID from the driver, the one place it lives. */
const JPKI_SELECT = Uint8Array.of(0x00, 0xa4, 0x04, 0x0c, JPKI_AID.length, ...JPKI_AID);
const UNKNOWN_SELECT = Uint8Array.of(0x00, 0xa4, 0x04, 0x0c, 0x05, 0xa0, 0x00, 0x00, 0x00, 0x99);

function wrongPinFor(pin: string): string {
  // Change the last digit: always 4 digits, always wrong.
  const last = pin.charCodeAt(pin.length - 1) - 0x30;
  return pin.slice(0, -1) + String((last + 1) % 10);
}

function expectCardError(error: unknown, code: string, what: string): CardError {
  if (!(error instanceof CardError)) {
    throw new ConformanceFailure(
      `${what}: expected CardError ${code}, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
      { cause: error },
    );
  }
  check(error.code === code, `${what}: expected ${code}, got ${error.code}`);
  return error;
}

async function withFixture(
  options: TransportConformanceOptions,
  body: (fixture: ConformanceFixture) => Promise<void>,
): Promise<void> {
  const fixture = await options.makeTransport();
  try {
    await body(fixture);
  } finally {
    await fixture.cleanup?.();
  }
}

/** Expected APDUs to read a certificate of `length` bytes (driver README, APDU counts). */
export function expectedCertificateReadCount(transport: Transport, length: number): number {
  const chunk =
    transport.supportsExtendedLength === true
      ? Math.min(65536, (transport.maxResponseLength ?? 65538) - 2)
      : Math.min(256, (transport.maxResponseLength ?? 258) - 2);
  const first = Math.min(chunk, 256);
  const reads = length <= first ? 1 : 1 + Math.ceil((length - first) / chunk);
  // SELECT JPKI AP, then the READs (the first by short EF id, so no SELECT EF).
  return 1 + reads;
}

async function verifySignature(certificateSpki: Uint8Array, data: Uint8Array, signature: Uint8Array): Promise<boolean> {
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.importKey(
    'spki',
    certificateSpki as Uint8Array<ArrayBuffer>,
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    false,
    ['verify'],
  );
  return subtle.verify('RSASSA-PKCS1-v1_5', key, signature as Uint8Array<ArrayBuffer>, data as Uint8Array<ArrayBuffer>);
}

/**
 * The conformance cases for a transport. Each case makes its own fixture.
 *
 * @example
 * ```ts
 * for (const c of transportConformanceCases({ makeTransport })) it(c.name, c.run);
 * ```
 */
export function transportConformanceCases(options: TransportConformanceOptions): ConformanceCase[] {
  const cases: ConformanceCase[] = [
    {
      name: 'passes error status words through as bytes (SELECT of an absent AID answers 6A82)',
      run: () =>
        withFixture(options, async ({ transport }) => {
          const response = await transport.transmit(UNKNOWN_SELECT.slice());
          check(response.length === 2, `expected only SW1 SW2, got ${response.length} bytes`);
          check(
            response[0] === 0x6a && response[1] === 0x82,
            `expected 6A82, got ${response[0]?.toString(16)}${response[1]?.toString(16)}`,
          );
          const ok = await transport.transmit(JPKI_SELECT.slice());
          check(
            ok.length === 2 && ok[0] === 0x90 && ok[1] === 0x00,
            'SELECT JPKI AP must answer 9000 after an error status',
          );
        }),
    },
    {
      name: 'detect(): the token label says My Number Card',
      run: () =>
        withFixture(options, async ({ transport }) => {
          const found = await new MyNumberCard(transport).detect();
          check(found.kind === 'mynumber-card', `expected kind mynumber-card, got ${found.kind} (${found.label})`);
        }),
    },
    {
      name: 'readAuthCertificate(): the bytes equal the card certificate, in the documented APDU count',
      run: () =>
        withFixture(options, async ({ transport, card }) => {
          const counter = new CountingTransport(transport);
          const progress: number[] = [];
          const cert = await new MyNumberCard(counter).readAuthCertificate({
            onProgress: (read) => progress.push(read),
          });
          const diff = firstDifference(cert.der, card.authCertificate);
          check(
            diff === -1,
            `certificate differs from the card's at byte ${diff} (${cert.der.length} vs ${card.authCertificate.length} bytes)`,
          );
          const expected = expectedCertificateReadCount(transport, card.authCertificate.length);
          check(
            counter.total === expected,
            `expected ${expected} APDUs, sent ${counter.total} (${JSON.stringify(counter.summary())})`,
          );
          check(progress.at(-1) === card.authCertificate.length, 'progress must end at the certificate length');
        }),
    },
    {
      name: 'readAuthCertificate() with short APDUs only: 256-byte chunks carry the same bytes',
      run: () =>
        withFixture(options, async ({ transport, card }) => {
          const cert = await new MyNumberCard(transport, { useExtendedLength: false }).readAuthCertificate();
          const diff = firstDifference(cert.der, card.authCertificate);
          check(diff === -1, `certificate differs at byte ${diff}`);
        }),
    },
    {
      name: 'authPinStatus(): full counter, not verified, and the query uses no try',
      run: () =>
        withFixture(options, async ({ transport, card }) => {
          const driver = new MyNumberCard(transport);
          const max = card.authPinMaxTries ?? 3;
          for (let i = 0; i < 3; i++) {
            const status = await driver.authPinStatus();
            check(
              status.state === 'ok' && status.triesLeft === max && !status.verified,
              `query ${i + 1}: expected ok/${max}/unverified, got ${JSON.stringify(status)}`,
            );
          }
        }),
    },
    {
      name: 'verifyAuthPin(): the right PIN verifies and leaves the counter full',
      run: () =>
        withFixture(options, async ({ transport, card }) => {
          const driver = new MyNumberCard(transport);
          await driver.verifyAuthPin(new TextEncoder().encode(card.authPin));
          const status = await driver.authPinStatus();
          // The empty VERIFY may answer 63Cx or 9000 for a verified key (docs/reference/card-protocol.md#command-table; no source says which).
          check(
            status.state === 'ok' && status.triesLeft === (card.authPinMaxTries ?? 3),
            `expected a full counter after the right PIN, got ${JSON.stringify(status)}`,
          );
        }),
    },
    {
      name: 'verifyAuthPin(): wrong PINs decrement the counter, the last try is guarded, the right PIN resets it',
      run: () =>
        withFixture(options, async ({ transport, card }) => {
          const driver = new MyNumberCard(transport);
          const max = card.authPinMaxTries ?? 3;
          const wrong = wrongPinFor(card.authPin);
          for (let left = max - 1; left >= 1; left--) {
            const error = expectCardError(
              await thrown(() => driver.verifyAuthPin(wrong), 'wrong PIN'),
              'CARD_PIN_WRONG',
              'wrong PIN',
            );
            check(error.triesLeft === left, `expected ${left} tries left, got ${String(error.triesLeft)}`);
            const status = await driver.authPinStatus();
            check(status.triesLeft === left, `status after a wrong PIN: expected ${left}, got ${status.triesLeft}`);
          }
          expectCardError(
            await thrown(() => driver.verifyAuthPin(card.authPin), 'last try without consent'),
            'CARD_PIN_LAST_TRY',
            'last try',
          );
          const still = await driver.authPinStatus();
          check(still.triesLeft === 1, `the guard must not use the try (tries ${still.triesLeft})`);
          await driver.verifyAuthPin(card.authPin, { allowLastTry: true });
          const reset = await driver.authPinStatus();
          check(reset.triesLeft === max, `the right PIN must reset the counter, got ${JSON.stringify(reset)}`);
        }),
    },
    {
      name: 'signWithAuthKey(): refused before VERIFY; after VERIFY the signature verifies with the certificate key (WebCrypto)',
      run: () =>
        withFixture(options, async ({ transport, card }) => {
          const driver = new MyNumberCard(transport);
          const data = new TextEncoder().encode(`conformance nonce ${Date.now()}`);
          expectCardError(
            await thrown(() => driver.signWithAuthKey({ data, hash: 'SHA-256' }), 'sign before VERIFY'),
            'CARD_SECURITY_STATUS',
            'sign before VERIFY',
          );
          await driver.verifyAuthPin(card.authPin);
          const signature = await driver.signWithAuthKey({ data, hash: 'SHA-256' });
          check(signature.length === 256, `expected a 256-byte RSA-2048 signature, got ${signature.length}`);
          const cert = await driver.readAuthCertificate();
          check(
            await verifySignature(cert.subjectPublicKeyInfo, data, signature),
            'the signature does not verify with the certificate public key',
          );
        }),
    },
  ];
  if (!options.skipCloseChecks) {
    cases.push({
      name: 'close() is idempotent and transmit after close rejects with TransportError',
      run: () =>
        withFixture(options, async ({ transport }) => {
          await transport.close();
          await transport.close();
          const error = await thrown(() => transport.transmit(JPKI_SELECT.slice()), 'transmit after close');
          check(error instanceof TransportError, `expected TransportError after close, got ${String(error)}`);
        }),
    });
  }
  return cases;
}
