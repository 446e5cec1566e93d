/**
 * `--reader ble-sim`: the patient's virtual card sits on a simulated ACS ACR1255U-J1 and every
 * APDU crosses the BLE profile (framing, AES session, MTU-sized writes), as with an iPad's reader.
 * `--reader ble`: a real ACR1255U-J1 through noble (Node needs a Bluetooth adapter).
 */
import type { Transport } from '@onshikit/apdu';
import { transportCardSource, type CardSource } from '@onshikit/eligibility';
import { acr1255uj1Profile, connectBleReader, type BleReader } from '@onshikit/reader-ble';
import { SimulatedBleReader } from '@onshikit/simulator';
import type { SimulatedReaderSlot } from './sim-reader.js';

/** A transport whose close also disconnects the BLE reader it came from. */
function closingReader(transport: Transport, reader: BleReader): Transport {
  return {
    transmit: (command, options) => transport.transmit(command, options),
    ...(transport.reset
      ? { reset: (options?: Parameters<NonNullable<Transport['reset']>>[0]) => transport.reset!(options) }
      : {}),
    ...(transport.maxCommandLength === undefined ? {} : { maxCommandLength: transport.maxCommandLength }),
    ...(transport.maxResponseLength === undefined ? {} : { maxResponseLength: transport.maxResponseLength }),
    ...(transport.supportsExtendedLength === undefined
      ? {}
      : { supportsExtendedLength: transport.supportsExtendedLength }),
    async [Symbol.asyncDispose]() {
      await this.close();
    },
    async close() {
      // biome-ignore lint/plugin/no-swallowed-rejection: the reader is closed next whatever the card answered
      await transport.close().catch(() => undefined);
      await reader.close();
    },
  };
}

export function simulatedBleCardSource(slot: SimulatedReaderSlot): CardSource {
  return transportCardSource(async ({ signal }) => {
    const card = await slot.waitForCard({ signal });
    const simulated = new SimulatedBleReader({ card });
    const reader = await connectBleReader({ pipe: simulated.connect(), profile: acr1255uj1Profile(), signal });
    return closingReader(await reader.waitForCard({ signal }), reader);
  });
}

export function nobleBleCardSource(): CardSource {
  return transportCardSource(async ({ signal }) => {
    const { connectNoblePipe } = await import('@onshikit/reader-ble/noble');
    const profile = acr1255uj1Profile();
    const pipe = await connectNoblePipe({ gatt: profile.gatt, namePrefix: 'ACR1255U-J1', timeoutMs: 20_000 });
    const reader = await connectBleReader({ pipe, profile, signal });
    return closingReader(await reader.waitForCard({ signal }), reader);
  });
}
