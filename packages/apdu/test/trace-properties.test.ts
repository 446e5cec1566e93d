import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApduError, CommandApdu, TransportError, isSecretCommand, toHex, type Transport } from '@onshikit/apdu';
import { RecordingTransport, ReplayTransport, parseTrace } from '@onshikit/apdu/testing';
import { commandFields } from './properties/arbitraries.js';

/** A card that answers each command with the scripted response or link error, in order. */
function scriptedCard(answers: readonly (Uint8Array | 'CARD_REMOVED' | 'TIMEOUT')[]): Transport {
  let i = 0;
  return {
    transmit: async () => {
      const answer = answers[i++]!;
      if (typeof answer === 'string') throw new TransportError(answer);
      return answer;
    },
    async [Symbol.asyncDispose]() {
      await this.close();
    },
    close: async () => {},
  };
}

const small = commandFields.filter((f) => (f.data?.length ?? 0) <= 300).map((f) => new CommandApdu(f).encode());
const pinCommand = fc
  .tuple(fc.constantFrom(0x20, 0x24, 0x2c), fc.uint8Array({ minLength: 1, maxLength: 16 }))
  .map(([ins, pin]) => new CommandApdu({ cla: 0, ins, p1: 0, p2: 0x80, data: pin }).encode());
const session = fc.array(
  fc.tuple(
    fc.oneof({ weight: 4, arbitrary: small }, { weight: 1, arbitrary: pinCommand }),
    fc.oneof(
      { weight: 6, arbitrary: fc.uint8Array({ minLength: 2, maxLength: 40 }) },
      { weight: 1, arbitrary: fc.constantFrom('CARD_REMOVED' as const, 'TIMEOUT' as const) },
    ),
  ),
  { maxLength: 12 },
);

async function play(transport: Transport, commands: readonly Uint8Array[]): Promise<string[]> {
  const out: string[] = [];
  for (const command of commands) {
    try {
      out.push(toHex(await transport.transmit(command)));
    } catch (error) {
      out.push(error instanceof TransportError ? `error:${error.code}` : `other:${(error as ApduError).code}`);
    }
  }
  return out;
}

describe('record/replay properties', () => {
  it('a recorded session replays identically, keeps no PIN data and survives JSON', async () => {
    await fc.assert(
      fc.asyncProperty(session, async (steps) => {
        const commands = steps.map(([c]) => c);
        const recorder = new RecordingTransport(scriptedCard(steps.map(([, a]) => a)));
        const live = await play(recorder, commands);
        const json = recorder.toJSONString();
        const trace = parseTrace(json);
        trace.entries.forEach((entry, i) => {
          if ('reset' in entry) throw new Error('no resets here');
          const secret = isSecretCommand(commands[i]!);
          expect(entry.redacted === true).toBe(secret);
          expect(entry.command).toBe(secret ? toHex(commands[i]!.subarray(0, 4)) : toHex(commands[i]!));
        });
        const replay = new ReplayTransport(json);
        expect(await play(replay, commands)).toEqual(live);
        expect(replay.remaining).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('any changed command fails with REPLAY_MISMATCH at its index, and then keeps failing', async () => {
    await fc.assert(
      fc.asyncProperty(
        session.filter((s) => s.length > 0),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (steps, which, bytePos, flip) => {
          const commands = steps.map(([c]) => c);
          const recorder = new RecordingTransport(scriptedCard(steps.map(([, a]) => a)));
          await play(recorder, commands);
          const index = which % commands.length;
          const original = commands[index]!;
          const changed = original.slice();
          // Redacted commands match on the header only: change a header byte for those.
          const limit = isSecretCommand(original) ? 4 : changed.length;
          changed[bytePos % limit] = changed[bytePos % limit]! ^ flip;
          const replay = new ReplayTransport(recorder.toJSON());
          const result = await play(replay, [...commands.slice(0, index), changed, commands[index]!]);
          expect(result[index]).toBe('other:REPLAY_MISMATCH');
          expect(result[index + 1]).toBe('other:REPLAY_MISMATCH');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('parseTrace accepts or throws TRACE_INVALID for arbitrary JSON-ish input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.jsonValue(),
          fc.record({
            format: fc.constant('onshikit-apdu-trace'),
            version: fc.constant(1),
            recordedAt: fc.string(),
            transport: fc.jsonValue(),
            entries: fc.array(fc.jsonValue(), { maxLength: 3 }),
          }),
        ),
        (input) => {
          try {
            parseTrace(input);
          } catch (error) {
            expect(error).toBeInstanceOf(ApduError);
            expect((error as ApduError).code).toBe('TRACE_INVALID');
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
