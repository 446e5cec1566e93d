import {
  characteristicKey,
  type SimulatedGattCentral,
  type SimulatedGattCharacteristic,
  type SimulatedGattWriteOptions,
} from './gatt-link.js';

/** Timing and size of a simulated BLE link. */
export interface MemoryGattLinkOptions {
  /** Negotiated ATT_MTU − 3: the largest write/notification value. Default 20 (ATT_MTU 23, BLE 4.0 default). */
  maxWriteLength?: number;
  /**
   * Connection interval in ms (BLE: 7.5 ms minimum). 0 (default) delivers on the next microtask.
   * Each direction sends {@link MemoryGattLinkOptions.packetsPerInterval} packets per interval.
   */
  connectionIntervalMs?: number;
  /** Packets per connection event and direction. Default 1 (a conservative central). */
  packetsPerInterval?: number;
  /** Characteristics the peripheral exposes (for `SimulatedGattCentral.has`). */
  characteristics?: readonly SimulatedGattCharacteristic[];
}

/** Counters of what crossed the simulated air. */
export interface MemoryGattLinkStats {
  writes: number;
  notifications: number;
  bytesToPeripheral: number;
  bytesToCentral: number;
}

type Listener = (chunk: Uint8Array) => void;

/**
 * An in-memory GATT link: `central` is the {@link SimulatedGattCentral} the host uses (a reader-ble `GattPipe`); the peripheral end
 * (`onWrite`, `notify`, `onRead`, `drop`) is driven by a simulated reader. Packets are
 * delivered in order, one direction's packets spaced by the connection interval.
 */
