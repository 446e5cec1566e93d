/**
 * `@onshikit/reader-ble/ble-plx`: a {@link GattPipe} over `react-native-ble-plx` (iOS and
 * Android), the route for a React Native reception app on an iPad. The app passes its
 * `BleManager`; this module imports nothing from the library (the app installs it, 3.x; it is not a dependency here) and
 * needs no Node globals (values there are base64 strings; the codec is here).
 * @module
 */
import { TransportError, throwIfAborted } from '@onshikit/apdu';
import { withDeadline } from './deadline.js';
import {
  gattLayouts,
  normalizeUuid,
  sameCharacteristic,
  sameUuid,
  type GattCharacteristicRef,
  type GattLayout,
  type GattPipe,
} from './gatt-pipe.js';

// Structural types of the members we use, as published in react-native-ble-plx 3.5.1
// (src/index.d.ts). UUIDs there are 128-bit lower-case strings; values are base64.

/** `Subscription` (3.5.1). */
export interface BlePlxSubscription {
  remove(): void;
}

/** `Device` (3.5.1), the members we use. */
export interface BlePlxDevice {
  readonly id: string;
  readonly name: string | null;
  readonly localName?: string | null;
  readonly serviceUUIDs?: string[] | null;
  /** The negotiated ATT MTU. */
  readonly mtu: number;
}

/** `BleError` (3.5.1), the members we use. */
export interface BlePlxError extends Error {
  readonly errorCode: number;
  readonly reason?: string | null;
}

/** `BleManager` of `react-native-ble-plx` (3.5.1), the members we use. */
export interface BlePlxManager {
  /** `State`: `'PoweredOn'`, `'PoweredOff'`, `'Unauthorized'`, `'Unsupported'`, `'Resetting'`, `'Unknown'`. */
  state(): Promise<string>;
  onStateChange(listener: (state: string) => void, emitCurrentState?: boolean): BlePlxSubscription;
  startDeviceScan(
    uuids: string[] | null,
    options: { allowDuplicates?: boolean } | null,
    listener: (error: BlePlxError | null, device: BlePlxDevice | null) => void,
  ): Promise<void>;
  stopDeviceScan(): Promise<void>;
  connectToDevice(deviceId: string, options?: { requestMTU?: number; timeout?: number }): Promise<BlePlxDevice>;
  cancelDeviceConnection(deviceId: string): Promise<BlePlxDevice>;
  onDeviceDisconnected(
    deviceId: string,
    listener: (error: BlePlxError | null, device: BlePlxDevice | null) => void,
  ): BlePlxSubscription;
  discoverAllServicesAndCharacteristicsForDevice(deviceId: string): Promise<BlePlxDevice>;
  servicesForDevice(deviceId: string): Promise<{ readonly uuid: string }[]>;
  characteristicsForDevice(deviceId: string, serviceUUID: string): Promise<{ readonly uuid: string }[]>;
  readCharacteristicForDevice(
    deviceId: string,
    serviceUUID: string,
    characteristicUUID: string,
  ): Promise<{ readonly value: string | null }>;
  writeCharacteristicWithResponseForDevice(
    deviceId: string,
    serviceUUID: string,
    characteristicUUID: string,
    base64Value: string,
  ): Promise<unknown>;
  writeCharacteristicWithoutResponseForDevice(
    deviceId: string,
    serviceUUID: string,
    characteristicUUID: string,
    base64Value: string,
  ): Promise<unknown>;
  monitorCharacteristicForDevice(
    deviceId: string,
    serviceUUID: string,
    characteristicUUID: string,
    listener: (error: BlePlxError | null, characteristic: { readonly value: string | null } | null) => void,
  ): BlePlxSubscription;
}

/** Options for {@link connectBlePlxPipe}. */
export interface BlePlxPipeOptions {
  /** The profile's GATT layout (`acr1255uj1Profile().gatt`). */
  gatt: GattLayout;
  /** The app's one `BleManager` (`new BleManager()`; create it once per app). */
  manager: BlePlxManager;
  /** Connect to this device (e.g. remembered from last time); otherwise the first one found by the scan. */
  deviceId?: string;
  /** Scan by advertised name (e.g. `'ACR1255U-J1'`) instead of the profile's service UUIDs. */
  namePrefix?: string;
  /** MTU to ask for on connect (Android; iOS negotiates by itself). Default 247. */
  requestMtu?: number;
  /** How long to wait for Bluetooth to be powered on. Default 3 000 ms. */
  adapterTimeoutMs?: number;
  signal?: AbortSignal;
  /** Budget for scanning, connecting and discovering. Default 30 000 ms. */
  timeoutMs?: number;
}

// ---- base64 (values of react-native-ble-plx), plain TypeScript ------------------------------------

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]));

/** Standard base64 with padding. */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63]! : '=';
  }
  return out;
}

