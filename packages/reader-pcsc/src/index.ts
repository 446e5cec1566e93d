export { PcscReaderMonitor } from './reader-monitor.js';
export type { ReaderInfo, ReaderMonitorOptions, ReaderEventListener, ReaderErrorListener } from './reader-monitor.js';
export type {
  ReaderEvent,
  ReaderEventMap,
  ReaderEventType,
  ReaderAttachedEvent,
  ReaderDetachedEvent,
  CardPresentEvent,
  CardRemovedEvent,
} from './reader-events.js';
export { PcscTransport } from './pcsc-transport.js';
export type { PcscTransportOptions, ShareMode } from './pcsc-transport.js';
export { waitForCard } from './wait-for-card.js';
export type { WaitForCardOptions, SkippedCard } from './wait-for-card.js';
export { checkPcscBinding, checkPcscService, pcscliteSocketPath } from './pcsc-service.js';
export type { PcscBindingStatus, PcscServiceStatus } from './pcsc-service.js';
export { PcscResult, pcscResultOf, classifyPcscResult } from './pcsc-status.js';
export { defaultReaderFilter, isIgnoredReaderName, describeReader, knownReaderNames } from './reader-filter.js';
