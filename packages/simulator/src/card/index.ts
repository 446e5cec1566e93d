export type { SimulatedCard } from './simulated-card.js';
export { VirtualMyNumberCard } from './virtual-card.js';
export type { VirtualPinState, CardPinName } from './virtual-card.js';
export { VirtualCardTransport, createInProcessTransport } from './in-process-transport.js';
export type { InProcessTransportOptions } from './in-process-transport.js';
export { AirTimeMeter, DEFAULT_AIR_TIME_MODEL, airTimeModel, apduTime } from './air-time.js';
export type { AirBitRate, AirTimeModel, ApduTime } from './air-time.js';
export { cardProfiles, CARD_ATRS, TEST_PINS, DEFAULT_BEHAVIOUR, nthBirthdayAfter } from './profiles.js';
export type { ProfileOptions } from './profiles.js';
export type {
  CardProfile,
  CardBehaviour,
  CardData,
  CardFaults,
  CertificateProfile,
  HolderData,
  PinProfile,
  CardSexCode,
  VirtualTokenKind,
} from './profile.js';
export { CardAid, aidBytes } from './aids.js';
export { SimulatorError, simulatorErrorMessages } from './errors.js';
export type { SimulatorErrorCode, SimulatorErrorDetails, SimulatorMessage } from './errors.js';
export { validateCardProfile } from './validate-profile.js';
export type { CardApplicationName } from './aids.js';
export { Sw, respond } from './status-words.js';
export type { ApduLogEntry, ApduListener, FileAccess, FileOperation } from './apdu-log.js';
export {
  TEST_INDIVIDUAL_NUMBER,
  individualNumberCheckDigit,
  hasValidIndividualNumberCheckDigit,
} from './test-individual-number.js';
export { TOKEN_LABELS, tokenInfo } from './token-info.js';
export { prepareCardMaterial, rsaModulus } from './card-material.js';
export type { CardMaterial } from './card-material.js';
export { basicInfoFile, verificationNumberB, VERIFICATION_NUMBER_TRIES } from './build-file-system.js';
export { SHA256_DIGEST_INFO_PREFIX } from './card-signature.js';
export { japaneseEra, eraYymmdd } from './japanese-era.js';
export { JP2_SIGNATURE } from './images.js';
export * from '../pki/index.js';
