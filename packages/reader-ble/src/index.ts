/**
 * `@onshikit/reader-ble`: what an application needs to use a BLE card reader as a `Transport`:
 * `connectBleReader` with a reader profile (`acr1255uj1Profile`), the reader and its events,
 * `BleCardTransport`, and the `GattPipe` contract with its helpers for writing a pipe or a
 * profile. The pipes for each BLE stack are their own entries (`/noble`, `/web-bluetooth`,
 * `/capacitor`, `/ble-plx`, and `/phone-nfc` for a phone's NFC).
 *
 * The rule for this entry: a name is here when an application, a pipe adapter or a new reader
 * profile uses it. The ACR1255U-J1 wire protocol (frames, the secure channel and its AES, opcodes,
 * escape commands) is in `/acr1255`; the random-bytes helper is internal.
 * @module
 */
export type {
  GattPipe,
  GattCharacteristicRef,
  GattWriteOptions,
  GattDisconnectReason,
  GattLayout,
} from './gatt-pipe.js';
export {
  normalizeUuid,
  sameUuid,
  sameCharacteristic,
  splitForMtu,
  gattLayouts,
  resolveGattLayout,
} from './gatt-pipe.js';
export type { WaitOptions } from './deadline.js';
export { withDeadline } from './deadline.js';
export type { ReaderProfile, ReaderSession, ProfileHooks, ProfileOpenOptions } from './profile.js';
export { connectBleReader, BleReader, BleCardTransport } from './reader.js';
export type { BleReaderEvent, ConnectBleReaderOptions, BleWaitForCardOptions } from './reader.js';
export { acr1255uj1Profile } from './acr1255/profile.js';
export type { Acr1255ProfileOptions } from './acr1255/profile.js';