/** Decodes standard base64 (padding optional); anything else is `BLE_FRAME_INVALID`. */
export function fromBase64(text: string | null): Uint8Array {
  const s = (text ?? '').replace(/=+$/, '');
  if (s.length % 4 === 1) throw new TransportError('BLE_FRAME_INVALID', { detail: { reason: 'base64-length' } });
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const c of s) {
    const v = INDEX.get(c);
    if (v === undefined) throw new TransportError('BLE_FRAME_INVALID', { detail: { reason: 'base64-character' } });
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >> bits) & 0xff;
    }
  }
  return out;
}

// ---- the pipe ---------------------------------------------------------------------------

function mapError(error: unknown, stage: 'adapter' | 'scan' | 'link'): TransportError {
  if (error instanceof TransportError) return error;
  const code = (error as { errorCode?: unknown } | null)?.errorCode;
  // BleErrorCode 3.5.1: 2 OperationCancelled, 100-103 BluetoothUnsupported/Unauthorized/PoweredOff/InUnknownState,
  // 201 DeviceDisconnected, 205 DeviceNotConnected.
  if (code === 2) return new TransportError('ABORTED', { cause: error, detail: { stage } });
  if (typeof code === 'number' && code >= 100 && code <= 105)
    return new TransportError('BLE_UNAVAILABLE', { cause: error, detail: { stage, errorCode: code } });
  if (code === 201 || code === 205)
    return new TransportError('READER_GONE', { cause: error, detail: { stage, errorCode: code } });
  return new TransportError('TRANSPORT_FAILED', {
    cause: error,
    detail: { stage, ...(typeof code === 'number' ? { errorCode: code } : {}) },
  });
}

/** Resolves once Bluetooth is powered on; `BLE_UNAVAILABLE` when it is unsupported, unauthorised or stays off. */
async function poweredOn(manager: BlePlxManager, timeoutMs: number): Promise<void> {
  const now = await manager.state();
  if (now === 'PoweredOn') return;
  if (now === 'Unsupported' || now === 'Unauthorized')
    throw new TransportError('BLE_UNAVAILABLE', { detail: { state: now } });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.remove();
      reject(new TransportError('BLE_UNAVAILABLE', { detail: { state: 'not-powered-on' } }));
    }, timeoutMs);
    const sub = manager.onStateChange((state) => {
      if (state === 'PoweredOn' || state === 'Unsupported' || state === 'Unauthorized') {
        clearTimeout(timer);
        sub.remove();
        if (state === 'PoweredOn') resolve();
        else reject(new TransportError('BLE_UNAVAILABLE', { detail: { state } }));
      }
    }, false);
  });
}

/** The first device the scan finds advertising one of `services` (or named `namePrefix…`). */
function scanFor(
  manager: BlePlxManager,
  services: string[],
  namePrefix: string | undefined,
): { found: Promise<string>; stop: () => void } {
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    // biome-ignore lint/plugin/no-swallowed-rejection: stopping a scan that may already be over; nothing depends on it
    manager.stopDeviceScan().catch(() => undefined);
  };
  const found = new Promise<string>((resolve, reject) => {
    manager
      .startDeviceScan(namePrefix === undefined ? services : null, null, (error, device) => {
        if (stopped) return;
        if (error !== null) {
          stop();
          reject(mapError(error, 'scan'));
          return;
        }
        if (device === null) return;
        const name = device.localName ?? device.name ?? '';
        const matches =
          namePrefix === undefined
            ? (device.serviceUUIDs ?? services).some((u) => services.some((s) => sameUuid(u, s)))
            : name.startsWith(namePrefix);
        if (!matches) return;
        stop();
        resolve(device.id);
      })
      .catch((error: unknown) => {
        stop();
        reject(mapError(error, 'scan'));
      });
  });
  return { found, stop };
}

/**
 * Connects to a reader through `react-native-ble-plx` and returns a {@link GattPipe} for
 * `connectBleReader`: waits for Bluetooth, scans for the profile's current or legacy service
 * (or `namePrefix`) unless `deviceId` is given, connects asking for `requestMtu`, discovers the
 * layout, takes `device.mtu − 3` as the write size and reports link loss. Rejects with
 * `BLE_UNAVAILABLE`, `ABORTED`, `TIMEOUT` or `PROTOCOL_ERROR` (not such a reader).
 */
