import { EventEmitter } from 'node:events';
import { TransportError, toHex } from '@onshikit/apdu';
import {
  acr1255uj1Profile,
  connectBleReader,
  sameCharacteristic,
  type GattCharacteristicRef,
  type GattPipe,
} from '@onshikit/reader-ble';
import { ACR1255_GATT } from '@onshikit/reader-ble/acr1255';
import {
  connectNoblePipe,
  toNobleUuid,
  type NobleCharacteristic,
  type NobleLike,
  type NoblePeripheral,
} from '@onshikit/reader-ble/noble';
import {
  connectWebBluetoothPipe,
  type WebBluetooth,
  type WebBluetoothCharacteristic,
  type WebBluetoothDevice,
} from '@onshikit/reader-ble/web-bluetooth';
import { EchoCard, SimulatedBleReader } from '@onshikit/simulator';
import { describe, expect, it } from 'vitest';

const currentRefs: GattCharacteristicRef[] = [ACR1255_GATT.command, ACR1255_GATT.response, ACR1255_GATT.battery!];
const refsOf = (sim: SimulatedBleReader): GattCharacteristicRef[] => [
  sim.gatt.command,
  sim.gatt.response,
  sim.gatt.battery,
];

/** A fake of noble's shapes whose one peripheral is the simulated reader (exposing `refs`). */
function fakeNoble(central: GattPipe, state = 'poweredOn', refs: GattCharacteristicRef[] = currentRefs): NobleLike {
  const noble = new EventEmitter() as EventEmitter & {
    state: string;
    startScanningAsync(): Promise<void>;
    stopScanningAsync(): Promise<void>;
  };
  noble.state = state;
  const peripheral = Object.assign(new EventEmitter(), {
    id: 'sim-1',
    address: 'aa:bb:cc:dd:ee:ff',
    mtu: central.maxWriteLength + 3,
    advertisement: { localName: 'ACR1255U-J1-SIM', serviceUuids: [toNobleUuid(refs[0]!.service)] },
    async connectAsync() {},
    async disconnectAsync() {
      await central.disconnect();
    },
    async discoverSomeServicesAndCharacteristicsAsync(_services: string[], uuids: string[]) {
      const characteristics = refs
        .filter((r) => uuids.includes(toNobleUuid(r.characteristic)))
        .map((ref) => {
          const c = Object.assign(new EventEmitter(), {
            uuid: toNobleUuid(ref.characteristic),
            writeAsync: (data: Uint8Array, withoutResponse: boolean) =>
              central.write(ref, data, { withResponse: !withoutResponse }),
            readAsync: () => central.read!(ref),
            async subscribeAsync() {
              await central.subscribe(ref, (chunk) => c.emit('data', Buffer.from(chunk), true));
            },
            async unsubscribeAsync() {},
          });
          return c as unknown as NobleCharacteristic;
        });
      return { characteristics };
    },
  });
  central.onDisconnect((reason) => peripheral.emit('disconnect', reason));
  noble.startScanningAsync = async () => {
    setTimeout(() => noble.emit('discover', peripheral as unknown as NoblePeripheral), 1);
  };
  noble.stopScanningAsync = async () => undefined;
  return noble as unknown as NobleLike;
}

