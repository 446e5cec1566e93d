import { TransportError, throwIfAborted } from '@onshikit/apdu';
import { withDeadline } from './deadline.js';
import {
  gattLayouts,
  normalizeUuid,
  sameCharacteristic,
  type GattCharacteristicRef,
  type GattLayout,
  type GattPipe,
} from './gatt-pipe.js';

// Minimal structural types for the Web Bluetooth API (https://webbluetoothcg.github.io/web-bluetooth/),
// declared here so the package needs no DOM typings and tests can pass a fake.

/** `BluetoothRemoteGATTCharacteristic`, the members we use. */
export interface WebBluetoothCharacteristic {
  readonly value?: DataView | null;
  readValue(): Promise<DataView>;
  writeValueWithResponse?(value: BufferSource): Promise<void>;
  writeValueWithoutResponse?(value: BufferSource): Promise<void>;
  writeValue?(value: BufferSource): Promise<void>;
  startNotifications(): Promise<unknown>;
  stopNotifications?(): Promise<unknown>;
  addEventListener(type: 'characteristicvaluechanged', listener: (event: { target: unknown }) => void): void;
  removeEventListener(type: 'characteristicvaluechanged', listener: (event: { target: unknown }) => void): void;
}

/** `BluetoothRemoteGATTService`, the members we use. */
export interface WebBluetoothService {
  getCharacteristic(uuid: string): Promise<WebBluetoothCharacteristic>;
}

/** `BluetoothRemoteGATTServer`, the members we use. */
export interface WebBluetoothServer {
  readonly connected: boolean;
  connect(): Promise<WebBluetoothServer>;
  disconnect(): void;
  getPrimaryService(uuid: string): Promise<WebBluetoothService>;
}

/** `BluetoothDevice`, the members we use. */
export interface WebBluetoothDevice {
  readonly id: string;
  readonly name?: string | undefined;
  readonly gatt?: WebBluetoothServer | undefined;
  addEventListener(type: 'gattserverdisconnected', listener: () => void): void;
  removeEventListener(type: 'gattserverdisconnected', listener: () => void): void;
}

/** `RequestDeviceOptions`, the members we use. */
export interface WebBluetoothRequestOptions {
  filters?: { services?: string[]; namePrefix?: string }[];
  optionalServices?: string[];
  acceptAllDevices?: boolean;
}

/** `navigator.bluetooth`, the members we use. */
export interface WebBluetooth {
  requestDevice(options: WebBluetoothRequestOptions): Promise<WebBluetoothDevice>;
  getAvailability?(): Promise<boolean>;
}

/** Options for {@link connectWebBluetoothPipe}. */
export interface WebBluetoothPipeOptions {
  /** The profile's GATT layout (`acr1255uj1Profile().gatt`). */
  gatt: GattLayout;
  /** A device the app already chose; otherwise `requestDevice` runs (must be inside a user gesture). */
  device?: WebBluetoothDevice;
  /** Device-chooser filter by name (e.g. `'ACR1255U-J1'`); default: the profile's service. */
  namePrefix?: string;
  /** Default `globalThis.navigator.bluetooth`. */
  bluetooth?: WebBluetooth;
  /**
   * Web Bluetooth does not expose the negotiated MTU; writes are cut to this size.
   * Default 20 (always safe). Chrome negotiates a larger MTU on most platforms: 182 or 244 is
   * usually fine, measure on your devices before raising it.
   */
  maxWriteLength?: number;
  signal?: AbortSignal;
  /** Budget for choosing, connecting and discovering. Default 30 000 ms (the user picks a device). */
  timeoutMs?: number;
}

function mapDomError(error: unknown): TransportError {
  if (error instanceof TransportError) return error;
  const name = (error as { name?: string } | undefined)?.name;
  // NotFoundError: the user closed the chooser or no device matched.
  if (name === 'NotFoundError' || name === 'AbortError')
    return new TransportError('ABORTED', { cause: error, detail: { name } });
  if (name === 'NetworkError') return new TransportError('READER_GONE', { cause: error, detail: { name } });
  if (
    name === 'SecurityError' ||
    name === 'NotSupportedError' ||
    name === 'NotAllowedError' ||
    name === 'InvalidStateError'
  ) {
    return new TransportError('BLE_UNAVAILABLE', { cause: error, detail: { name } });
  }
  return new TransportError('TRANSPORT_FAILED', { cause: error, detail: { name } });
}

function viewOf(value: DataView | null | undefined): Uint8Array {
  return value ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : new Uint8Array(0);
}

/**
 * Connects to a reader with Web Bluetooth (Chrome, Edge; not Safari/iOS) and returns a
 * {@link GattPipe}. No runtime dependency: pass `bluetooth` or run where `navigator.bluetooth` exists.
 * Rejects with `BLE_UNAVAILABLE` when the browser has no Bluetooth, `ABORTED` when the user
 * cancels the chooser.
 */
