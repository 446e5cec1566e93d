import { TransportError } from '@onshikit/apdu';
import type { GattPipe } from '../gatt-pipe.js';
import type { ProfileHooks, ProfileOpenOptions, ReaderProfile, ReaderSession } from '../profile.js';
import { ACR1255_DEFAULT_MASTER_KEY, ACR1255_GATT } from './constants.js';
import { Acr1255Session } from './session.js';

/** Options for {@link acr1255uj1Profile}. */
export interface Acr1255ProfileOptions {
  /** 16-byte Customer Master Key; default: the maker's published default ("ACR1255U-J1 Auth"). */
  masterKey?: Uint8Array;
  /**
   * Let extended-length APDUs through when the reader's firmware allows them. Default `true`,
   * as ACS's Android SDK does: they are enabled only when the firmware version read at
   * connect has a major revision other than 0, 1 or 3 (e.g. `SWV 3.00.05` stays on short
   * APDUs). `false` keeps short APDUs whatever the firmware.
   */
  extendedLength?: boolean;
  /** Auto PPS maximum card speed to set at connect, in kbit/s (up to 848); omitted: leave the reader's setting. */
  autoPpsKbps?: 106 | 212 | 424 | 848;
}

/**
 * The ACS ACR1255U-J1 profile: §5.4 framing, §5.5 CCID-style messages, §5.7 mutual
 * authentication and AES-128 session encryption, card and power-saving notifications, block
 * chaining of long commands and replies, GATT battery level; the current and the legacy GATT
 * layout. Details that follow ACS's Android SDK rather than the manual are listed in the README.
 */
export function acr1255uj1Profile(options: Acr1255ProfileOptions = {}): ReaderProfile {
  const masterKey = (options.masterKey ?? ACR1255_DEFAULT_MASTER_KEY).slice();
  if (masterKey.length !== 16)
    throw new TransportError('BLE_AUTH_FAILED', { detail: { reason: 'master-key-length', length: masterKey.length } });
  return {
    name: 'ACS ACR1255U-J1',
    gatt: ACR1255_GATT,
    async open(pipe: GattPipe, hooks: ProfileHooks, openOptions: ProfileOpenOptions): Promise<ReaderSession> {
      const session = new Acr1255Session(pipe, ACR1255_GATT, hooks, openOptions, {
        masterKey,
        extendedLength: options.extendedLength ?? true,
        ...(options.autoPpsKbps === undefined ? {} : { autoPpsKbps: options.autoPpsKbps }),
      });
      try {
        await session.start(masterKey, openOptions);
      } catch (error) {
        await session.close();
        throw error;
      }
      return session;
    },
  };
}
