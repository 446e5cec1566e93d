/**
 * `@onshikit/reader-ble/capacitor`: a {@link GattPipe} over `@capacitor-community/bluetooth-le`
 * (iOS, Android and the web through one API), the route for an iPad reception app: Safari has no
 * Web Bluetooth, a Capacitor app has CoreBluetooth. The app passes the plugin's `BleClient`; this
 * module imports nothing from it (the app installs the plugin, 8.x; it is not a dependency here).
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

// Structural types of the members we use, as published in @capacitor-community/bluetooth-le 8.3.0
// (dist/esm/bleClient.d.ts and definitions.d.ts). UUIDs there are 128-bit lower-case strings.

/** `BleDevice` (8.3.0), the members we use. */
export interface CapacitorBleDevice {
  readonly deviceId: string;
  readonly name?: string;
}

/** `BleService` (8.3.0), the members we use. */
export interface CapacitorBleService {
  readonly uuid: string;
  readonly characteristics: readonly { readonly uuid: string }[];
}

/** `RequestBleDeviceOptions` (8.3.0), the members we use. */
export interface CapacitorRequestDeviceOptions {
  services?: string[];
  namePrefix?: string;
  optionalServices?: string[];
}

/** `BleClient` of `@capacitor-community/bluetooth-le` (8.3.0), the members we use. */
export interface CapacitorBleClient {
  initialize(options?: { androidNeverForLocation?: boolean }): Promise<void>;
  requestDevice(options?: CapacitorRequestDeviceOptions): Promise<CapacitorBleDevice>;
  connect(deviceId: string, onDisconnect?: (deviceId: string) => void, options?: { timeout?: number }): Promise<void>;
  disconnect(deviceId: string): Promise<void>;
  getServices(deviceId: string): Promise<CapacitorBleService[]>;
  getMtu(deviceId: string): Promise<number>;
  read(deviceId: string, service: string, characteristic: string): Promise<DataView>;
  write(deviceId: string, service: string, characteristic: string, value: DataView): Promise<void>;
  writeWithoutResponse(deviceId: string, service: string, characteristic: string, value: DataView): Promise<void>;
  startNotifications(
    deviceId: string,
    service: string,
    characteristic: string,
    callback: (value: DataView) => void,
  ): Promise<void>;
  stopNotifications(deviceId: string, service: string, characteristic: string): Promise<void>;
}

/** Options for {@link connectCapacitorBlePipe}. */
export interface CapacitorBlePipeOptions {
  /** The profile's GATT layout (`acr1255uj1Profile().gatt`). */
  gatt: GattLayout;
  /** The plugin's `BleClient` (`import { BleClient } from '@capacitor-community/bluetooth-le'`). */
  client: CapacitorBleClient;
  /** A device the app already chose (e.g. remembered from last time); otherwise the plugin's chooser runs. */
  deviceId?: string;
  /** Chooser filter by advertised name (e.g. `'ACR1255U-J1'`); default: the profile's services. */
  namePrefix?: string;
  /** Write size when the platform cannot say the MTU (`getMtu` is not available on the web). Default 20. */
  fallbackMaxWriteLength?: number;
  signal?: AbortSignal;
  /** Budget for initialising, choosing, connecting and discovering. Default 30 000 ms (the user picks a device). */
  timeoutMs?: number;
}