export async function connectWebBluetoothPipe(options: WebBluetoothPipeOptions): Promise<GattPipe> {
  throwIfAborted(options.signal);
  const bluetooth =
    options.bluetooth ?? (globalThis as { navigator?: { bluetooth?: WebBluetooth } }).navigator?.bluetooth;
  if (!bluetooth) throw new TransportError('BLE_UNAVAILABLE', { detail: { reason: 'no-web-bluetooth' } });
  const { gatt } = options;
  const work = async (): Promise<GattPipe> => {
    if (bluetooth.getAvailability && !(await bluetooth.getAvailability()))
      throw new TransportError('BLE_UNAVAILABLE', { detail: { reason: 'adapter-unavailable' } });
    const layouts = gattLayouts(gatt);
    const services = [
      ...new Set(
        layouts.flatMap((l) => [normalizeUuid(l.service), ...(l.battery ? [normalizeUuid(l.battery.service)] : [])]),
      ),
    ];
    const device =
      options.device ??
      (await bluetooth.requestDevice({
        filters: options.namePrefix
          ? [{ namePrefix: options.namePrefix }]
          : layouts.map((l) => ({ services: [normalizeUuid(l.service)] })),
        optionalServices: services,
      }));
    if (!device.gatt) throw new TransportError('BLE_UNAVAILABLE', { detail: { reason: 'no-gatt' } });
    const server = await device.gatt.connect();
    const characteristics = new Map<GattCharacteristicRef, WebBluetoothCharacteristic>();
    const find = async (ref: GattCharacteristicRef, optional: boolean): Promise<void> => {
      try {
        const service = await server.getPrimaryService(normalizeUuid(ref.service));
        characteristics.set(ref, await service.getCharacteristic(normalizeUuid(ref.characteristic)));
      } catch (error) {
        if (!optional) throw error;
      }
    };
    // The first layout whose command and response characteristics exist (current, then legacy).
    for (const [index, layout] of layouts.entries()) {
      const last = index === layouts.length - 1;
      try {
        await find(layout.command, false);
        await find(layout.response, false);
      } catch (error) {
        characteristics.clear();
        if (last) throw error;
        continue;
      }
      if (layout.battery) await find(layout.battery, true);
      break;
    }
    return webBluetoothPipe(device, server, characteristics, options.maxWriteLength ?? 20);
  };
  try {
    return await withDeadline(work(), {
      ...(options.signal ? { signal: options.signal } : {}),
      timeoutMs: options.timeoutMs ?? 30_000,
    });
  } catch (error) {
    throw mapDomError(error);
  }
}

function webBluetoothPipe(
  device: WebBluetoothDevice,
  server: WebBluetoothServer,
  characteristics: Map<GattCharacteristicRef, WebBluetoothCharacteristic>,
  maxWriteLength: number,
): GattPipe {
  const lookup = (ref: GattCharacteristicRef): WebBluetoothCharacteristic | undefined => {
    for (const [key, value] of characteristics) if (sameCharacteristic(key, ref)) return value;
    return undefined;
  };
  const need = (ref: GattCharacteristicRef): WebBluetoothCharacteristic => {
    const c = lookup(ref);
    if (!c)
      throw new TransportError('PROTOCOL_ERROR', {
        detail: { reason: 'unknown-characteristic', characteristic: ref.characteristic },
      });
    return c;
  };
  let connected = true;
  const listeners = new Set<(reason: string) => void>();
  const onGone = (): void => {
    if (!connected) return;
    connected = false;
    device.removeEventListener('gattserverdisconnected', onGone);
    for (const l of [...listeners]) l('gattserverdisconnected');
    listeners.clear();
  };
  device.addEventListener('gattserverdisconnected', onGone);
  return {
    maxWriteLength,
    get connected() {
      return connected && server.connected;
    },
    async write(target, chunk, writeOptions) {
      const c = need(target);
      // Copy: the stack may keep the buffer, and BufferSource must not be a shared view.
      const value = chunk.slice();
      try {
        if (writeOptions?.withResponse && c.writeValueWithResponse) await c.writeValueWithResponse(value);
        else if (!writeOptions?.withResponse && c.writeValueWithoutResponse) await c.writeValueWithoutResponse(value);
        else if (c.writeValue) await c.writeValue(value);
        else throw new TransportError('BLE_UNAVAILABLE', { detail: { reason: 'no-write' } });
      } catch (error) {
        throw mapDomError(error);
      }
    },
    async subscribe(target, listener) {
      const c = need(target);
      const handler = (event: { target: unknown }): void =>
        listener(viewOf((event.target as WebBluetoothCharacteristic).value));
      c.addEventListener('characteristicvaluechanged', handler);
      try {
        await c.startNotifications();
      } catch (error) {
        c.removeEventListener('characteristicvaluechanged', handler);
        throw mapDomError(error);
      }
      return () => {
        c.removeEventListener('characteristicvaluechanged', handler);
        // biome-ignore lint/plugin/no-swallowed-rejection: unsubscribing from a link that is going away; nothing can be done about a failure
        if (connected) c.stopNotifications?.().catch(() => undefined);
      };
    },
    async read(target) {
      try {
        return viewOf(await need(target).readValue());
      } catch (error) {
        throw mapDomError(error);
      }
    },
    has(target) {
      return lookup(target) !== undefined;
    },
    onDisconnect(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async disconnect() {
      if (server.connected) server.disconnect();
      onGone();
    },
  };
}
