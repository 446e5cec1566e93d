import { whenReaderIdle } from './native-calls.js';
import { loadPcscLite } from './pcsc-service.js';
import type { PcscLiteContext, PcscLiteReader } from './pcsclite-types.js';
import { TransportError } from '@onshikit/apdu';

/** What a monitor receives from the shared native context. */
export interface HubSubscriber {
  attach(handle: PcscLiteReader): void;
  status(handle: PcscLiteReader, state: number, atr: Buffer | undefined): void;
  detach(name: string): void;
  fail(error: Error): void;
}

/**
 * One PC/SC context per process, shared by every monitor: the binding starts a status thread
 * per reader and context, so sharing keeps one thread per reader however many monitors are
 * open. Monitors lease this context; it is closed natively only when the last lease ends and
 * every reader is idle (the binding's `close()` blocks the event loop while a call runs).
 *
 * Never call the binding reader's `get_status()` here or elsewhere: it is not a query but
 * starts another status thread that overwrites the reader's status context, after which two
 * threads wait on one libpcsclite context while one holds the library's global lock, and
 * every PC/SC call in the process hangs (libpcsclite 1.9.9, seen under gdb).
 */
class NativeHub {
  readonly handles = new Map<string, PcscLiteReader>();
  readonly lastStatus = new Map<string, { state: number; atr: Buffer | undefined }>();
  readonly subscribers = new Set<HubSubscriber>();
  failed = false;

  constructor(readonly context: PcscLiteContext) {
    context.on('reader', (handle) => {
      const name = handle.name;
      this.handles.set(name, handle);
      handle.on('error', () => {
        /* the status thread ends; 'end' follows */
      });
      handle.on('end', () => {
        if (this.handles.get(name) !== handle) return;
        this.handles.delete(name);
        this.lastStatus.delete(name);
        for (const s of [...this.subscribers]) s.detach(name);
      });
      handle.on('status', (status) => {
        this.lastStatus.set(name, { state: status.state, atr: status.atr });
        for (const s of [...this.subscribers]) s.status(handle, status.state, status.atr);
      });
      for (const s of [...this.subscribers]) s.attach(handle);
    });
    context.on('error', (error) => {
      this.failed = true;
      if (current === this) current = undefined;
      for (const s of [...this.subscribers]) s.fail(error);
    });
  }

  join(subscriber: HubSubscriber): void {
    this.subscribers.add(subscriber);
    for (const [name, handle] of this.handles) {
      subscriber.attach(handle);
      const last = this.lastStatus.get(name);
      if (last) subscriber.status(handle, last.state, last.atr);
    }
  }

  async shutdown(): Promise<void> {
    const handles = [...this.handles.values()];
    const idle = await Promise.all(handles.map((h) => whenReaderIdle(h, 10_000)));
    if (idle.some((ok) => !ok)) return; // leave the context rather than freeze the event loop
    for (const handle of handles) {
      handle.removeAllListeners('status');
      try {
        handle.close();
      } catch {
        /* already closed */
      }
    }
    try {
      this.context.close();
    } catch {
      /* already closed */
    }
  }
}

let current: NativeHub | undefined;
let closing: Promise<void> = Promise.resolve();

/** Leases the process-wide context (creating it when needed). */
export async function joinNativeHub(subscriber: HubSubscriber): Promise<NativeHub> {
  if (current && !current.failed) clearTimeout(shutdownTimer);
  await closing;
  if (!current || current.failed) {
    const factory = await loadPcscLite();
    let context: PcscLiteContext;
    try {
      context = factory();
    } catch (error) {
      throw new TransportError('PCSC_UNAVAILABLE', { cause: error });
    }
    current = new NativeHub(context);
  }
  current.join(subscriber);
  return current;
}

/**
 * Quiet time before the context is closed natively after its last lease ends. Closing a
 * reader while its status thread is still reacting to a card event froze the event loop
 * inside libpcsclite 1.9.9; a lease taken in the meantime reuses the context instead.
 */
const SHUTDOWN_GRACE_MS = 3000;
let shutdownTimer: NodeJS.Timeout | undefined;

/** Ends a lease; the context closes once no lease is left for a quiet moment. */
export async function leaveNativeHub(hub: NativeHub, subscriber: HubSubscriber): Promise<void> {
  hub.subscribers.delete(subscriber);
  if (hub.subscribers.size > 0 || hub.failed) return;
  clearTimeout(shutdownTimer);
  shutdownTimer = setTimeout(() => {
    shutdownTimer = undefined;
    if (hub.subscribers.size > 0 || hub.failed) return;
    if (current === hub) current = undefined;
    const done = hub.shutdown();
    closing = closing.then(() => done);
  }, SHUTDOWN_GRACE_MS);
}

export type { NativeHub };
