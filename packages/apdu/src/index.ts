/**
 * `@onshikit/apdu`: ISO 7816-4 APDUs (command and response, short and extended), BER-TLV reading
 * and writing, status words, the `Transport` interface every reader adapter implements, and the
 * errors shared by every package (`ApduError`, `TransportError`, the error brand).
 *
 * The rule for this entry: a name is here when a driver, a reader adapter or an application uses
 * it at run time. Test doubles and the trace format are in `/testing`; the event emitter and
 * iterator the reader packages share are in `/events`. Browser-safe, no dependency.
 * @module
 */
export { ApduError, apduErrorMessages } from './errors.js';
export { isOnshikitError, brandError, hasErrorBrand } from './error-brand.js';
export type { OnshikitError } from './error-brand.js';
export type {
  ApduErrorCode,
  ApduErrorDetails,
  ApduErrorOptions,
  ErrorCatalogue,
  LocalizedMessage,
  MessageFactory,
} from './errors.js';
export type { CodesNeedingDetail, DetailOption, ErrorOptionsArg, NoDetail } from './error-detail.js';
export { toHex, fromHex, bytesEqual, concatBytes } from './hex.js';
export type { ToHexOptions } from './hex.js';
export { CommandApdu, SHORT_MAX_LC, SHORT_MAX_LE, EXTENDED_MAX_LC, EXTENDED_MAX_LE } from './command.js';
export type { ApduCase, CommandApduFields } from './command.js';
export { ResponseApdu } from './response.js';
export { describeStatusWord, triesLeftFromStatus, listKnownStatusWords } from './status-words.js';
export type { StatusCategory, StatusWordInfo } from './status-words.js';
export type { Transport, TransmitOptions } from './transport.js';
export { TransportError, transportErrorMessages, throwIfAborted } from './transport-error.js';
export type {
  TransportErrorCode,
  TransportErrorContext,
  TransportErrorDetails,
  TransportErrorOptions,
  TransportSkippedCard,
  TransportWaitContext,
} from './transport-error.js';
export { transmitApdu } from './transmit.js';
export type { TransmitApduOptions } from './transmit.js';
export {
  decodeTlv,
  tlvSequence,
  tlvChildren,
  findTlv,
  requireTlv,
  findChild,
  walkTlv,
  DEFAULT_TLV_MAX_DEPTH,
  MAX_TLV_DEPTH,
} from './tlv.js';
export type { Tlv, TlvOptions } from './tlv.js';
export { encodeTlv, encodeDerLength, MAX_TLV_LENGTH } from './tlv-writer.js';
export { tagToHex, parseTagPath, tagByteLength, assertValidTag } from './tlv-tag.js';
export { derElementLength } from './der.js';
export { isSecretCommand, commandHasData } from './redaction.js';
export { readTlvElement } from './read-element.js';
export type { ReadTlvElementOptions } from './read-element.js';
