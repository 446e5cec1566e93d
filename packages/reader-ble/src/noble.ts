import { TransportError, throwIfAborted } from '@onshikit/apdu';
import { withDeadline } from './deadline.js';
import {
  gattLayouts,
  normalizeUuid,
  sameUuid,
  type GattCharacteristicRef,
  type GattLayout,
  type GattPipe,
} from './gatt-pipe.js';

// Structural types for the parts of @stoprocent/noble we use (it is an optional peer dependency,
// loaded lazily, so importing this module never fails when it is missing).

/** A noble characteristic, the members we use. */
export interface NobleCharacteristic {
  readonly uuid: string;
  writeAsync(data: Uint8Array, withoutResponse: boolean): Promise<void>;
  readAsync(): Promise<Uint8Array>;
  subscribeAsync(): Promise<void>;
  unsubscribeAsync(): Promise<void>;
  on(event: 'data', listener: (data: Uint8Array, isNotification: boolean) => void): unknown;
  removeListener(event: 'data', listener: (data: Uint8Array, isNotification: boolean) => void): unknown;
}

/** A noble peripheral, the members we use. */
export interface NoblePeripheral {
  readonly id: string;
  readonly address?: string;
  readonly mtu: number | null;
  readonly advertisement?: { localName?: string; serviceUuids?: string[] };
  connectAsync(): Promise<void>;
  disconnectAsync(): Promise<void>;
  discoverSomeServicesAndCharacteristicsAsync(
    serviceUUIDs: string[],
    characteristicUUIDs: string[],
  ): Promise<{ characteristics: NobleCharacteristic[] }>;
  once(event: 'disconnect', listener: (reason: unknown) => void): unknown;
  removeListener(event: 'disconnect', listener: (reason: unknown) => void): unknown;
}

/** The noble instance, the members we use. */
export interface NobleLike {
  readonly state: string;
  on(event: 'stateChange', listener: (state: string) => void): unknown;
  on(event: 'discover', listener: (peripheral: NoblePeripheral) => void): unknown;
  removeListener(event: 'stateChange' | 'discover', listener: (...args: never[]) => void): unknown;
  startScanningAsync(serviceUUIDs?: string[], allowDuplicates?: boolean): Promise<void>;
  stopScanningAsync(): Promise<void>;
}

/** Options for {@link connectNoblePipe}. */
export interface NoblePipeOptions {
  /** The profile's GATT layout (`acr1255uj1Profile().gatt`). */
  gatt: GattLayout;
  /** Connect to this peripheral id or address; default: the first one advertising the service (or matching `namePrefix`). */
  address?: string;
  /** Match the advertised local name instead of the service UUID (e.g. `'ACR1255U-J1'`). */
  namePrefix?: string;
  /** A noble instance (custom bindings, tests). Default: `import('@stoprocent/noble')`. */
  noble?: NobleLike;
  /** How long to wait for the adapter to power on. Default 3000 ms. */
  adapterTimeoutMs?: number;
  /** Budget for scanning, connecting and discovery. Default 30 000 ms. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** noble's UUID form: lower-case hex without dashes, 16-bit for SIG-assigned ones. */
export function toNobleUuid(uuid: string): string {
  const full = normalizeUuid(uuid).replace(/-/g, '');
  return full.endsWith('00001000800000805f9b34fb') && full.startsWith('0000') ? full.slice(4, 8) : full;
}

async function loadNoble(): Promise<NobleLike> {
  try {
    const specifier = '@stoprocent/noble';
    const mod = (await import(/* @vite-ignore */ specifier)) as { default?: NobleLike } & NobleLike;
    return mod.default ?? mod;
  } catch (error) {
    throw new TransportError('BLE_UNAVAILABLE', { cause: error, detail: { reason: 'noble-not-installed' } });
  }
}

/** Waits until the adapter is powered on; `unsupported`/`unauthorized` or a timeout → `BLE_UNAVAILABLE`, never a hang. */
export async function waitForAdapter(noble: NobleLike, timeoutMs = 3000, signal?: AbortSignal): Promise<void> {
  const fatal = (state: string): boolean => state === 'unsupported' || state === 'unauthorized';
  if (noble.state === 'poweredOn') return;
  if (fatal(noble.state)) throw new TransportError('BLE_UNAVAILABLE', { detail: { state: noble.state } });
  let listener: ((state: string) => void) | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    listener = (state: string): void => {
      if (state === 'poweredOn') resolve();
      else if (fatal(state)) reject(new TransportError('BLE_UNAVAILABLE', { detail: { state } }));
    };
    noble.on('stateChange', listener);
  });
  try {
    await withDeadline(ready, { ...(signal ? { signal } : {}), timeoutMs });
  } catch (error) {
    if (error instanceof TransportError && error.code === 'TIMEOUT')
      throw new TransportError('BLE_UNAVAILABLE', { cause: error, detail: { state: noble.state } });
    throw error;
  } finally {
    if (listener) noble.removeListener('stateChange', listener as (...args: never[]) => void);
  }
}

/**
 * Scans for, connects to and discovers a reader with `@stoprocent/noble` (Node, Electron) and
 * returns a {@link GattPipe}. With no Bluetooth adapter it rejects with `BLE_UNAVAILABLE`
 * within `adapterTimeoutMs`.
 */
