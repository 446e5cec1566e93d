import fc from 'fast-check';
import { TransportError } from '@onshikit/apdu';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PcscTransport } from '../src/pcsc-transport.js';
import { MonitorDouble, ReaderDouble } from './support/binding-double.js';

/**
 * PcscTransport as a state machine, against a binding double whose answers, failures and
 * timing the property decides: commands sent with and without timeouts and signals, answers
 * in time or late, PC/SC failures, card removal, time passing, close at any point. Invariants:
 * - the binding never has two transmits in flight (pcsc-lite handles are not re-entrant);
 * - commands reach the binding in the order they were sent, each at most once;
 * - a command resolves only with its own answer (never a late answer of an earlier one);
 * - every command settles: with its answer or a TransportError, never anything else, never a hang;
 * - after a removal, every pending and later command rejects with CARD_REMOVED and no new
 *   transmit reaches the binding.
 */

const SW_OK = [0x90, 0x00];

/** Command `id` is a CASE 3 APDU carrying the id, so answers can be matched to commands. */
function commandFor(id: number): Uint8Array {
  return Uint8Array.of(0x80, 0x10, 0x00, 0x00, 0x02, id >> 8, id & 0xff);
}
function idOf(bytes: Uint8Array): number {
  return (bytes[bytes.length - 2]! << 8) | bytes[bytes.length - 1]!;
}

type Action =
  | { kind: 'send'; timeoutMs: number | undefined; withSignal: boolean }
  | { kind: 'answer' }
  | { kind: 'fail'; result: number }
  | { kind: 'abortOldest' }
  | { kind: 'wait'; ms: number }
  | { kind: 'remove' }
  | { kind: 'close' }
  | { kind: 'refuse' };

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('send' as const),
      timeoutMs: fc.option(fc.integer({ min: 10, max: 2_000 }), { nil: undefined }),
      withSignal: fc.boolean(),
    }),
  },
  { weight: 5, arbitrary: fc.constant({ kind: 'answer' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('fail' as const),
      result: fc.constantFrom(0x80100069, 0x80100016, 0x80100017, 0x8010000a, 0x80100002),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'abortOldest' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 1, max: 3_000 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'remove' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'close' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'refuse' as const }) },
);

interface Sent {
  id: number;
  controller: AbortController | undefined;
  outcome: { ok: true; response: Uint8Array } | { ok: false; error: unknown } | undefined;
}