export class MemoryGattLink {
  readonly central: SimulatedGattCentral;
  readonly stats: MemoryGattLinkStats = { writes: 0, notifications: 0, bytesToPeripheral: 0, bytesToCentral: 0 };
  readonly maxWriteLength: number;
  readonly #interval: number;
  readonly #perInterval: number;
  readonly #subscriptions = new Map<string, Set<Listener>>();
  readonly #disconnectListeners = new Set<(reason: string) => void>();
  readonly #timers: { up: ReturnType<typeof setTimeout> | undefined; down: ReturnType<typeof setTimeout> | undefined } =
    { up: undefined, down: undefined };
  readonly #queues: {
    up: { at: number; run: () => void; release: () => void }[];
    down: { at: number; run: () => void; release: () => void }[];
  } = { up: [], down: [] };
  readonly #events = { up: { index: -1, used: 0 }, down: { index: -1, used: 0 } };
  readonly #epoch = performance.now();
  #connected = true;
  #writeHandler: (target: SimulatedGattCharacteristic, chunk: Uint8Array) => void = () => undefined;
  #readHandler: (target: SimulatedGattCharacteristic) => Uint8Array | undefined = () => undefined;

  constructor(options: MemoryGattLinkOptions = {}) {
    this.maxWriteLength = options.maxWriteLength ?? 20;
    this.#interval = options.connectionIntervalMs ?? 0;
    this.#perInterval = Math.max(1, options.packetsPerInterval ?? 1);
    const characteristics = options.characteristics;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const link = this;
    this.central = {
      get maxWriteLength() {
        return link.maxWriteLength;
      },
      get connected() {
        return link.#connected;
      },
      async write(target, chunk, writeOptions?: SimulatedGattWriteOptions) {
        link.#assertConnected();
        if (chunk.length > link.maxWriteLength)
          throw new Error(`GATT write of ${chunk.length} bytes exceeds the negotiated ${link.maxWriteLength}`);
        link.stats.writes++;
        link.stats.bytesToPeripheral += chunk.length;
        const copy = chunk.slice();
        const delivered = link.#schedule('up', () => link.#writeHandler(target, copy));
        if (writeOptions?.withResponse) await delivered;
      },
      async subscribe(target, listener) {
        link.#assertConnected();
        const key = characteristicKey(target);
        let set = link.#subscriptions.get(key);
        if (!set) link.#subscriptions.set(key, (set = new Set()));
        set.add(listener);
        return () => set.delete(listener);
      },
      async read(target) {
        link.#assertConnected();
        const value = link.#readHandler(target);
        if (!value) throw new Error('GATT read not permitted');
        return value.slice();
      },
      has(target) {
        return (
          characteristics === undefined ||
          characteristics.some((c) => characteristicKey(c) === characteristicKey(target))
        );
      },
      onDisconnect(listener) {
        link.#disconnectListeners.add(listener);
        return () => link.#disconnectListeners.delete(listener);
      },
      async disconnect() {
        link.drop('closed');
      },
    };
  }

  /** True until {@link MemoryGattLink.drop}. */
  get connected(): boolean {
    return this.#connected;
  }

  /** Peripheral end: handles every chunk the central writes. */
  onWrite(handler: (target: SimulatedGattCharacteristic, chunk: Uint8Array) => void): void {
    this.#writeHandler = handler;
  }

  /** Peripheral end: answers GATT reads. */
  onRead(handler: (target: SimulatedGattCharacteristic) => Uint8Array | undefined): void {
    this.#readHandler = handler;
  }

  /** True when the central subscribed to `target`. */
  subscribed(target: SimulatedGattCharacteristic): boolean {
    return (this.#subscriptions.get(characteristicKey(target))?.size ?? 0) > 0;
  }

  /** Peripheral end: sends one notification (dropped silently when nobody subscribed, as on air). */
  notify(target: SimulatedGattCharacteristic, chunk: Uint8Array): void {
    if (!this.#connected) return;
    if (chunk.length > this.maxWriteLength)
      throw new Error(`notification of ${chunk.length} bytes exceeds the negotiated ${this.maxWriteLength}`);
    this.stats.notifications++;
    this.stats.bytesToCentral += chunk.length;
    const copy = chunk.slice();
    void this.#schedule('down', () => {
      for (const listener of this.#subscriptions.get(characteristicKey(target)) ?? []) listener(copy);
    });
  }

  /** Ends the link from either side: pending packets are lost, listeners hear `reason`. */
  drop(reason = 'link-lost'): void {
    if (!this.#connected) return;
    this.#connected = false;
    for (const direction of ['up', 'down'] as const) {
      clearTimeout(this.#timers[direction]);
      this.#timers[direction] = undefined;
      for (const item of this.#queues[direction].splice(0)) item.release();
    }
    this.#subscriptions.clear();
    for (const listener of [...this.#disconnectListeners]) listener(reason);
    this.#disconnectListeners.clear();
  }

  #assertConnected(): void {
    if (!this.#connected) throw new Error('GATT link is not connected');
  }

  #schedule(direction: 'up' | 'down', deliver: () => void): Promise<void> {
    return new Promise<void>((resolve) => {
      const run = (): void => {
        if (this.#connected) deliver();
        resolve();
      };
      if (this.#interval <= 0) {
        queueMicrotask(run);
        return;
      }
      // Connection events every interval; each carries up to packetsPerInterval packets per
      // direction. A packet queued now goes in the next event (never the current one).
      const now = performance.now();
      const slot = this.#events[direction];
      const next = Math.floor((now - this.#epoch) / this.#interval) + 1;
      if (slot.index >= next && slot.used < this.#perInterval) slot.used++;
      else {
        slot.index = Math.max(next, slot.index + 1);
        slot.used = 1;
      }
      this.#queues[direction].push({ at: this.#epoch + slot.index * this.#interval, run, release: resolve });
      this.#arm(direction);
    });
  }

  /** One timer per direction drains its FIFO in order (separate timers could fire out of order). */
  #arm(direction: 'up' | 'down'): void {
    const queue = this.#queues[direction];
    if (this.#timers[direction] !== undefined || queue.length === 0) return;
    const delay = Math.max(0, queue[0]!.at - performance.now());
    this.#timers[direction] = setTimeout(() => {
      this.#timers[direction] = undefined;
      const now = performance.now();
      while (queue.length > 0 && queue[0]!.at <= now + 0.5) queue.shift()!.run();
      this.#arm(direction);
    }, delay);
  }
}
