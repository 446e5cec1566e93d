import { TransportError } from '@onshikit/apdu';
import { acr1255uj1Profile, connectBleReader } from '@onshikit/reader-ble';
import { EchoCard, SimulatedBleReader } from '@onshikit/simulator';
import { describe, expect, it } from 'vitest';

async function connect() {
  const sim = new SimulatedBleReader({ card: new EchoCard() });
  return connectBleReader({ pipe: sim.connect(), profile: acr1255uj1Profile() });
}

// The BLE reader's events use the shared @onshikit/apdu/events iterator: the abort behaviour of the
// PC/SC monitor (reject with ABORTED), where it used to end silently or, for a signal aborted
// before the call, wait for ever.
describe('BleReader.events() abort behaviour', () => {
  it('a signal that is already aborted rejects the first next() at once with ABORTED', async () => {
    const reader = await connect();
    const error = await reader
      .events(AbortSignal.abort())
      .next()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).code).toBe('ABORTED');
    await reader.close();
  });

  it('aborting while waiting rejects the pending next() with ABORTED', async () => {
    const reader = await connect();
    const controller = new AbortController();
    const pending = reader.events(controller.signal).next();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
    await reader.close();
  });

  it('after the reader closed, a new iterator ends at once instead of waiting', async () => {
    const reader = await connect();
    await reader.close();
    expect(await reader.events().next()).toEqual({ value: undefined, done: true });
  });
});