/** A fake `navigator.bluetooth` following the Web Bluetooth spec shapes, backed by the simulated reader. */
function fakeWebBluetooth(
  central: GattPipe,
  options: { available?: boolean; cancel?: boolean } = {},
  refs: GattCharacteristicRef[] = currentRefs,
): WebBluetooth & { requested: unknown[] } {
  const requested: unknown[] = [];
  const deviceEvents = new EventTarget();
  const characteristic = (ref: GattCharacteristicRef): WebBluetoothCharacteristic => {
    const target = new EventTarget() as EventTarget & { value: DataView | null };
    target.value = null;
    return Object.assign(target, {
      async readValue() {
        const v = await central.read!(ref);
        return new DataView(v.buffer, v.byteOffset, v.byteLength);
      },
      writeValueWithResponse: (value: BufferSource) =>
        central.write(ref, new Uint8Array(value as ArrayBuffer), { withResponse: true }),
      writeValueWithoutResponse: (value: BufferSource) =>
        central.write(ref, new Uint8Array(value as ArrayBuffer), { withResponse: false }),
      async startNotifications() {
        await central.subscribe(ref, (chunk) => {
          target.value = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
          target.dispatchEvent(new Event('characteristicvaluechanged'));
        });
        return target;
      },
      async stopNotifications() {
        return target;
      },
    }) as unknown as WebBluetoothCharacteristic;
  };
  const server = {
    get connected() {
      return central.connected;
    },
    async connect() {
      return server;
    },
    disconnect() {
      void central.disconnect();
    },
    async getPrimaryService(uuid: string) {
      return {
        async getCharacteristic(cuuid: string) {
          const ref = refs.find((r) => sameCharacteristic(r, { service: uuid, characteristic: cuuid }));
          if (!ref) throw Object.assign(new Error('No Characteristics matching UUID'), { name: 'NotFoundError' });
          return characteristic(ref);
        },
      };
    },
  };
  central.onDisconnect(() => deviceEvents.dispatchEvent(new Event('gattserverdisconnected')));
  const device = Object.assign(deviceEvents, {
    id: 'web-1',
    name: 'ACR1255U-J1-SIM',
    gatt: server,
  }) as unknown as WebBluetoothDevice;
  return {
    requested,
    async getAvailability() {
      return options.available ?? true;
    },
    async requestDevice(request) {
      requested.push(request);
      if (options.cancel)
        throw Object.assign(new Error('User cancelled the requestDevice() chooser.'), { name: 'NotFoundError' });
      return device;
    },
  };
}

describe('noble adapter', () => {
  it('with no Bluetooth adapter on this machine gives BLE_UNAVAILABLE quickly, never a hang', async () => {
    const error = await connectNoblePipe({ gatt: ACR1255_GATT, adapterTimeoutMs: 4000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).code).toBe('BLE_UNAVAILABLE');
  });

  it('an adapter that reports unsupported fails at once; one that never powers on times out as BLE_UNAVAILABLE', async () => {
    const sim = new SimulatedBleReader();
    await expect(
      connectNoblePipe({ gatt: ACR1255_GATT, noble: fakeNoble(sim.connect(), 'unsupported') }),
    ).rejects.toMatchObject({ code: 'BLE_UNAVAILABLE' });
    await expect(
      connectNoblePipe({ gatt: ACR1255_GATT, noble: fakeNoble(sim.connect(), 'poweredOff'), adapterTimeoutMs: 20 }),
    ).rejects.toMatchObject({ code: 'BLE_UNAVAILABLE' });
  });

  it('scans, connects and carries the ACR1255U-J1 profile end to end (fake noble over the simulated reader)', async () => {
    const sim = new SimulatedBleReader({ card: new EchoCard(), maxWriteLength: 182, battery: 64 });
    const pipe = await connectNoblePipe({ gatt: ACR1255_GATT, noble: fakeNoble(sim.connect()) });
    expect(pipe.maxWriteLength).toBe(182);
    const reader = await connectBleReader({ pipe, profile: acr1255uj1Profile() });
    const t = await reader.waitForCard();
    expect(toHex(await t.transmit(new Uint8Array([0, 0xee, 0, 0, 2, 0xab, 0xcd])))).toBe('ABCD9000');
    expect(await reader.readBattery()).toBe(64);
    const gone = new Promise((resolve) => reader.on('disconnected', resolve));
    sim.dropLink();
    await gone;
    expect(pipe.connected).toBe(false);
  });

  it('finds a reader with the legacy 0000FFF0/FFF1/FFF2 layout and runs the profile over it', async () => {
    const sim = new SimulatedBleReader({ card: new EchoCard(), gattLayout: 'legacy', battery: 33 });
    const pipe = await connectNoblePipe({
      gatt: ACR1255_GATT,
      noble: fakeNoble(sim.connect(), 'poweredOn', refsOf(sim)),
    });
    const reader = await connectBleReader({ pipe, profile: acr1255uj1Profile() });
    const t = await reader.waitForCard();
    expect(toHex(await t.transmit(new Uint8Array([0, 0xee, 0, 0, 1, 0x5a])))).toBe('5A9000');
    expect(await reader.readBattery()).toBe(33);
    await reader.close();
  });

  it('converts UUIDs to noble form', () => {
    expect(toNobleUuid('2a19')).toBe('2a19');
    expect(toNobleUuid('0000180F-0000-1000-8000-00805F9B34FB')).toBe('180f');
    expect(toNobleUuid(ACR1255_GATT.service)).toBe('3c4afff047833de5a983d348718ef133');
  });
});

