/**
 * The JSON trace format written by `RecordingTransport` and read by `ReplayTransport`: one
 * object per exchange, command and response in hex, with timings. Commands that may carry a
 * PIN are stored header-only (`redacted: true`).
 * @module
 */
import { ApduError } from './errors.js';
import type { TransportErrorCode } from './transport-error.js';
import { transportErrorMessages } from './transport-error.js';

/** Identifies a trace file. */
export const TRACE_FORMAT = 'onshikit-apdu-trace';
/** Current trace version. */
export const TRACE_VERSION = 1;

/** One command and what happened to it. */
export interface TraceExchange {
  /**
   * The command in hex. For a redacted command only the four header bytes (CLA INS P1 P2):
   * neither the data nor its length is kept.
   */
  readonly command: string;
  /** True when the data field was left out because it may hold a PIN. */
  readonly redacted?: boolean;
  /** The response (data + SW1 SW2) in hex, when the link delivered one. */
  readonly response?: string;
  /** The transport error code, when the exchange failed on the link. */
  readonly error?: TransportErrorCode;
  /** Milliseconds from the start of the recording to the command. */
  readonly atMs: number;
  /** Milliseconds the exchange took. */
  readonly durationMs: number;
}

/** A card reset (power cycle) in the recording. */
export interface TraceReset {
  readonly reset: true;
  readonly atMs: number;
  readonly durationMs: number;
  readonly error?: TransportErrorCode;
}

/** One entry of a trace. */
export type TraceEntry = TraceExchange | TraceReset;

/** A recorded session. */
export interface ApduTrace {
  readonly format: typeof TRACE_FORMAT;
  readonly version: typeof TRACE_VERSION;
  /** ISO 8601 time the recording started. */
  readonly recordedAt: string;
  /** Free text (reader name, card type…); never personal data. */
  readonly label?: string;
  /** Capabilities of the recorded transport, replayed as-is so `transmitApdu` splits the same way. */
  readonly transport: {
    readonly maxCommandLength?: number;
    readonly maxResponseLength?: number;
    readonly supportsExtendedLength?: boolean;
  };
  readonly entries: readonly TraceEntry[];
}

/** True for a reset entry. */
export function isTraceReset(entry: TraceEntry): entry is TraceReset {
  return (entry as TraceReset).reset === true;
}

function invalid(detail: string): ApduError {
  return new ApduError('TRACE_INVALID', { detail: { detail } });
}

const HEX = /^(?:[0-9A-Fa-f]{2})*$/;

function checkNumber(value: unknown, where: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw invalid(`${where}: not a non-negative number`);
}

/**
 * Checks a parsed trace (or parses JSON text) and returns it typed. Throws `TRACE_INVALID`
 * naming the first problem.
 */
export function parseTrace(input: string | unknown): ApduTrace {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new ApduError('TRACE_INVALID', { detail: { detail: 'not JSON' }, cause: error });
    }
  }
  if (typeof value !== 'object' || value === null) throw invalid('not an object');
  const trace = value as Record<string, unknown>;
  if (trace.format !== TRACE_FORMAT) throw invalid(`format is not '${TRACE_FORMAT}'`);
  if (trace.version !== TRACE_VERSION) throw invalid(`unsupported version ${String(trace.version)}`);
  if (typeof trace.recordedAt !== 'string') throw invalid('recordedAt missing');
  if (trace.label !== undefined && typeof trace.label !== 'string') throw invalid('label is not a string');
  const transport = trace.transport;
  if (typeof transport !== 'object' || transport === null) throw invalid('transport missing');
  const caps = transport as Record<string, unknown>;
  for (const key of ['maxCommandLength', 'maxResponseLength'] as const) {
    if (caps[key] !== undefined) checkNumber(caps[key], `transport.${key}`);
  }
  if (caps.supportsExtendedLength !== undefined && typeof caps.supportsExtendedLength !== 'boolean')
    throw invalid('transport.supportsExtendedLength');
  if (!Array.isArray(trace.entries)) throw invalid('entries is not an array');
  trace.entries.forEach((raw: unknown, i: number) => {
    if (typeof raw !== 'object' || raw === null) throw invalid(`entries[${i}] is not an object`);
    const entry = raw as Record<string, unknown>;
    checkNumber(entry.atMs, `entries[${i}].atMs`);
    checkNumber(entry.durationMs, `entries[${i}].durationMs`);
    if (
      entry.error !== undefined &&
      !(typeof entry.error === 'string' && Object.hasOwn(transportErrorMessages, entry.error))
    ) {
      throw invalid(`entries[${i}].error is not a transport error code`);
    }
    if (entry.reset === true) return;
    if (typeof entry.command !== 'string' || !HEX.test(entry.command) || entry.command.length < 8)
      throw invalid(`entries[${i}].command`);
    if (entry.redacted !== undefined && typeof entry.redacted !== 'boolean') throw invalid(`entries[${i}].redacted`);
    if (entry.redacted === true && entry.command.length !== 8)
      throw invalid(`entries[${i}].command of a redacted entry must be the 4 header bytes`);
    const hasResponse = entry.response !== undefined;
    if (hasResponse && (typeof entry.response !== 'string' || !HEX.test(entry.response) || entry.response.length < 4)) {
      throw invalid(`entries[${i}].response`);
    }
    if (hasResponse === (entry.error !== undefined))
      throw invalid(`entries[${i}] needs exactly one of response and error`);
  });
  return value as ApduTrace;
}
