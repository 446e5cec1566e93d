/**
 * `@onshikit/reader-ble/acr1255`: the ACS ACR1255U-J1 protocol itself: its GATT layouts and
 * factory master key, the frame and message codec (`encodeFrame`, `FrameAssembler`,
 * `encodeMessage`, `decodeMessage`), the mutual authentication and session encryption
 * (`SecureChannel`, AES-128-CBC), the command and response opcodes, escape commands and
 * hardware error codes, and the firmware and command-block rules.
 *
 * The rule for this entry: a name is here when only code that speaks the reader's wire protocol
 * needs it: a test or bench of the codec, a simulated reader, a protocol analyser. An
 * application connects a reader with `connectBleReader` and `acr1255uj1Profile()` from the root
 * entry (its `gatt` is the layout the adapters scan for) and never needs these.
 * @module
 */
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
export { aesCbcEncrypt, aesCbcDecrypt } from './aes.js';
export { commandBlocks, firmwareMajorRevision, firmwareAllowsExtendedApdus } from './acr1255/session.js';
export type { CommandBlock } from './acr1255/session.js';
