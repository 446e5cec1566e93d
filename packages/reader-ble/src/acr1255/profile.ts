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
   * Pass extended-length APDUs through. Default `false`: the reader's extended-APDU support
   * over BLE is not documented, so the driver uses short APDUs (domain memo pitfall 10).
   */
  extendedLength?: boolean;
}

/**
 * The ACS ACR1255U-J1 profile: §5.4 framing, §5.5 CCID-style messages, §5.7 mutual
 * authentication and AES-128 session encryption, §5.6.5 card notifications, GATT battery level.
 */
export function acr1255uj1Profile(options: Acr1255ProfileOptions = {}): ReaderProfile {
  const masterKey = (options.masterKey ?? ACR1255_DEFAULT_MASTER_KEY).slice();
  if (masterKey.length !== 16) throw new TransportError('BLE_AUTH_FAILED', { detail: { reason: 'master-key-length', length: masterKey.length } });
  return {
    name: 'ACS ACR1255U-J1',
    gatt: ACR1255_GATT,
    async open(pipe: GattPipe, hooks: ProfileHooks, openOptions: ProfileOpenOptions): Promise<ReaderSession> {
      const session = new Acr1255Session(pipe, ACR1255_GATT, hooks, openOptions, { masterKey, extendedLength: options.extendedLength ?? false });
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
