/**
 * `@onshikit/apdu/testing`: test doubles for any `Transport`: `RecordingTransport` captures a
 * session with a real card and reader as a JSON trace (PIN commands header-only),
 * `ReplayTransport` answers from such a trace, `CountingTransport` counts commands by INS so a
 * test can assert what a flow costs, and the trace format itself.
 *
 * The rule for this entry: a name is here when only tests, benches or a conformance suite use
 * it. The root entry keeps what a driver or an application uses at run time (APDUs, TLV, status
 * words, `Transport`, errors) and the redaction predicates (`isSecretCommand`), which any code
 * that logs APDUs needs. Like the root entry, this one is browser-safe and has no dependency.
 * @module
 */
export { RecordingTransport } from './recording-transport.js';
export type { RecordingTransportOptions } from './recording-transport.js';
export { ReplayTransport } from './replay-transport.js';
export { CountingTransport, INS_NAMES } from './counting-transport.js';
export type { CountedCommand } from './counting-transport.js';
export { parseTrace, isTraceReset, TRACE_FORMAT, TRACE_VERSION } from './trace.js';
export type { ApduTrace, TraceEntry, TraceExchange, TraceReset } from './trace.js';
