export { MyNumberCard } from './card.js';
export type { MyNumberCardOptions, ReadCertificateOptions, SignInput } from './card.js';
export type { OperationOptions } from './channel.js';
export { probeCard } from './probe.js';
export type { CardProbe } from './probe.js';
export { CardError, cardErrorMessages } from './errors.js';
export type { CardErrorCode, CardErrorDetails, CardErrorOptions, CardErrorReason, CardPinTriesCode } from './errors.js';
export type { PinInput, PinState, PinStatus, VerifyOptions } from './pin.js';
export { classifyTokenLabel } from './token.js';
export type { CardDetection, TokenKind } from './token.js';
export { parseCertificate } from './certificate.js';
export type { CertificateSummary, DistinguishedName, DnAttribute, KeyUsage, RsaPublicKey } from './certificate.js';
export { parseBasicInfo, parseYyyymmdd } from './basic-info.js';
export type { BasicInfo, BasicInfoParseOptions, BirthDate, Sex } from './basic-info.js';
export { parseFaceImage } from './face-image.js';
export type { FaceImage } from './face-image.js';
export { digestInfoFor, digestInfoOf } from './digest-info.js';
export type { DigestAlgorithm } from './digest-info.js';
export type { ExtendedLengthLearner, ReadProgress } from './read-file.js';
export {
  JPKI_AID,
  INPUT_SUPPORT_AID,
  CARD_FACE_AID,
  JpkiFile,
  InputSupportFile,
  CardFaceFile,
  AUTH_PIN_MAX_TRIES,
  FORBIDDEN_FILES,
} from './applications.js';
