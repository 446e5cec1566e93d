import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { TransportError } from '@onshikit/apdu';
import type { PcscLiteFactory } from './pcsclite-types.js';

/** pcsc-lite's default client socket; `PCSCLITE_CSOCK_NAME` overrides it (as libpcsclite does). */
export function pcscliteSocketPath(): string {
  return process.env.PCSCLITE_CSOCK_NAME ?? '/run/pcscd/pcscd.comm';
}

/** What {@link checkPcscService} found. */
export interface PcscServiceStatus {
  /** True when a PC/SC service answers (or the platform always has one). */
  available: boolean;
  /** Platform the check ran for. */
  platform: NodeJS.Platform;
  /** The pcsc-lite socket checked (Linux and other pcsc-lite platforms). */
  socket?: string;
  /** Why it is unavailable, in English, for logs. */
  reason?: string;
}

function socketAccepts(path: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(path);
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(false);
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
}

/**
 * Checks, without touching the native binding, that PC/SC is there. This matters because the
 * binding's context constructor spins forever while pcsc-lite answers SCARD_E_NO_SERVICE
 * (pokusew/node-pcsclite#55): on pcsc-lite platforms we first check that pcscd's socket
 * accepts a connection. macOS and Windows always have a service (Windows starts SCardSvr on
 * demand).
 */
export async function checkPcscService(options: { timeoutMs?: number } = {}): Promise<PcscServiceStatus> {
  const platform = process.platform;
  if (platform === 'darwin' || platform === 'win32') return { available: true, platform };
  const socket = pcscliteSocketPath();
  if (!existsSync(socket)) {
    return { available: false, platform, socket, reason: `pcscd socket ${socket} does not exist (pcscd not running)` };
  }
  if (!(await socketAccepts(socket, options.timeoutMs ?? 2000))) {
    return { available: false, platform, socket, reason: `pcscd socket ${socket} does not accept connections` };
  }
  return { available: true, platform, socket };
}

let factoryPromise: Promise<PcscLiteFactory> | undefined;

/** Loads the native binding once; a missing or unbuildable binding is PCSC_UNAVAILABLE. */
export function loadPcscLite(): Promise<PcscLiteFactory> {
  factoryPromise ??= import('@pokusew/pcsclite')
    .then((mod: unknown) => {
      const m = mod as { default?: unknown };
      const factory = (typeof m.default === 'function' ? m.default : mod) as PcscLiteFactory;
      if (typeof factory !== 'function') throw new Error('unexpected @pokusew/pcsclite export');
      return factory;
    })
    .catch((error: unknown) => {
      factoryPromise = undefined;
      throw new TransportError('PCSC_UNAVAILABLE', {
        cause: error,
        detail: {
          reason:
            'the PC/SC native binding (@pokusew/pcsclite) could not be loaded; on Linux install libpcsclite-dev and rebuild',
        },
      });
    });
  return factoryPromise;
}

/** What {@link checkPcscBinding} found. */
export type PcscBindingStatus = { readonly loaded: true } | { readonly loaded: false; readonly reason: string };

/**
 * Whether the PC/SC native binding loads in this process. It fails where the install could not
 * compile it (no libpcsclite-dev or compiler) or where it was built for another Node/Electron
 * ABI: a different fix from a stopped PC/SC service, so the doctor tells the two apart.
 */
export async function checkPcscBinding(): Promise<PcscBindingStatus> {
  try {
    await loadPcscLite();
    return { loaded: true };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    return { loaded: false, reason: cause.split('\n')[0] ?? cause };
  }
}

/** Throws `PCSC_UNAVAILABLE` (with the install hint in its messages) when PC/SC is missing. */
export async function assertPcscAvailable(): Promise<void> {
  const status = await checkPcscService();
  if (!status.available) {
    throw new TransportError('PCSC_UNAVAILABLE', { detail: { reason: status.reason, socket: status.socket } });
  }
}
