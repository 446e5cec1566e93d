import { toHex } from '@onshikit/apdu';
import {
  acr1255uj1Profile,
  connectBleReader,
  normalizeUuid,
  sameCharacteristic,
  type GattCharacteristicRef,
  type GattPipe,
  type GattWriteOptions,
} from '@onshikit/reader-ble';
import {
  EchoCard,
  MemoryGattLink,
  SimulatedBleReader,
  type SimulatedGattCharacteristic,
  type SimulatedGattWriteOptions,
} from '@onshikit/simulator';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// The simulator stands in for a BLE stack and does not import reader-ble: its link is a shape of
// its own. This file proves that shape is a reader-ble GattPipe: the assignments below are checked
// by `tsc` (reader-ble's tsconfig includes test/), and the tests connect a real host through it.

/** Compile time: what the host passes to a pipe method, the simulator's link takes. */
function hostArgumentsFit(
  target: GattCharacteristicRef,
  options: GattWriteOptions,
): [SimulatedGattCharacteristic, SimulatedGattWriteOptions] {
  return [target, options];
}

/** Compile time: the simulated reader's GATT references are reader-ble references. */
function simulatorReferencesFit(sim: SimulatedBleReader): GattCharacteristicRef[] {
  const { command, response, battery } = sim.gatt;
  return [command, response, battery];
}

/** Spellings of one UUID that reader-ble's `normalizeUuid` takes as the same UUID. */
function spellings(uuid: string): fc.Arbitrary<string> {
  const full = normalizeUuid(uuid);
  const forms = [
    full,
    full.toUpperCase(),
    ` ${full} `,
    full.replaceAll('-', ''),
    full.replaceAll('-', '').toUpperCase(),
  ];
  const base = '-0000-1000-8000-00805f9b34fb';
  if (full.endsWith(base) && full.startsWith('0000')) {
    const short = full.slice(4, 8);
    forms.push(short, short.toUpperCase(), `0x${short}`, full.slice(0, 8));
  }
  return fc.constantFrom(...forms);
}

describe("the simulator's GATT link is a reader-ble GattPipe", () => {
  it('SimulatedBleReader.connect() and MemoryGattLink.central are assignable to GattPipe', () => {
    const sim = new SimulatedBleReader({ card: new EchoCard() });
    const pipe: GattPipe = sim.connect();
    const central: GattPipe = new MemoryGattLink().central;
    expect(pipe.connected).toBe(true);
    expect(pipe.maxWriteLength).toBe(20);
    expect(central.connected).toBe(true);
    const command = sim.gatt.command;
    const [target, options] = hostArgumentsFit(command, { withResponse: true });
    expect(target).toBe(command);
    expect(options).toEqual({ withResponse: true });
    expect(simulatorReferencesFit(sim)).toHaveLength(3);
  });

  it('a host connects through it: authentication, card, APDU, battery read and disconnect', async () => {
    const sim = new SimulatedBleReader({ card: new EchoCard(), battery: 73, maxWriteLength: 182 });
    const pipe: GattPipe = sim.connect();
    expect(pipe.maxWriteLength).toBe(182);
    const reader = await connectBleReader({ pipe, profile: acr1255uj1Profile() });
    const transport = await reader.waitForCard();
    expect(toHex(await transport.transmit(new Uint8Array([0x00, 0xee, 0x00, 0x00, 0x02, 0xab, 0xcd])))).toBe(
      'ABCD9000',
    );
    expect(await reader.readBattery()).toBe(73);
    const reasons: string[] = [];
    pipe.onDisconnect((reason) => reasons.push(reason));
    await reader.close();
    expect(pipe.connected).toBe(false);
    expect(reasons).toEqual(['closed']);
  });

  it('property: the link names a characteristic in every spelling reader-ble takes for it, and no other', () => {
    const sim = new SimulatedBleReader({ card: new EchoCard() });
    const pipe: GattPipe = sim.connect();
    const exposed = simulatorReferencesFit(sim);
    const spelled = fc
      .constantFrom(...exposed)
      .chain((ref) => fc.record({ service: spellings(ref.service), characteristic: spellings(ref.characteristic) }));
    const other = fc.record({
      service: fc.oneof(fc.uuid(), fc.stringMatching(/^[0-9a-f]{4}$/)),
      characteristic: fc.oneof(fc.uuid(), fc.stringMatching(/^[0-9a-f]{4}$/)),
    });
    fc.assert(
      fc.property(fc.oneof(spelled, other), (target) => {
        expect(pipe.has?.(target)).toBe(exposed.some((ref) => sameCharacteristic(ref, target)));
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(spelled, (target) => {
        expect(pipe.has?.(target)).toBe(true);
      }),
    );
  });

  it('property: a battery read answers for every spelling of 180F/2A19', async () => {
    const sim = new SimulatedBleReader({ battery: 42 });
    const pipe: GattPipe = sim.connect();
    await fc.assert(
      fc.asyncProperty(spellings('180f'), spellings('2a19'), async (service, characteristic) => {
        expect([...(await pipe.read!({ service, characteristic }))]).toEqual([42]);
      }),
    );
  });
});
