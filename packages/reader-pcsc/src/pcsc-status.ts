import type { TransportErrorCode } from '@onshikit/apdu';

/**
 * PC/SC result codes (pcsc-lite `pcsclite.h`, WinSCard `SCARD_*`) that decide how a link
 * failure is reported. The binding puts them in its messages as `(0x8010xxxx)`.
 */
export const PcscResult = {
  SCARD_E_CANCELLED: 0x80100002,
  SCARD_E_INVALID_HANDLE: 0x80100003,
  SCARD_E_UNKNOWN_READER: 0x80100009,
  SCARD_E_TIMEOUT: 0x8010000a,
  SCARD_E_SHARING_VIOLATION: 0x8010000b,
  SCARD_E_NO_SMARTCARD: 0x8010000c,
  SCARD_E_PROTO_MISMATCH: 0x8010000f,
  SCARD_F_COMM_ERROR: 0x80100013,
  SCARD_E_NOT_TRANSACTED: 0x80100016,
  SCARD_E_READER_UNAVAILABLE: 0x80100017,
  SCARD_E_NO_SERVICE: 0x8010001d,
  SCARD_E_SERVICE_STOPPED: 0x8010001e,
  SCARD_E_NO_READERS_AVAILABLE: 0x8010002e,
  SCARD_W_UNRESPONSIVE_CARD: 0x80100066,
  SCARD_W_UNPOWERED_CARD: 0x80100067,
  SCARD_W_RESET_CARD: 0x80100068,
  SCARD_W_REMOVED_CARD: 0x80100069,
} as const;

/** Reads the `0x8010xxxx` result code out of a binding error message; undefined when absent. */
export function pcscResultOf(error: unknown): number | undefined {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const match = /0x([0-9a-f]{8})/i.exec(message);
  return match ? Number.parseInt(match[1]!, 16) : undefined;
}

/**
 * How a PC/SC failure is reported. `ambiguous` results (the card stopped answering) become
 * `CARD_REMOVED` or `READER_GONE` once the reader state is known, `CARD_MUTE` otherwise.
 */
export function classifyPcscResult(result: number | undefined): TransportErrorCode | 'ambiguous' {
  switch (result) {
    case PcscResult.SCARD_W_REMOVED_CARD:
    case PcscResult.SCARD_E_NO_SMARTCARD:
    case PcscResult.SCARD_W_UNPOWERED_CARD:
    case PcscResult.SCARD_W_RESET_CARD:
      return 'CARD_REMOVED';
    case PcscResult.SCARD_E_UNKNOWN_READER:
    case PcscResult.SCARD_E_READER_UNAVAILABLE:
    case PcscResult.SCARD_E_NO_READERS_AVAILABLE:
    case PcscResult.SCARD_E_NO_SERVICE:
    case PcscResult.SCARD_E_SERVICE_STOPPED:
    case PcscResult.SCARD_F_COMM_ERROR:
    case PcscResult.SCARD_E_INVALID_HANDLE:
      return 'READER_GONE';
    case PcscResult.SCARD_E_TIMEOUT:
      return 'TIMEOUT';
    case PcscResult.SCARD_E_SHARING_VIOLATION:
      return 'TRANSPORT_BUSY';
    case PcscResult.SCARD_E_CANCELLED:
      return 'ABORTED';
    case PcscResult.SCARD_E_NOT_TRANSACTED:
    case PcscResult.SCARD_W_UNRESPONSIVE_CARD:
    case PcscResult.SCARD_E_PROTO_MISMATCH:
      return 'ambiguous';
    default:
      return 'PCSC_ERROR';
  }
}

/** `0x80100069` style text for error details. */
export function formatPcscResult(result: number | undefined): string | undefined {
  return result === undefined ? undefined : `0x${result.toString(16).toUpperCase().padStart(8, '0')}`;
}
