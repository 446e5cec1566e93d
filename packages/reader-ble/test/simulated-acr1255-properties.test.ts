import { TransportError, concatBytes, toHex } from '@onshikit/apdu';
import { acr1255uj1Profile, connectBleReader, type BleCardTransport } from '@onshikit/reader-ble';
import { EchoCard, SimulatedBleReader } from '@onshikit/simulator';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// State-machine property: whatever sequence of commands and faults, every transmit either
// returns exactly the card's answer or rejects with a TransportError of an expected code, and
// the reader recovers (a fresh card transport answers correctly afterwards).
type Action =
  | { kind: 'echo'; data: Uint8Array }
  | { kind: 'corrupt' }
  | { kind: 'duplicate' }
  | { kind: 'split'; on: boolean }
  | { kind: 'remove-insert' }
  | { kind: 'timeout' };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 5, arbitrary: fc.uint8Array({ maxLength: 255 }).map((data) => ({ kind: 'echo' as const, data })) },
  fc.constant({ kind: 'corrupt' as const }),
  fc.constant({ kind: 'duplicate' as const }),
  fc.boolean().map((on) => ({ kind: 'split' as const, on })),
  fc.constant({ kind: 'remove-insert' as const }),
  fc.constant({ kind: 'timeout' as const }),
);

const echo = (data: Uint8Array): Uint8Array => concatBytes(new Uint8Array([0, 0xee, 0, 0, data.length]), data);

describe('BLE reader state machine (fast-check)', () => {
  it('any interleaving of APDUs and faults: exact answers or typed errors, then recovery', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(action, { maxLength: 25 }),
        fc.integer({ min: 20, max: 512 }),
        fc.integer(),
        async (actions, maxWriteLength, seed) => {
          const card = new EchoCard();
          const sim = new SimulatedBleReader({ card, maxWriteLength, seed });
          const reader = await connectBleReader({ pipe: sim.connect(), profile: acr1255uj1Profile() });
          let transport: BleCardTransport = await reader.waitForCard({ timeoutMs: 1000 });
          for (const a of actions) {
            if (a.kind === 'corrupt') sim.faults.corruptNextFrames = 1;
            else if (a.kind === 'duplicate') sim.faults.duplicateNextResponses = 1;
            else if (a.kind === 'split') sim.faults.splitNotifications = a.on;
            else if (a.kind === 'remove-insert') {
              sim.removeCard();
              // CARD_REMOVED, or BLE_FRAME_INVALID when a corrupt fault hit the removal notification
              // while this command was pending (the next command then learns the card is gone).
              const error = await transport.transmit(echo(new Uint8Array([1]))).catch((e: unknown) => e);
              expect(error).toBeInstanceOf(TransportError);
              expect(['CARD_REMOVED', 'BLE_FRAME_INVALID']).toContain((error as TransportError).code);
              sim.insertCard(card);
              transport = await reader.waitForCard({ timeoutMs: 1000 });
            } else if (a.kind === 'timeout') {
              sim.faults.responseDelayMs = 30;
              await expect(transport.transmit(echo(new Uint8Array([2])), { timeoutMs: 1 })).rejects.toMatchObject({
                code: 'TIMEOUT',
              });
              sim.faults.responseDelayMs = 0;
              await new Promise((r) => setTimeout(r, 40));
            } else {
              try {
                const response = await transport.transmit(echo(a.data), { timeoutMs: 300 });
                expect(toHex(response)).toBe(toHex(a.data) + '9000');
              } catch (error) {
                expect(error).toBeInstanceOf(TransportError);
                // A corrupted Len that still looks plausible waits for bytes that never come: TIMEOUT.
                expect(['BLE_FRAME_INVALID', 'TIMEOUT']).toContain((error as TransportError).code);
              }
            }
          }
          sim.faults.corruptNextFrames = 0;
          sim.faults.duplicateNextResponses = 0;
          const probe = new Uint8Array([0xca, 0xfe]);
          expect(toHex(await transport.transmit(echo(probe)))).toBe('CAFE9000');
          await reader.close();
        },
      ),
      { numRuns: 40 },
    );
  });
});