async function settleMicrotasks(): Promise<void> {
  await vi.advanceTimersByTimeAsync(0);
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('PcscTransport state machine (binding double, fake time)', () => {
  it('keeps its invariants under any sequence of sends, answers, failures, aborts, waits and removals', async () => {
    const seen = { answered: 0, codes: new Set<string>() };
    await fc.assert(
      fc.asyncProperty(fc.array(action, { maxLength: 40 }), fc.boolean(), async (actions, closeAtEnd) => {
        const reader = new ReaderDouble();
        const monitor = new MonitorDouble(reader);
        const connecting = PcscTransport.connect(monitor.asMonitor(), reader.name, { commandTimeoutMs: 5_000 });
        await settleMicrotasks();
        const transport = await connecting;
        const sent: Sent[] = [];
        let removedAt: number | undefined; // transmits the binding had seen at removal
        let closedAt: number | undefined; // … and when close() was called
        let closing: Promise<void> | undefined;

        for (const a of actions) {
          switch (a.kind) {
            case 'send': {
              const entry: Sent = {
                id: sent.length,
                controller: a.withSignal ? new AbortController() : undefined,
                outcome: undefined,
              };
              sent.push(entry);
              transport
                .transmit(commandFor(entry.id), {
                  ...(a.timeoutMs ? { timeoutMs: a.timeoutMs } : {}),
                  ...(entry.controller ? { signal: entry.controller.signal } : {}),
                })
                .then(
                  (response) => (entry.outcome = { ok: true, response }),
                  (error: unknown) => (entry.outcome = { ok: false, error }),
                );
              break;
            }
            case 'answer': {
              const call = reader.inFlight[0];
              if (call) reader.answerOldest(Uint8Array.of(call.command[5]!, call.command[6]!, ...SW_OK));
              break;
            }
            case 'fail':
              reader.answerOldest(new Error(`SCardTransmit error: test.(0x${a.result.toString(16)})`));
              break;
            case 'abortOldest':
              sent
                .find((s) => s.outcome === undefined && s.controller && !s.controller.signal.aborted)
                ?.controller?.abort('test');
              break;
            case 'wait':
              await vi.advanceTimersByTimeAsync(a.ms);
              break;
            case 'remove':
              if (removedAt === undefined) {
                removedAt = reader.transmitted.length;
                const open = sent.filter((s) => s.outcome === undefined);
                monitor.removeCard();
                await settleMicrotasks();
                if (closing === undefined) {
                  // Refused at once, without waiting for a deadline or an answer.
                  for (const s of open)
                    expect(s.outcome, `command ${s.id} still open after removal`).toMatchObject({
                      ok: false,
                      error: { code: 'CARD_REMOVED' },
                    });
                }
              }
              break;
            case 'refuse':
              reader.refuseNext = true;
              break;
            case 'close':
              closedAt ??= reader.transmitted.length;
              closing ??= transport.close();
              break;
          }
          await settleMicrotasks();
          expect(reader.maxInFlight).toBeLessThanOrEqual(1);
        }

        // Drain: the reader answers whatever is still in flight, time runs past every deadline.
        for (let i = 0; i < 50 && sent.some((s) => s.outcome === undefined); i++) {
          const call = reader.inFlight[0];
          if (call) reader.answerOldest(Uint8Array.of(call.command[5]!, call.command[6]!, ...SW_OK));
          await vi.advanceTimersByTimeAsync(1_000);
        }
        // Liveness: unless the link was lost or closed, the next command goes through at once.
        const linkLost = sent.some(
          (s) =>
            s.outcome &&
            !s.outcome.ok &&
            ['CARD_REMOVED', 'READER_GONE'].includes((s.outcome.error as TransportError).code),
        );
        if (!linkLost && removedAt === undefined && closing === undefined) {
          reader.refuseNext = false;
          // Calls abandoned by a timeout or abort may still be running natively: let them end.
          while (reader.answerOldest(Uint8Array.of(0xff, 0xff, ...SW_OK))) await settleMicrotasks();
          const last = transport.transmit(commandFor(sent.length), { timeoutMs: 60_000 });
          await settleMicrotasks();
          expect(reader.inFlight.length, 'the next command did not reach the binding').toBe(1);
          reader.answerOldest(Uint8Array.of(sent.length >> 8, sent.length & 0xff, ...SW_OK));
          const response = await last;
          expect((response[0]! << 8) | response[1]!).toBe(sent.length);
        }
        if (closeAtEnd) closing ??= transport.close();
        if (closing !== undefined) {
          await vi.advanceTimersByTimeAsync(15_000);
          await closing;
          await expect(transport.transmit(commandFor(9999))).rejects.toMatchObject({ code: 'TRANSPORT_CLOSED' });
        }
        if (closedAt !== undefined) {
          // close() lets a running command finish but starts no other.
          expect(reader.transmitted.length).toBe(closedAt);
        }

        // Every command settled, with its own answer or a TransportError.
        for (const s of sent) {
          expect(s.outcome, `command ${s.id} never settled`).toBeDefined();
          if (s.outcome!.ok) {
            const r = s.outcome!.response;
            expect((r[0]! << 8) | r[1]!, `command ${s.id} got another command's answer`).toBe(s.id);
            expect([...r.subarray(2)]).toEqual(SW_OK);
            seen.answered++;
          } else {
            expect(s.outcome!.error).toBeInstanceOf(TransportError);
            seen.codes.add((s.outcome!.error as TransportError).code);
          }
        }
        expect(reader.maxInFlight).toBeLessThanOrEqual(1);
        // Commands reached the binding in send order, each at most once.
        const order = reader.transmitted.map(idOf).filter((id) => id < sent.length);
        expect(order).toEqual([...order].sort((x, y) => x - y));
        expect(new Set(order).size).toBe(order.length);
        if (removedAt !== undefined) {
          // Nothing new reached the card after it left; everything still open then was refused.
          expect(reader.transmitted.length).toBe(removedAt);
          const afterRemoval = sent.filter((s) => !order.includes(s.id) || order.indexOf(s.id) >= removedAt!);
          for (const s of afterRemoval) {
            expect(s.outcome!.ok).toBe(false);
          }
        }
      }),
      { numRuns: process.env.ONSHIKIT_SLOW ? 2_000 : 200 },
    );
    // The runs did reach every outcome (a property that never answers proves nothing).
    expect(seen.answered).toBeGreaterThan(50);
    expect([...seen.codes].sort()).toEqual(
      expect.arrayContaining(['ABORTED', 'CARD_REMOVED', 'READER_GONE', 'TIMEOUT', 'TRANSPORT_CLOSED']),
    );
  }, 300_000);
});
