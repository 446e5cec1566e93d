import { TransportError, toHex } from '@onshikit/apdu';
import { MyNumberCard } from '@onshikit/mynumber';
import {
  acr1255uj1Profile,
  connectBleReader,
  normalizeUuid,
  sameCharacteristic,
  type GattCharacteristicRef,
  type GattPipe,
} from '@onshikit/reader-ble';
import { ACR1255_GATT } from '@onshikit/reader-ble/acr1255';
import {
  connectBlePlxPipe,
  fromBase64,
  toBase64,
  type BlePlxDevice,
  type BlePlxError,
  type BlePlxManager,
} from '@onshikit/reader-ble/ble-plx';
import { connectCapacitorBlePipe, type CapacitorBleClient } from '@onshikit/reader-ble/capacitor';
import { cardProfiles, EchoCard, SimulatedBleReader, TEST_PINS, VirtualMyNumberCard } from '@onshikit/simulator';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const refsOf = (sim: SimulatedBleReader): GattCharacteristicRef[] => [
  sim.gatt.command,
  sim.gatt.response,
  sim.gatt.battery,
];

/** What @capacitor-community/bluetooth-le 8.3.0's parseUUID accepts (dist/esm/validators.js): 128-bit strings only. */
function parseUuid(uuid: string): string {
  const u = uuid.toLowerCase();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(u))
    throw new Error(`Invalid UUID format ${u}.`);
  return u;
}

