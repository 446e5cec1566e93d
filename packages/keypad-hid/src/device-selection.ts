/**
 * Finding the keypad: by vendor/product id (optionally serial number), by hidraw/IOKit path,
 * or by asking the patient/staff to press any key on it (the first keyboard interface that
 * sends a report wins).
 * @module
 */

import { KeypadError } from './errors.js';
import type { HidBackend, HidDeviceHandle, HidDeviceInfo } from './hid-backend.js';
import { isKeyboardInterface } from './hid-backend.js';

/** Which device to read from. */
export type KeypadSelector =
  | { readonly vendorId: number; readonly productId: number; readonly serialNumber?: string }
  | { readonly path: string };

function describe(selector: KeypadSelector): string {
  if ('path' in selector) return `path ${selector.path}`;
  const hex = (n: number): string => n.toString(16).padStart(4, '0');
  return `${hex(selector.vendorId)}:${hex(selector.productId)}${selector.serialNumber === undefined ? '' : ` #${selector.serialNumber}`}`;
}

/**
 * The keyboard interface matching `selector`. A keypad with several interfaces (media keys,
 * vendor page) is narrowed to its keyboard/keypad collection.
 * @throws KeypadError `KEYPAD_NOT_FOUND`
 */
export async function findKeypad(
  backend: HidBackend,
  selector: KeypadSelector,
): Promise<HidDeviceInfo & { path: string }> {
  const all = await backend.devices();
  const match = all.find(
    (info): info is HidDeviceInfo & { path: string } =>
      info.path !== undefined &&
      isKeyboardInterface(info) &&
      ('path' in selector
        ? info.path === selector.path
        : info.vendorId === selector.vendorId &&
          info.productId === selector.productId &&
          (selector.serialNumber === undefined || info.serialNumber === selector.serialNumber)),
  );
  if (match === undefined) throw new KeypadError('KEYPAD_NOT_FOUND', { detail: { selector: describe(selector) } });
  return match;
}

/** Settings of {@link selectKeypadByKeypress}. */
export interface KeypressSelectionOptions {
  /** Give up after this long (default 30 s). */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/**
 * Opens every keyboard-like interface (non-exclusively) and resolves with the first one on
 * which a key goes down; closes them all before resolving. Show "テンキーのいずれかのキーを
 * 押してください" while this runs, then store the selector (vendor/product id or path).
 * @throws KeypadError `KEYPAD_NOT_FOUND` (nothing to listen to), `KEYPAD_TIMEOUT`, `KEYPAD_ABORTED`
 */
export async function selectKeypadByKeypress(
  backend: HidBackend,
  options: KeypressSelectionOptions = {},
): Promise<HidDeviceInfo & { path: string }> {
  if (options.signal?.aborted === true) throw new KeypadError('KEYPAD_ABORTED');
  const candidates = (await backend.devices()).filter(
    (info): info is HidDeviceInfo & { path: string } => info.path !== undefined && isKeyboardInterface(info),
  );
  const opened: { info: HidDeviceInfo & { path: string }; handle: HidDeviceHandle; onData: (r: Uint8Array) => void }[] =
    [];
  let opening: Promise<void>[] = [];
  const timeoutMs = options.timeoutMs ?? 30_000;
  try {
    return await new Promise<HidDeviceInfo & { path: string }>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new KeypadError('KEYPAD_TIMEOUT', { detail: { seconds: timeoutMs / 1000 } })),
        timeoutMs,
      );
      const onAbort = (): void => reject(new KeypadError('KEYPAD_ABORTED'));
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const settle = (): void => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      };
      opening = candidates.map(async (info) => {
        let handle: HidDeviceHandle;
        try {
          handle = await backend.open(info.path, { exclusive: false });
        } catch {
          return; // a device we may not open (permissions, system keyboard on Windows) is not a candidate
        }
        const onData = (report: Uint8Array): void => {
          const keyDown = report.subarray(2).some((usage) => usage > 0x01);
          report.fill(0);
          if (keyDown) {
            settle();
            resolve(info);
          }
        };
        handle.on('data', onData);
        opened.push({ info, handle, onData });
      });
      void Promise.all(opening).then(() => {
        if (opened.length === 0) {
          settle();
          reject(new KeypadError('KEYPAD_NOT_FOUND', { detail: { selector: 'any key press' } }));
        }
      });
    });
  } finally {
    await Promise.allSettled(opening);
    await Promise.all(
      opened.map(async ({ handle, onData }) => {
        handle.removeListener('data', onData);
        // biome-ignore lint/plugin/no-swallowed-rejection: closing a keypad we only listened to; a failure leaves nothing to undo
        await handle.close().catch(() => undefined);
      }),
    );
  }
}
