/**
 * `@onshikit/eligibility`: what a rececon vendor's application uses for the オンライン資格確認
 * reception: the workflow (`ReceptionWorkflow`, its events, states and messages), the eligibility
 * service (`HttpEligibilityService`) and its query and result model, the store contract
 * (`RececonStore`, `CheckRecord`, …) with `MemoryRececonStore`, settings, 新患登録 and the errors.
 *
 * The rule for this entry: a name is here when an application calls it, holds it or reads it.
 * What only a store adapter needs is in `/store-kit`, the XmlMsg wire layer in `/xml`, test
 * helpers in `/testing` and the Node-only adapters (file link, settings file, operator session)
 * in `/node`. The workflow's transition table stays internal.
 * @module
 */
export { EligibilityError, StoreError, eligibilityErrorMessages, isEligibilityError } from './errors.js';
export type {
  EligibilityDetailValue,
  EligibilityErrorCode,
  EligibilityErrorDetails,
  EligibilityErrorOptions,
  StoreErrorCode,
} from './errors.js';
export type { PinRequest, PinSource } from './ports/pin-source.js';
export { createCallbackPinSource } from './ports/callback-pin-source.js';
export type { PinAnswer, PinPrompt } from './ports/callback-pin-source.js';
export {
  CHECK_OUTCOMES,
  QUALIFICATION_VALIDITY_LABELS,
  isQualificationValidity,
  outcomeOfValidity,
} from './model/codes.js';
export type {
  CharacterCode,
  CheckOutcome,
  PersonalFamilyCode,
  ProcessingResultStatus,
  QualificationValidity,
  ReferenceClassification,
  SegmentOfResult,
  SexCode,
} from './model/codes.js';
export type {
  ElderlyRecipientInfo,
  EligibilityResponse,
  EligibilityResponseHeader,
  EligibilityResult,
  EligibilityResultInput,
  IsoDate,
  LimitApplicationInfo,
} from './model/result.js';
export { ageOn, dayReachingAge, deriveBurdenRatio, isIsoDate, isLateElderlyInsurer } from './model/burden-ratio.js';
export { CERTIFICATE_GRACE_MONTHS, certificateGraceEnd, certificateValidityAt } from './model/certificate-grace.js';
export type { CertificateValidityStatus } from './model/certificate-grace.js';
export type { BurdenRatio, BurdenRatioInput, BurdenRule } from './model/burden-ratio.js';
export { RESULT_FIELD_LIMITS, buildEligibilityResult, validateEligibilityResult } from './model/validate-result.js';
export type {
  AuditAction,
  AuditEntry,
  AuditEntryInput,
  AuditQuery,
  StoredCertificate,
  CheckPage,
  CheckQuery,
  CheckRecord,
  IdentityMode,
  PurgeResult,
  RececonStore,
  SaveCheckResult,
} from './store/types.js';
export { MemoryRececonStore } from './store/memory-store.js';
export type { MemoryRececonStoreOptions } from './store/memory-store.js';
export type {
  CardQuery,
  EligibilityQuery,
  EligibilityService,
  NumbersQuery,
  QueryHeader,
  ServiceCallOptions,
} from './service/types.js';
export { ReceptionWorkflow, CheckHandle } from './workflow/reception-workflow.js';
export type { ReceptionWorkflowOptions, StartCheckOptions, WorkflowSettings } from './workflow/reception-workflow.js';
export { jstDate, toFailure } from './workflow/check-run.js';
export type { DeskSession } from './workflow/check-run.js';
export type {
  AuthCertificateInfo,
  AuthPinInfo,
  CardOperationOptions,
  CardSource,
  PresentedCard,
  WorkflowCard,
} from './workflow/card-port.js';
export type { CheckSummary, WorkflowEvent, WorkflowFailure } from './workflow/events.js';
export { validateManualEntry } from './workflow/manual-entry.js';
export type { ManualEntry } from './workflow/manual-entry.js';
export { PROGRESS_MESSAGES, STATE_MESSAGES, TERMINAL_STATES } from './workflow/states.js';
export type { ProgressStep, WorkflowState } from './workflow/states.js';
export { HttpEligibilityService, errorCodeForStatus } from './service/http-service.js';
export type { HttpEligibilityServiceOptions } from './service/http-service.js';
export { transportCardSource } from './workflow/transport-card-source.js';
export type { ConnectOptions, TransportConnector } from './workflow/transport-card-source.js';
export { AppTextImport, parseAppText } from './model/app-text-import.js';
export type { AppTextImportResult, AppTextOptions } from './model/app-text-import.js';
export { splitSecrets, validateAppSettings } from './settings/app-settings.js';
export type { AppSettings, PublicSettings, SecretSettings } from './settings/app-settings.js';
export { openSettings, sealSettings } from './settings/sealed-settings.js';
export type { KeySource, SealedSettings } from './settings/sealed-settings.js';
export { PatientRegistration } from './registration/patient-registration.js';
export type {
  PatientRegistrationOptions,
  ReadDraftRequest,
  RegistrationCredentialInput,
} from './registration/patient-registration.js';
export { KANA_NOTE, REGISTRATION_ITEMS, buildPatientDraft, splitCardName } from './registration/patient-draft.js';
export type { PatientDraft, RegistrationCredential } from './registration/patient-draft.js';
export type {
  CardBasicInfo,
  InputSupportPinInfo,
  RegistrationCard,
  RegistrationReadOptions,
} from './registration/registration-card.js';
export { encodeVerificationNumberB } from './registration/verification-number-b.js';
export type { VerificationNumberBParts } from './registration/verification-number-b.js';
