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
export * from './acr1255/constants.js';
export { encodeFrame, FrameAssembler, frameError } from './acr1255/frame.js';
export type { FrameFault } from './acr1255/frame.js';
export { encodeMessage, decodeMessage } from './acr1255/message.js';
export type { AcrMessage } from './acr1255/message.js';
export {
  SecureChannel,
  deriveSessionKey,
  hostAnswerChallenge,
  hostVerifyReader,
  readerChallenge,
  readerVerifyHost,
} from './acr1255/secure-channel.js';
export { aesCbcEncrypt, aesCbcDecrypt, randomBytes } from './aes.js';
export { commandBlocks, firmwareMajorRevision, firmwareAllowsExtendedApdus } from './acr1255/session.js';
export type { CommandBlock } from './acr1255/session.js';