function mapError(error: unknown, stage: 'initialize' | 'choose' | 'link'): TransportError {
  if (error instanceof TransportError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (stage === 'initialize') return new TransportError('BLE_UNAVAILABLE', { cause: error, detail: { stage } });
  // The plugin rejects a closed chooser with "requestDevice cancelled" (iOS/Android) or a DOM NotFoundError (web).
  if (
    stage === 'choose' &&
    /cancel|NotFoundError/i.test(`${message} ${(error as { name?: string } | null)?.name ?? ''}`)
  ) {
    return new TransportError('ABORTED', { cause: error, detail: { stage } });
  }
  if (/not connected|disconnected/i.test(message))
    return new TransportError('READER_GONE', { cause: error, detail: { stage } });
  return new TransportError('TRANSPORT_FAILED', { cause: error, detail: { stage } });
}

function dataView(bytes: Uint8Array): DataView {
  const copy = bytes.slice(); // the bridge may keep the buffer
  return new DataView(copy.buffer, copy.byteOffset, copy.byteLength);
}

function bytesOf(value: DataView): Uint8Array {
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

/**
 * Connects to a reader through `@capacitor-community/bluetooth-le` and returns a {@link GattPipe}
 * for `connectBleReader`. Discovers the profile's current or legacy layout, takes
 * `getMtu() − 3` as the write size, reports link loss through the plugin's `onDisconnect`.
 * Rejects with `BLE_UNAVAILABLE` (no Bluetooth, no permission), `ABORTED` (chooser closed, or
 * `signal`), `TIMEOUT`, `PROTOCOL_ERROR` (the device is not such a reader).
 */
export async function connectCapacitorBlePipe(options: CapacitorBlePipeOptions): Promise<GattPipe> {
  throwIfAborted(options.signal);
  const { client, gatt } = options;
  let deviceId: string | undefined;
  const work = async (): Promise<GattPipe> => {
    await client.initialize().catch((error: unknown) => {
      throw mapError(error, 'initialize');
    });
    const layouts = gattLayouts(gatt);
    const services = [
      ...new Set(
        layouts.flatMap((l) => [normalizeUuid(l.service), ...(l.battery ? [normalizeUuid(l.battery.service)] : [])]),
      ),
    ];
    const id =
      options.deviceId ??
      (
        await client
          .requestDevice(
            options.namePrefix === undefined
              ? { services: layouts.map((l) => normalizeUuid(l.service)), optionalServices: services }
              : { namePrefix: options.namePrefix, optionalServices: services },
          )
          .catch((error: unknown) => {
            throw mapError(error, 'choose');
          })
      ).deviceId;
    const pipe = new CapacitorPipe(client, id);
    await client
      .connect(id, () => pipe.gone('disconnected'))
      .catch((error: unknown) => {
        throw mapError(error, 'link');
      });
    deviceId = id;
    try {
      const found = await client.getServices(id);
      const exposes = (ref: GattCharacteristicRef): boolean =>
        found.some(
          (s) => sameUuid(s.uuid, ref.service) && s.characteristics.some((c) => sameUuid(c.uuid, ref.characteristic)),
        );
      const layout = layouts.find((l) => exposes(l.command) && exposes(l.response));
      if (layout === undefined)
        throw new TransportError('PROTOCOL_ERROR', { detail: { reason: 'reader-service-missing' } });
      pipe.exposed = [
        layout.command,
        layout.response,
        ...(layout.battery && exposes(layout.battery) ? [layout.battery] : []),
      ];
      // getMtu is not available on the web platform: the fallback size is used there.
      // biome-ignore lint/plugin/no-swallowed-rejection: an MTU the platform cannot say is not an error; the safe write size is used
      const mtu = await client.getMtu(id).catch(() => undefined);
      pipe.maxWriteLength = typeof mtu === 'number' && mtu > 3 ? mtu - 3 : (options.fallbackMaxWriteLength ?? 20);
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
    // biome-ignore lint/plugin/no-swallowed-rejection: best-effort cleanup after the error that is rethrown below
    if (deviceId !== undefined) await client.disconnect(deviceId).catch(() => undefined);
    throw mapError(error, 'link');
  }
}

/** The pipe over one connected device. */
class CapacitorPipe implements GattPipe {
  maxWriteLength = 20;
  exposed: GattCharacteristicRef[] = [];
  #open = true;
  readonly #listeners = new Set<(reason: string) => void>();

  constructor(
    private readonly client: CapacitorBleClient,
    private readonly deviceId: string,
  ) {}

  get connected(): boolean {
    return this.#open;
  }

  /** The link ended (the plugin's callback, or our own disconnect). */
  gone(reason: string): void {
    if (!this.#open) return;
    this.#open = false;
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
        await this.client.write(this.deviceId, service, characteristic, dataView(chunk));
      else await this.client.writeWithoutResponse(this.deviceId, service, characteristic, dataView(chunk));
    } catch (error) {
      throw mapError(error, 'link');
    }
  }

  async subscribe(target: GattCharacteristicRef, listener: (chunk: Uint8Array) => void): Promise<() => void> {
    const [service, characteristic] = this.#uuids(target);
    let active = true;
    try {
      await this.client.startNotifications(this.deviceId, service, characteristic, (value) => {
        if (active) listener(bytesOf(value));
      });
    } catch (error) {
      throw mapError(error, 'link');
    }
    return () => {
      active = false;
      // biome-ignore lint/plugin/no-swallowed-rejection: unsubscribing from a link that may be going away; nothing can be done about a failure
      if (this.#open) this.client.stopNotifications(this.deviceId, service, characteristic).catch(() => undefined);
    };
  }

  async read(target: GattCharacteristicRef): Promise<Uint8Array> {
    const [service, characteristic] = this.#uuids(target);
    try {
      return bytesOf(await this.client.read(this.deviceId, service, characteristic));
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
      await this.client.disconnect(this.deviceId);
    } finally {
      this.gone('closed');
    }
  }
}