function refFor(refs: GattCharacteristicRef[], service: string, characteristic: string): GattCharacteristicRef {
  const ref = refs.find((r) =>
    sameCharacteristic(r, { service: parseUuid(service), characteristic: parseUuid(characteristic) }),
  );
  if (ref === undefined) throw new Error('Characteristic not found.');
  return ref;
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A fake `BleClient` following @capacitor-community/bluetooth-le 8.3.0, with the simulated reader as its one device. */
function fakeCapacitor(
  central: GattPipe,
  refs: GattCharacteristicRef[],
  options: { cancel?: boolean; noPermission?: boolean; webMtu?: boolean } = {},
) {
  const requests: unknown[] = [];
  let connected: string | undefined;
  const linked = (deviceId: string): void => {
    if (deviceId !== connected || !central.connected) throw new Error('Not connected to device.');
  };
  const client: CapacitorBleClient = {
    async initialize() {
      if (options.noPermission) throw new Error('Permission denied.');
    },
    async requestDevice(request) {
      requests.push(request);
      if (options.cancel) throw new Error('requestDevice cancelled.');
      return { deviceId: 'cap-1', name: 'ACR1255U-J1-SIM' };
    },
    async connect(deviceId, onDisconnect) {
      connected = deviceId;
      central.onDisconnect(() => onDisconnect?.(deviceId));
    },
    async disconnect(deviceId) {
      if (deviceId === connected) await central.disconnect();
    },
    async getServices(deviceId) {
      linked(deviceId);
      const services = [...new Set(refs.map((r) => normalizeUuid(r.service)))];
      return services.map((uuid) => ({
        uuid,
        characteristics: refs
          .filter((r) => normalizeUuid(r.service) === uuid)
          .map((r) => ({ uuid: normalizeUuid(r.characteristic) })),
      }));
    },
    async getMtu(deviceId) {
      if (options.webMtu) throw new Error('getMtu is not available on web.');
      linked(deviceId);
      return central.maxWriteLength + 3;
    },
    async read(deviceId, service, characteristic) {
      linked(deviceId);
      return viewOf(await central.read!(refFor(refs, service, characteristic)));
    },
    async write(deviceId, service, characteristic, value) {
      linked(deviceId);
      await central.write(
        refFor(refs, service, characteristic),
        new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
        { withResponse: true },
      );
    },
    async writeWithoutResponse(deviceId, service, characteristic, value) {
      linked(deviceId);
      await central.write(
        refFor(refs, service, characteristic),
        new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
        { withResponse: false },
      );
    },
    async startNotifications(deviceId, service, characteristic, callback) {
      linked(deviceId);
      await central.subscribe(refFor(refs, service, characteristic), (chunk) => callback(viewOf(chunk.slice())));
    },
    async stopNotifications() {},
  };
  return { client, requests };
}

function bleError(errorCode: number, message: string): BlePlxError {
  return Object.assign(new Error(message), { errorCode, reason: message });
}

/** A fake `BleManager` following react-native-ble-plx 3.5.1, with the simulated reader as its one device. */
function fakeBlePlx(
  central: GattPipe,
  refs: GattCharacteristicRef[],
  options: { state?: string; laterState?: string } = {},
) {
  let state = options.state ?? 'PoweredOn';
  const stateListeners = new Set<(s: string) => void>();
  const scans: (string[] | null)[] = [];
  let connected = false;
  const device: BlePlxDevice = {
    id: 'plx-1',
    name: 'ACR1255U-J1-SIM',
    localName: 'ACR1255U-J1-SIM',
    serviceUUIDs: [normalizeUuid(refs[0]!.service)],
    mtu: central.maxWriteLength + 3,
  };
  const linked = (deviceId: string): void => {
    if (deviceId !== device.id || !connected || !central.connected) throw bleError(205, 'Device is not connected');
  };
  const manager: BlePlxManager = {
    async state() {
      return state;
    },
    onStateChange(listener) {
      stateListeners.add(listener);
      if (options.laterState !== undefined) {
        setTimeout(() => {
          state = options.laterState!;
          for (const l of stateListeners) l(state);
        }, 1);
      }
      return { remove: () => stateListeners.delete(listener) };
    },
    async startDeviceScan(uuids, _options, listener) {
      scans.push(uuids);
      setTimeout(() => {
        listener(null, {
          ...device,
          id: 'other',
          name: 'Headphones',
          localName: 'Headphones',
          serviceUUIDs: ['0000180d-0000-1000-8000-00805f9b34fb'],
        });
        listener(null, device);
      }, 1);
    },
    async stopDeviceScan() {},
    async connectToDevice(deviceId) {
      if (deviceId !== device.id) throw bleError(204, 'Device not found');
      connected = true;
      return device;
    },
    async cancelDeviceConnection(deviceId) {
      linked(deviceId);
      connected = false;
      await central.disconnect();
      return device;
    },
    onDeviceDisconnected(deviceId, listener) {
      let active = true;
      central.onDisconnect(() => {
        if (active && deviceId === device.id) listener(null, device);
      });
      return { remove: () => (active = false) };
    },
    async discoverAllServicesAndCharacteristicsForDevice(deviceId) {
      linked(deviceId);
      return device;
    },
    async servicesForDevice(deviceId) {
      linked(deviceId);
      return [...new Set(refs.map((r) => normalizeUuid(r.service)))].map((uuid) => ({ uuid }));
    },
    async characteristicsForDevice(deviceId, serviceUUID) {
      linked(deviceId);
      return refs
        .filter((r) => normalizeUuid(r.service) === serviceUUID)
        .map((r) => ({ uuid: normalizeUuid(r.characteristic) }));
    },
    async readCharacteristicForDevice(deviceId, service, characteristic) {
      linked(deviceId);
      return { value: toBase64(await central.read!(refFor(refs, service, characteristic))) };
    },
    async writeCharacteristicWithResponseForDevice(deviceId, service, characteristic, value) {
      linked(deviceId);
      await central.write(refFor(refs, service, characteristic), fromBase64(value), { withResponse: true });
      return {};
    },
    async writeCharacteristicWithoutResponseForDevice(deviceId, service, characteristic, value) {
      linked(deviceId);
      await central.write(refFor(refs, service, characteristic), fromBase64(value), { withResponse: false });
      return {};
    },
    monitorCharacteristicForDevice(deviceId, service, characteristic, listener) {
      linked(deviceId);
      let active = true;
      void central.subscribe(refFor(refs, service, characteristic), (chunk) => {
        if (active) listener(null, { value: toBase64(chunk) });
      });
      return {
        remove: () => {
          if (!active) return;
          active = false;
          listener(bleError(2, 'Operation was cancelled'), null); // what 3.5.1 does on remove()
        },
      };
    },
  };
  return { manager, scans };
}

describe('Capacitor adapter (@capacitor-community/bluetooth-le)', () => {
  it('chooses by service, connects at the negotiated MTU and reads a My Number Card through the simulated ACR1255U-J1', async () => {
    const virtual = await VirtualMyNumberCard.create(cardProfiles.standard());
    const sim = new SimulatedBleReader({ card: virtual, maxWriteLength: 182, battery: 71 });
    const { client, requests } = fakeCapacitor(sim.connect(), refsOf(sim));
    const pipe = await connectCapacitorBlePipe({ gatt: ACR1255_GATT, client });
    expect(requests[0]).toMatchObject({
      services: ['3c4afff0-4783-3de5-a983-d348718ef133', '0000fff0-0000-1000-8000-00805f9b34fb'],
    });
    expect(pipe.maxWriteLength).toBe(182);
    const reader = await connectBleReader({ pipe, profile: acr1255uj1Profile() });
    const card = new MyNumberCard(await reader.waitForCard());
    expect((await card.readAuthCertificate()).serialNumber.toLowerCase()).toBe(virtual.authCertificateSerial);
    expect((await card.readBasicInfo(TEST_PINS.inputSupport)).name).toBe(virtual.profile.holder.name);
    expect(await reader.readBattery()).toBe(71);
    const gone = new Promise<{ reason: string }>((resolve) => reader.on('disconnected', resolve));
    sim.dropLink();
    expect((await gone).reason).toBe('disconnected');
    expect(pipe.connected).toBe(false);
  });

  it('finds the legacy layout; without getMtu (web) it writes 20 bytes', async () => {
    const sim = new SimulatedBleReader({ card: new EchoCard(), gattLayout: 'legacy', maxWriteLength: 182 });
    const pipe = await connectCapacitorBlePipe({
      gatt: ACR1255_GATT,
      client: fakeCapacitor(sim.connect(), refsOf(sim), { webMtu: true }).client,
      deviceId: 'cap-1',
    });
    expect(pipe.maxWriteLength).toBe(20);
    const reader = await connectBleReader({ pipe, profile: acr1255uj1Profile() });
    const t = await reader.waitForCard();
    expect(toHex(await t.transmit(new Uint8Array([0, 0xee, 0, 0, 2, 0x12, 0x34])))).toBe('12349000');
    await reader.close();
    expect(pipe.connected).toBe(false);
  });

  it('a closed chooser is ABORTED, no permission is BLE_UNAVAILABLE, a device without the service is PROTOCOL_ERROR', async () => {
    const sim = new SimulatedBleReader();
    await expect(
      connectCapacitorBlePipe({
        gatt: ACR1255_GATT,
        client: fakeCapacitor(sim.connect(), refsOf(sim), { cancel: true }).client,
      }),
    ).rejects.toMatchObject({ code: 'ABORTED' });
    await expect(
      connectCapacitorBlePipe({
        gatt: ACR1255_GATT,
        client: fakeCapacitor(sim.connect(), refsOf(sim), { noPermission: true }).client,
      }),
    ).rejects.toMatchObject({
      code: 'BLE_UNAVAILABLE',
    });
    const other = sim.connect();
    const error = await connectCapacitorBlePipe({
      gatt: ACR1255_GATT,
      client: fakeCapacitor(other, [{ service: '180d', characteristic: '2a37' }]).client,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).code).toBe('PROTOCOL_ERROR');
    expect(other.connected).toBe(false); // the failed connect let the device go
  });
});

describe('React Native adapter (react-native-ble-plx)', () => {
  it('scans by service, skips other devices, connects and reads a My Number Card through the simulated ACR1255U-J1', async () => {
    const virtual = await VirtualMyNumberCard.create(cardProfiles.standard());
    const sim = new SimulatedBleReader({ card: virtual, maxWriteLength: 244, battery: 42 });
    const { manager, scans } = fakeBlePlx(sim.connect(), refsOf(sim));
    const pipe = await connectBlePlxPipe({ gatt: ACR1255_GATT, manager });
    expect(scans[0]).toEqual(['3c4afff0-4783-3de5-a983-d348718ef133', '0000fff0-0000-1000-8000-00805f9b34fb']);
    expect(pipe.maxWriteLength).toBe(244);
    const reader = await connectBleReader({ pipe, profile: acr1255uj1Profile() });
    const card = new MyNumberCard(await reader.waitForCard());
    expect((await card.readAuthCertificate()).serialNumber.toLowerCase()).toBe(virtual.authCertificateSerial);
    expect((await card.readBasicInfoWithVerificationNumber(virtual.verificationNumberB)).address).toBe(
      virtual.profile.holder.address,
    );
    expect(await reader.readBattery()).toBe(42);
    const gone = new Promise<{ reason: string }>((resolve) => reader.on('disconnected', resolve));
    sim.dropLink();
    expect((await gone).reason).toBe('disconnected');
  });

  it('waits for Bluetooth to power on; legacy layout by name; close cancels the connection', async () => {
    const sim = new SimulatedBleReader({ card: new EchoCard(), gattLayout: 'legacy' });
    const central = sim.connect();
    const { manager, scans } = fakeBlePlx(central, refsOf(sim), { state: 'PoweredOff', laterState: 'PoweredOn' });
    const pipe = await connectBlePlxPipe({ gatt: ACR1255_GATT, manager, namePrefix: 'ACR1255U-J1' });
    expect(scans[0]).toBeNull();
    const reader = await connectBleReader({ pipe, profile: acr1255uj1Profile() });
    const t = await reader.waitForCard();
    expect(toHex(await t.transmit(new Uint8Array([0, 0xee, 0, 0, 1, 0x77])))).toBe('779000');
    await reader.close();
    expect(central.connected).toBe(false);
  });

  it('Bluetooth unauthorised or never on is BLE_UNAVAILABLE; a missing service is PROTOCOL_ERROR', async () => {
    const sim = new SimulatedBleReader();
    await expect(
      connectBlePlxPipe({
        gatt: ACR1255_GATT,
        manager: fakeBlePlx(sim.connect(), refsOf(sim), { state: 'Unauthorized' }).manager,
      }),
    ).rejects.toMatchObject({ code: 'BLE_UNAVAILABLE' });
    await expect(
      connectBlePlxPipe({
        gatt: ACR1255_GATT,
        manager: fakeBlePlx(sim.connect(), refsOf(sim), { state: 'PoweredOff' }).manager,
        adapterTimeoutMs: 20,
      }),
    ).rejects.toMatchObject({
      code: 'BLE_UNAVAILABLE',
    });
    const other = sim.connect();
    await expect(
      connectBlePlxPipe({
        gatt: ACR1255_GATT,
        manager: fakeBlePlx(other, [{ service: '180d', characteristic: '2a37' }]).manager,
        deviceId: 'plx-1',
      }),
    ).rejects.toMatchObject({
      code: 'PROTOCOL_ERROR',
    });
    expect(other.connected).toBe(false);
  });

  it('base64 codec round-trips any bytes and matches the platform codec; junk is BLE_FRAME_INVALID (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const text = toBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect([...fromBase64(text)]).toEqual([...bytes]);
      }),
    );
    expect(() => fromBase64('ab$d')).toThrow(TransportError);
    expect(() => fromBase64('abcde')).toThrow(TransportError);
    expect(fromBase64(null)).toEqual(new Uint8Array(0));
  });
});
