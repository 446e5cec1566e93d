/**
 * One GATT characteristic, addressed by its service and characteristic UUIDs. UUIDs may be
 * 16-bit short forms (`'fff1'`, `'2a19'`) or full 128-bit strings; compare them with
 * {@link sameUuid}.
 */
export interface GattCharacteristicRef {
  readonly service: string;
  readonly characteristic: string;
}

/** Options for one {@link GattPipe.write}. */
export interface GattWriteOptions {
  /** ATT Write Request (acknowledged) instead of Write Command. Default: the profile decides. */
  withResponse?: boolean;
}

/** Why a GATT link ended (free text from the stack; `'closed'` when we closed it ourselves). */
export type GattDisconnectReason = string;

/**
 * The minimal thing a BLE stack must give the reader layer: writes to a characteristic,
 * notifications from one, the negotiated MTU, and disconnect events. Adapters exist for
 * `@stoprocent/noble` (`@onshikit/reader-ble/noble`) and Web Bluetooth
 * (`@onshikit/reader-ble/web-bluetooth`); a React Native or Capacitor app writes its own
 * in about 20 lines (see the README).
 */
export interface GattPipe {
  /** Largest value one write or notification carries: negotiated ATT_MTU − 3 (20 at the BLE 4.0 default MTU of 23). */
  readonly maxWriteLength: number;
  /** False once the link dropped or {@link GattPipe.disconnect} was called. */
  readonly connected: boolean;
  /** Writes one chunk (at most {@link GattPipe.maxWriteLength} bytes). */
  write(target: GattCharacteristicRef, chunk: Uint8Array, options?: GattWriteOptions): Promise<void>;
  /** Enables notifications and calls `listener` for each; resolves with an unsubscribe function. */
  subscribe(target: GattCharacteristicRef, listener: (chunk: Uint8Array) => void): Promise<() => void>;
  /** Reads a characteristic value, when the stack supports reads. */
  read?(target: GattCharacteristicRef): Promise<Uint8Array>;
  /** True when the connected device exposes this characteristic (optional characteristics such as battery). */
  has?(target: GattCharacteristicRef): boolean;
  /** Calls `listener` once when the link ends; returns a function that removes it. */
  onDisconnect(listener: (reason: GattDisconnectReason) => void): () => void;
  /** Ends the link. Idempotent. */
  disconnect(): Promise<void>;
}

/** The GATT layout a reader profile uses; adapters discover exactly these. */
export interface GattLayout {
  /** Primary service carrying the command/response characteristics. */
  readonly service: string;
  /** Host → reader characteristic. */
  readonly command: GattCharacteristicRef;
  /** Reader → host characteristic (notifications). */
  readonly response: GattCharacteristicRef;
  /** Optional standard Battery Level characteristic (0x2A19 in service 0x180F). */
  readonly battery?: GattCharacteristicRef;
  /** Whether command writes use ATT Write Request. */
  readonly writeWithResponse: boolean;
  /** Other layouts the same reader model may expose (e.g. older firmware); adapters discover any of them. */
  readonly alternatives?: readonly GattLayout[];
}

/** The layout and its alternatives, primary first. */
export function gattLayouts(gatt: GattLayout): GattLayout[] {
  return [gatt, ...(gatt.alternatives ?? [])];
}

/**
 * The layout a connected pipe exposes: the first whose command and response characteristics
 * the pipe has (a pipe without `has` is taken to expose the primary layout).
 */
export function resolveGattLayout(pipe: GattPipe, gatt: GattLayout): GattLayout {
  if (!pipe.has) return gatt;
  return gattLayouts(gatt).find((l) => pipe.has!(l.command) && pipe.has!(l.response)) ?? gatt;
}

const BLUETOOTH_BASE_SUFFIX = '-0000-1000-8000-00805f9b34fb';

/** Expands a 16- or 32-bit UUID to the 128-bit form and lower-cases it. */
export function normalizeUuid(uuid: string): string {
  const u = uuid.trim().toLowerCase().replace(/^0x/, '');
  if (/^[0-9a-f]{4}$/.test(u)) return `0000${u}${BLUETOOTH_BASE_SUFFIX}`;
  if (/^[0-9a-f]{8}$/.test(u)) return `${u}${BLUETOOTH_BASE_SUFFIX}`;
  if (/^[0-9a-f]{32}$/.test(u))
    return `${u.slice(0, 8)}-${u.slice(8, 12)}-${u.slice(12, 16)}-${u.slice(16, 20)}-${u.slice(20)}`;
  return u;
}

/** True when two UUID strings name the same attribute. */
export function sameUuid(a: string, b: string): boolean {
  return normalizeUuid(a) === normalizeUuid(b);
}

/** True when two characteristic references name the same characteristic. */
export function sameCharacteristic(a: GattCharacteristicRef, b: GattCharacteristicRef): boolean {
  return sameUuid(a.service, b.service) && sameUuid(a.characteristic, b.characteristic);
}

/**
 * Splits bytes into writes of at most `maxWriteLength` bytes (views, no copies). The reader
 * side reassembles them from the frame's own length field, so no extra header is added.
 */
export function splitForMtu(bytes: Uint8Array, maxWriteLength: number): Uint8Array[] {
  const size = Math.max(1, Math.floor(maxWriteLength));
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, Math.min(at + size, bytes.length)));
  return chunks;
}
