import { fromHex, TransportError } from '@onshikit/apdu';
import { CountingTransport, RecordingTransport, ReplayTransport } from '@onshikit/apdu/testing';
import { describe, expect, it } from 'vitest';
import { ScriptedTransport } from './helpers/scripted-transport.js';

const SELECT = '00A4040C';

describe('await using on the transport wrappers (Transport is AsyncDisposable)', () => {
  it('RecordingTransport closes the wrapped transport when the block ends', async () => {
    const inner = new ScriptedTransport([[SELECT, '9000']]);
    let trace: string;
    {
      await using recorder = new RecordingTransport(inner);
      await recorder.transmit(fromHex(SELECT));
      trace = recorder.toJSONString();
      expect(inner.closed).toBe(false);
    }
    expect(inner.closed).toBe(true);

    // The recorded trace replays, and the replay is closed by the block too.
    let replayed: ReplayTransport;
    {
      await using replay = new ReplayTransport(trace);
      replayed = replay;
      expect(await replay.transmit(fromHex(SELECT))).toEqual(fromHex('9000'));
    }
    await expect(replayed.transmit(fromHex(SELECT))).rejects.toMatchObject({ code: 'TRANSPORT_CLOSED' });
  });

  it('CountingTransport closes the wrapped transport when the block throws', async () => {
    const inner = new ScriptedTransport([[SELECT, new TransportError('CARD_REMOVED')]]);
    const run = async (): Promise<void> => {
      await using counter = new CountingTransport(inner);
      await counter.transmit(fromHex(SELECT));
    };
    await expect(run()).rejects.toMatchObject({ code: 'CARD_REMOVED' });
    expect(inner.closed).toBe(true);
  });

  it('disposing is closing: both are idempotent on every wrapper', async () => {
    const inner = new ScriptedTransport([]);
    const wrappers = [new RecordingTransport(inner), new CountingTransport(inner)];
    for (const wrapper of wrappers) {
      await wrapper[Symbol.asyncDispose]();
      await wrapper.close();
    }
    expect(inner.closed).toBe(true);
  });
});