describe('Web Bluetooth adapter', () => {
  it('requests the device by service, connects and runs the profile (fake navigator.bluetooth)', async () => {
    const sim = new SimulatedBleReader({ card: new EchoCard(), battery: 50 });
    const bluetooth = fakeWebBluetooth(sim.connect());
    const pipe = await connectWebBluetoothPipe({ gatt: ACR1255_GATT, bluetooth });
    // The chooser offers the current and the legacy service (ACS's SDK recognises both).
    expect(bluetooth.requested[0]).toMatchObject({
      filters: [
        { services: ['3c4afff0-4783-3de5-a983-d348718ef133'] },
        { services: ['0000fff0-0000-1000-8000-00805f9b34fb'] },
      ],
      optionalServices: expect.arrayContaining(['0000180f-0000-1000-8000-00805f9b34fb']),
    });
    const reader = await connectBleReader({ pipe, profile: acr1255uj1Profile() });
    const t = await reader.waitForCard();
    expect(toHex(await t.transmit(new Uint8Array([0, 0xee, 0, 0, 1, 0x42])))).toBe('429000');
    expect(await reader.readBattery()).toBe(50);
    const gone = new Promise<{ reason: string }>((resolve) => reader.on('disconnected', resolve));
    sim.dropLink();
    expect((await gone).reason).toBe('gattserverdisconnected');
  });

  it('falls back to the legacy layout when the current service is absent', async () => {
    const sim = new SimulatedBleReader({ card: new EchoCard(), gattLayout: 'legacy' });
    const pipe = await connectWebBluetoothPipe({
      gatt: ACR1255_GATT,
      bluetooth: fakeWebBluetooth(sim.connect(), {}, refsOf(sim)),
    });
    const reader = await connectBleReader({ pipe, profile: acr1255uj1Profile() });
    const t = await reader.waitForCard();
    expect(toHex(await t.transmit(new Uint8Array([0, 0xee, 0, 0, 1, 0x11])))).toBe('119000');
    expect(await reader.readBattery()).toBe(100);
    await reader.close();
  });

  it('maps a missing API, an unavailable adapter and a cancelled chooser to typed errors', async () => {
    await expect(connectWebBluetoothPipe({ gatt: ACR1255_GATT })).rejects.toMatchObject({ code: 'BLE_UNAVAILABLE' });
    const sim = new SimulatedBleReader();
    await expect(
      connectWebBluetoothPipe({ gatt: ACR1255_GATT, bluetooth: fakeWebBluetooth(sim.connect(), { available: false }) }),
    ).rejects.toMatchObject({ code: 'BLE_UNAVAILABLE' });
    await expect(
      connectWebBluetoothPipe({ gatt: ACR1255_GATT, bluetooth: fakeWebBluetooth(sim.connect(), { cancel: true }) }),
    ).rejects.toMatchObject({ code: 'ABORTED' });
  });
});
