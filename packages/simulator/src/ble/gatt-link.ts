/**
 * The GATT link the simulated BLE reader offers a host, in the simulator's own words. The
 * simulator stands in for the reader adapters, so it never imports them: these shapes are
 * structural, and a host such as `@onshikit/reader-ble` takes a {@link SimulatedGattCentral}
 * where it expects its `GattPipe` (a reader-ble test assigns one to the other, so a change on
 * either side fails its type check).
 */

/** One GATT characteristic, addressed by its service and characteristic UUIDs (16-bit or 128-bit forms). */
export interface SimulatedGattCharacteristic {
  readonly service: string;
  readonly characteristic: string;
}

/** Options for one {@link SimulatedGattCentral.write}. */
export interface SimulatedGattWriteOptions {
  /** ATT Write Request (the call resolves once the peripheral got the chunk) instead of Write Command. */
  withResponse?: boolean;
}

/**
 * The central's end of a simulated GATT link: what a BLE stack gives a host (writes, notifications,
 * reads, the negotiated MTU, disconnect events).
 */
export interface SimulatedGattCentral {
  /** Largest value one write or notification carries: ATT_MTU − 3. */
  readonly maxWriteLength: number;
  /** False once the link dropped or {@link SimulatedGattCentral.disconnect} was called. */
  readonly connected: boolean;
  /** Writes one chunk (at most {@link SimulatedGattCentral.maxWriteLength} bytes). */
  write(target: SimulatedGattCharacteristic, chunk: Uint8Array, options?: SimulatedGattWriteOptions): Promise<void>;
  /** Enables notifications and calls `listener` for each; resolves with an unsubscribe function. */
  subscribe(target: SimulatedGattCharacteristic, listener: (chunk: Uint8Array) => void): Promise<() => void>;
  /** Reads a characteristic value (the battery level); rejects where the peripheral does not permit it. */
  read(target: SimulatedGattCharacteristic): Promise<Uint8Array>;
  /** True when the peripheral exposes this characteristic. */
  has(target: SimulatedGattCharacteristic): boolean;
  /** Calls `listener` once when the link ends, with the reason; returns a function that removes it. */
  onDisconnect(listener: (reason: string) => void): () => void;
  /** Ends the link. Idempotent. */
  disconnect(): Promise<void>;
}

const BLUETOOTH_BASE_SUFFIX = '-0000-1000-8000-00805f9b34fb';

/**
 * A UUID in its 128-bit lower-case form: 16- and 32-bit SIG forms (with or without `0x`) expanded
 * on the Bluetooth Base UUID (Core Specification Vol 3 Part B §2.5.1), 32 bare hex digits dashed.
 */
export function fullUuid(uuid: string): string {
  const u = uuid.trim().toLowerCase().replace(/^0x/, '');
  if (/^[0-9a-f]{4}$/.test(u)) return `0000${u}${BLUETOOTH_BASE_SUFFIX}`;
  if (/^[0-9a-f]{8}$/.test(u)) return `${u}${BLUETOOTH_BASE_SUFFIX}`;
  if (/^[0-9a-f]{32}$/.test(u))
    return `${u.slice(0, 8)}-${u.slice(8, 12)}-${u.slice(12, 16)}-${u.slice(16, 20)}-${u.slice(20)}`;
  return u;
}

/** A key naming one characteristic whatever UUID forms it was written with. */
export function characteristicKey(target: SimulatedGattCharacteristic): string {
  return `${fullUuid(target.service)}/${fullUuid(target.characteristic)}`;
}