export async function connectNoblePipe(options: NoblePipeOptions): Promise<GattPipe> {
  throwIfAborted(options.signal);
  const noble = options.noble ?? (await loadNoble());
  await waitForAdapter(noble, options.adapterTimeoutMs ?? 3000, options.signal);
  const { gatt } = options;
  const layouts = gattLayouts(gatt);
  let onDiscover: ((p: NoblePeripheral) => void) | undefined;
  const found = new Promise<NoblePeripheral>((resolve) => {
    onDiscover = (p: NoblePeripheral): void => {
      const matches = options.address
        ? p.id === options.address || p.address?.toLowerCase() === options.address.toLowerCase()
        : options.namePrefix
          ? (p.advertisement?.localName ?? '').startsWith(options.namePrefix)
          : (p.advertisement?.serviceUuids ?? []).some((u) =>
              layouts.some((l) => sameUuid(u.length === 4 || u.length === 32 ? u : normalizeUuid(u), l.service)),
            );
      if (matches) resolve(p);
    };
    noble.on('discover', onDiscover);
  });
  const budget = { ...(options.signal ? { signal: options.signal } : {}), timeoutMs: options.timeoutMs ?? 30_000 };
  let peripheral: NoblePeripheral;
  try {
    await noble.startScanningAsync(
      options.address || options.namePrefix ? [] : layouts.map((l) => toNobleUuid(l.service)),
      false,
    );
    peripheral = await withDeadline(found, budget);
  } finally {
    if (onDiscover) noble.removeListener('discover', onDiscover as (...args: never[]) => void);
    // biome-ignore lint/plugin/no-swallowed-rejection: scanning stops on every path; a failure to stop leaves nothing to undo
    await noble.stopScanningAsync().catch(() => undefined);
  }
  const refs = layouts.flatMap((l) => [l.command, l.response, ...(l.battery ? [l.battery] : [])]);
  const setup = async (): Promise<NobleCharacteristic[]> => {
    await peripheral.connectAsync();
    const services = [...new Set(refs.map((r) => toNobleUuid(r.service)))];
    const { characteristics } = await peripheral.discoverSomeServicesAndCharacteristicsAsync(
      services,
      refs.map((r) => toNobleUuid(r.characteristic)),
    );
    return characteristics;
  };
  let characteristics: NobleCharacteristic[];
  try {
    characteristics = await withDeadline(setup(), budget);
  } catch (error) {
    // biome-ignore lint/plugin/no-swallowed-rejection: the setup error below is the one to report; the disconnect is best effort
    await peripheral.disconnectAsync().catch(() => undefined);
    if (error instanceof TransportError) throw error;
    throw new TransportError('READER_GONE', { cause: error, detail: { stage: 'connect' } });
  }
  return noblePipe(peripheral, characteristics);
}

/** Wraps an already connected and discovered noble peripheral as a {@link GattPipe}. */
export function noblePipe(peripheral: NoblePeripheral, characteristics: readonly NobleCharacteristic[]): GattPipe {
  const lookup = (ref: GattCharacteristicRef): NobleCharacteristic | undefined =>
    characteristics.find((c) =>
      sameUuid(c.uuid.length === 4 || c.uuid.length === 32 ? c.uuid : normalizeUuid(c.uuid), ref.characteristic),
    );
  const need = (ref: GattCharacteristicRef): NobleCharacteristic => {
    const c = lookup(ref);
    if (!c)
      throw new TransportError('PROTOCOL_ERROR', {
        detail: { reason: 'unknown-characteristic', characteristic: ref.characteristic },
      });
    return c;
  };
  let connected = true;
  const listeners = new Set<(reason: string) => void>();
  const onDisconnect = (reason: unknown): void => {
    connected = false;
    for (const l of [...listeners]) l(String(reason ?? 'disconnected'));
    listeners.clear();
  };
  peripheral.once('disconnect', onDisconnect);
  const fail = (error: unknown): TransportError =>
    error instanceof TransportError
      ? error
      : new TransportError(connected ? 'TRANSPORT_FAILED' : 'READER_GONE', { cause: error });
  return {
    get maxWriteLength() {
      return Math.max(20, (peripheral.mtu ?? 23) - 3);
    },
    get connected() {
      return connected;
    },
    async write(target, chunk, writeOptions) {
      try {
        // noble wants a Buffer; Buffer.from(view) copies, which the stack may keep.
        await need(target).writeAsync(Buffer.from(chunk), !writeOptions?.withResponse);
      } catch (error) {
        throw fail(error);
      }
    },
    async subscribe(target, listener) {
      const c = need(target);
      const handler = (data: Uint8Array): void =>
        listener(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      c.on('data', handler);
      try {
        await c.subscribeAsync();
      } catch (error) {
        c.removeListener('data', handler);
        throw fail(error);
      }
      return () => {
        c.removeListener('data', handler);
        // biome-ignore lint/plugin/no-swallowed-rejection: unsubscribing from a link that is going away; nothing can be done about a failure
        if (connected) c.unsubscribeAsync().catch(() => undefined);
      };
    },
    async read(target) {
      try {
        const data = await need(target).readAsync();
        return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      } catch (error) {
        throw fail(error);
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
      if (!connected) return;
      peripheral.removeListener('disconnect', onDisconnect);
      onDisconnect('closed');
      // biome-ignore lint/plugin/no-swallowed-rejection: the pipe is already reported closed; the radio disconnect is best effort
      await peripheral.disconnectAsync().catch(() => undefined);
    },
  };
}