export async function connectBlePlxPipe(options: BlePlxPipeOptions): Promise<GattPipe> {
  throwIfAborted(options.signal);
  const { manager, gatt } = options;
  const layouts = gattLayouts(gatt);
  let scan: { stop: () => void } | undefined;
  let deviceId: string | undefined;
  const work = async (): Promise<GattPipe> => {
    await poweredOn(manager, options.adapterTimeoutMs ?? 3000);
    let id = options.deviceId;
    if (id === undefined) {
      const search = scanFor(
        manager,
        layouts.map((l) => normalizeUuid(l.service)),
        options.namePrefix,
      );
      scan = search;
      id = await search.found;
    }
    const device = await manager
      .connectToDevice(id, { requestMTU: options.requestMtu ?? 247 })
      .catch((error: unknown) => {
        throw mapError(error, 'link');
      });
    deviceId = id;
    const pipe = new BlePlxPipe(manager, id, Math.max(20, (device.mtu ?? 23) - 3));
    try {
      await manager.discoverAllServicesAndCharacteristicsForDevice(id);
      const exposed: GattCharacteristicRef[] = [];
      for (const service of await manager.servicesForDevice(id)) {
        const characteristics = await manager.characteristicsForDevice(id, service.uuid);
        for (const c of characteristics) exposed.push({ service: service.uuid, characteristic: c.uuid });
      }
      const exposes = (ref: GattCharacteristicRef): boolean => exposed.some((e) => sameCharacteristic(e, ref));
      const layout = layouts.find((l) => exposes(l.command) && exposes(l.response));
      if (layout === undefined)
        throw new TransportError('PROTOCOL_ERROR', { detail: { reason: 'reader-service-missing' } });
      pipe.exposed = [
        layout.command,
        layout.response,
        ...(layout.battery && exposes(layout.battery) ? [layout.battery] : []),
      ];
      pipe.watch();
      return pipe;
    } catch (error) {
      throw mapError(error, 'link');
    }
  };
  try {
    return await withDeadline(work(), {
      ...(options.signal ? { signal: options.signal } : {}),
      timeoutMs: options.timeoutMs ?? 30_000,
    });
  } catch (error) {
    scan?.stop();
    // biome-ignore lint/plugin/no-swallowed-rejection: best-effort cleanup after the error that is rethrown below
    if (deviceId !== undefined) await manager.cancelDeviceConnection(deviceId).catch(() => undefined);
    throw mapError(error, 'link');
  }
}

/** The pipe over one connected device. */
class BlePlxPipe implements GattPipe {
  exposed: GattCharacteristicRef[] = [];
  readonly maxWriteLength: number;
  readonly #manager: BlePlxManager;
  readonly #deviceId: string;
  readonly #listeners = new Set<(reason: string) => void>();
  #open = true;
  #watch: BlePlxSubscription | undefined;

  constructor(manager: BlePlxManager, deviceId: string, maxWriteLength: number) {
    this.#manager = manager;
    this.#deviceId = deviceId;
    this.maxWriteLength = maxWriteLength;
  }

  get connected(): boolean {
    return this.#open;
  }

  watch(): void {
    this.#watch = this.#manager.onDeviceDisconnected(this.#deviceId, (error) =>
      this.#gone(error === null ? 'disconnected' : (error.reason ?? error.message)),
    );
  }

  #gone(reason: string): void {
    if (!this.#open) return;
    this.#open = false;
    this.#watch?.remove();
    for (const listener of [...this.#listeners]) listener(reason);
    this.#listeners.clear();
  }

  #uuids(target: GattCharacteristicRef): [string, string] {
    if (!this.has(target))
      throw new TransportError('PROTOCOL_ERROR', {
        detail: { reason: 'unknown-characteristic', characteristic: target.characteristic },
      });
    return [normalizeUuid(target.service), normalizeUuid(target.characteristic)];
  }

  has(target: GattCharacteristicRef): boolean {
    return this.exposed.some((ref) => sameCharacteristic(ref, target));
  }

  async write(target: GattCharacteristicRef, chunk: Uint8Array, options?: { withResponse?: boolean }): Promise<void> {
    const [service, characteristic] = this.#uuids(target);
    try {
      if (options?.withResponse === true)
        await this.#manager.writeCharacteristicWithResponseForDevice(
          this.#deviceId,
          service,
          characteristic,
          toBase64(chunk),
        );
      else
        await this.#manager.writeCharacteristicWithoutResponseForDevice(
          this.#deviceId,
          service,
          characteristic,
          toBase64(chunk),
        );
    } catch (error) {
      throw mapError(error, 'link');
    }
  }

  async subscribe(target: GattCharacteristicRef, listener: (chunk: Uint8Array) => void): Promise<() => void> {
    const [service, characteristic] = this.#uuids(target);
    let active = true;
    const subscription = this.#manager.monitorCharacteristicForDevice(
      this.#deviceId,
      service,
      characteristic,
      (error, value) => {
        // An error ends the monitor (OperationCancelled on remove, DeviceDisconnected on link loss):
        // link loss reaches the reader through onDeviceDisconnected.
        if (!active || error !== null || value === null) return;
        let bytes: Uint8Array;
        try {
          bytes = fromBase64(value.value);
        } catch {
          return; // not base64: no frame to deliver; the reader's response timeout reports it
        }
        listener(bytes);
      },
    );
    return () => {
      active = false;
      subscription.remove();
    };
  }

  async read(target: GattCharacteristicRef): Promise<Uint8Array> {
    const [service, characteristic] = this.#uuids(target);
    try {
      return fromBase64(
        (await this.#manager.readCharacteristicForDevice(this.#deviceId, service, characteristic)).value,
      );
    } catch (error) {
      throw mapError(error, 'link');
    }
  }

  onDisconnect(listener: (reason: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async disconnect(): Promise<void> {
    if (!this.#open) return;
    try {
      await this.#manager.cancelDeviceConnection(this.#deviceId);
    } catch (error) {
      if (mapError(error, 'link').code !== 'READER_GONE') throw mapError(error, 'link');
    } finally {
      this.#gone('closed');
    }
  }
}
