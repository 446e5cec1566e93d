import { TransportError, type Transport } from '@onshikit/apdu';
import { CardError, MyNumberCard, type PinState, type TokenKind } from '@onshikit/mynumber';
import type { DoctorCode, DoctorMessageParams } from './messages.js';

/** How bad a finding is: `ok` is informational; `warning` and `error` make the exit code 1. */
export type DoctorSeverity = 'ok' | 'warning' | 'error';

/** One result of a check. */
export interface DoctorFinding {
  readonly code: DoctorCode;
  readonly severity: DoctorSeverity;
  readonly params: DoctorMessageParams;
}

/** A reader as the doctor reports it. */
export interface DoctorReader {
  /** PC/SC name, e.g. `SONY FeliCa Port/PaSoRi 4.0 0`. */
  readonly name: string;
  /** Known model (docs/reference/card-protocol.md#pitfalls item 13), when the name is recognised. */
  readonly model?: string;
  /** Setup notes for the model (e.g. the Windows NFC port settings). */
  readonly notes?: string;
  /** Virtual smart card / FIDO key: never used for the card (docs/reference/card-protocol.md#pitfalls item 2). */
  readonly ignored: boolean;
  readonly cardPresent: boolean;
}

/** A card the port found on a reader. */
export interface DoctorCardSession {
  readonly transport: Transport;
  readonly readerName: string;
  /** Whether extended-length APDUs pass this reader (probed), when known. */
  readonly extendedLength?: boolean | undefined;
  /** Releases the card (powers it down). */
  close(): Promise<void>;
}

/**
 * What the doctor needs from PC/SC. `createPcscPort()` wires @onshikit/reader-pcsc; tests pass
 * fakes around the in-process virtual card.
 */
export interface DoctorPcscPort {
  /** Whether the PC/SC native binding loads (optional: ports without a native binding omit it). */
  checkBinding?(): Promise<{ loaded: boolean; reason?: string }>;
  checkService(): Promise<{ available: boolean; reason?: string }>;
  listReaders(): Promise<DoctorReader[]>;
  /** Resolves with the first card presented; rejects with `TransportError` (`TIMEOUT`, `NO_READER`, …). */
  waitForCard(options: { timeoutMs: number; signal?: AbortSignal }): Promise<DoctorCardSession>;
  /** Releases what the port opened. */
  close?(): Promise<void>;
}

/** Options of {@link runDoctor}. */
export interface DoctorOptions {
  /** How long to wait for a card, in ms. Default 30 000. */
  timeoutMs?: number;
  /** "Today" for certificate validity. Default: now. */
  now?: Date;
  /** Warn when the auth certificate expires within this many days. Default 90 (docs/reference/card-protocol.md#certificate-validity: renewal opens 3 months before). */
  expiryWarningDays?: number;
  signal?: AbortSignal;
}

/** What the doctor found on the card. Never the individual number, never a PIN. */
export interface DoctorCardReport {
  readonly reader: string;
  readonly kind?: TokenKind;
  readonly extendedLength?: boolean;
  readonly certificate?: { readonly notBefore: string; readonly notAfter: string; readonly daysLeft: number };
  readonly authPin?: { readonly state: PinState; readonly triesLeft: number };
}

/** The whole result: `ok` is true only when every finding is `ok`. */
export interface DoctorReport {
  readonly ok: boolean;
  /** The most important finding (first error, else first warning, else `ALL_GOOD`). */
  readonly verdict: DoctorCode;
  readonly findings: readonly DoctorFinding[];
  readonly readers: readonly DoctorReader[];
  readonly card?: DoctorCardReport;
}

const DAY_MS = 24 * 3600 * 1000;

/** A date as the JST calendar day (certificates are issued and renewed in Japan). */
function jstDay(date: Date): string {
  return new Date(date.getTime() + 9 * 3600 * 1000).toISOString().slice(0, 10);
}

function reasonOf(error: unknown): string {
  if (error instanceof TransportError || error instanceof CardError) return error.code;
  return error instanceof Error ? error.name : 'unknown';
}

/**
 * Identifies the card on `transport` and checks its auth certificate and auth-PIN counter.
 * Reads only the token label, the auth certificate and the PIN status (empty VERIFY: no try
 * is used). Never verifies a PIN.
 */
export async function diagnoseCard(
  transport: Transport,
  options: { now?: Date; expiryWarningDays?: number; signal?: AbortSignal } = {},
): Promise<{ findings: DoctorFinding[]; card: Omit<DoctorCardReport, 'reader' | 'extendedLength'> }> {
  const now = options.now ?? new Date();
  const warnDays = options.expiryWarningDays ?? 90;
  const op = options.signal ? { signal: options.signal } : {};
  const card = new MyNumberCard(transport);
  const findings: DoctorFinding[] = [];
  let kind: TokenKind;
  try {
    kind = (await card.detect(op)).kind;
  } catch (error) {
    if (error instanceof CardError && error.code === 'CARD_NOT_MYNUMBER') {
      return { findings: [{ code: 'NOT_MYNUMBER', severity: 'error', params: {} }], card: {} };
    }
    throw error;
  }
  if (kind === 'juki-card') return { findings: [{ code: 'JUKI_CARD', severity: 'error', params: {} }], card: { kind } };
  // Smartphone tokens: the Android one needs the auth PIN even for the certificate (docs/reference/card-protocol.md#pitfalls item 17).
  if (kind === 'smartphone-android' || kind === 'smartphone-ios') {
    return { findings: [{ code: 'SMARTPHONE_TOKEN', severity: 'warning', params: {} }], card: { kind } };
  }
  if (kind === 'unknown-jpki')
    return { findings: [{ code: 'NOT_MYNUMBER', severity: 'error', params: {} }], card: { kind } };
  findings.push({ code: 'MYNUMBER_CARD', severity: 'ok', params: {} });

  let certificate: DoctorCardReport['certificate'];
  try {
    const cert = await card.readAuthCertificate(op);
    const daysLeft = Math.floor((cert.notAfter.getTime() - now.getTime()) / DAY_MS);
    certificate = { notBefore: cert.notBefore.toISOString(), notAfter: cert.notAfter.toISOString(), daysLeft };
    const params = { notAfter: jstDay(cert.notAfter), daysLeft: Math.max(daysLeft, 0) };
    if (cert.isExpiredAt(now))
      findings.push({ code: 'CERT_EXPIRED', severity: 'error', params: { notAfter: params.notAfter } });
    else if (daysLeft < warnDays) findings.push({ code: 'CERT_EXPIRING', severity: 'warning', params });
    else findings.push({ code: 'CERT_VALID', severity: 'ok', params });
  } catch (error) {
    if (!(error instanceof CardError) || (error.code !== 'CARD_CERT_MISSING' && error.code !== 'CARD_CERT_INVALID'))
      throw error;
    findings.push({ code: 'CERT_UNREADABLE', severity: 'error', params: { reason: error.code } });
  }

  const pin = await card.authPinStatus(op); // the empty VERIFY: uses no try
  const authPin = { state: pin.state, triesLeft: pin.triesLeft };
  if (pin.state === 'not-set') findings.push({ code: 'FACE_AUTH_CARD', severity: 'warning', params: {} });
  else if (pin.state === 'blocked') findings.push({ code: 'PIN_BLOCKED', severity: 'error', params: {} });
  // Locked or never set: a warning that sends nobody to the municipal office on a guess.
  else if (pin.state === 'unusable') findings.push({ code: 'PIN_UNUSABLE', severity: 'warning', params: {} });
  else if (pin.triesLeft === 1) findings.push({ code: 'PIN_LAST_TRY', severity: 'warning', params: { triesLeft: 1 } });
  else findings.push({ code: 'PIN_OK', severity: 'ok', params: { triesLeft: pin.triesLeft } });

  return { findings, card: { kind, ...(certificate ? { certificate } : {}), authPin } };
}

/**
 * A card wait that timed out: reader-pcsc lists the cards it passed over in `detail.skipped`,
 * which tells "no card" from "a card another application holds" and "a card that does not answer".
 */
function timeoutFinding(error: TransportError<'TIMEOUT'>, timeoutMs: number): DoctorFinding {
  const skipped = error.detail.skipped ?? [];
  for (const [reason, code] of [
    ['busy', 'CARD_BUSY'],
    ['mute', 'CARD_MUTE'],
  ] as const) {
    const entry = skipped.find((s) => s.reason === reason);
    if (entry) return { code, severity: 'error', params: { reader: entry.reader } };
  }
  return { code: 'CARD_TIMEOUT', severity: 'error', params: { timeoutSeconds: Math.round(timeoutMs / 1000) } };
}

function finish(findings: DoctorFinding[], readers: DoctorReader[], card?: DoctorCardReport): DoctorReport {
  const worst = findings.find((f) => f.severity === 'error') ?? findings.find((f) => f.severity === 'warning');
  const all = worst ? findings : [...findings, { code: 'ALL_GOOD' as const, severity: 'ok' as const, params: {} }];
  return {
    ok: worst === undefined,
    verdict: worst?.code ?? 'ALL_GOOD',
    findings: all,
    readers,
    ...(card ? { card } : {}),
  };
}

/**
 * Runs the checks a support desk needs, in order: PC/SC service, readers, a card, its type,
 * its auth certificate's validity and its auth-PIN tries left. Never throws for what it is
 * diagnosing: every failure becomes a finding with a next step (see `doctorMessages`).
 */
export async function runDoctor(port: DoctorPcscPort, options: DoctorOptions = {}): Promise<DoctorReport> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const findings: DoctorFinding[] = [];
  let readers: DoctorReader[] = [];
  try {
    // A binding that does not load is an install problem, not a stopped service: checked first so
    // the report never says "PC/SC is running" and then "install pcscd".
    const binding = await port.checkBinding?.();
    if (binding && !binding.loaded) {
      findings.push({
        code: 'PCSC_BINDING_MISSING',
        severity: 'error',
        params: binding.reason ? { reason: binding.reason } : {},
      });
      return finish(findings, readers);
    }
    const service = await port.checkService();
    if (!service.available) {
      findings.push({
        code: 'PCSC_UNAVAILABLE',
        severity: 'error',
        params: service.reason ? { reason: service.reason } : {},
      });
      return finish(findings, readers);
    }
    findings.push({ code: 'PCSC_OK', severity: 'ok', params: {} });
    try {
      readers = await port.listReaders();
    } catch (error) {
      if (error instanceof TransportError && error.code === 'PCSC_UNAVAILABLE') {
        const reason = error.detail.reason;
        findings.push({ code: 'PCSC_UNAVAILABLE', severity: 'error', params: reason ? { reason } : {} });
        return finish(findings, readers);
      }
      throw error;
    }
    const usable = readers.filter((r) => !r.ignored);
    if (usable.length === 0) {
      findings.push({ code: 'NO_READER', severity: 'error', params: { readers: readers.map((r) => r.name) } });
      return finish(findings, readers);
    }
    findings.push({ code: 'READERS_FOUND', severity: 'ok', params: { readers: usable.map((r) => r.name) } });

    let presented: DoctorCardSession;
    try {
      presented = await port.waitForCard({ timeoutMs, ...(options.signal ? { signal: options.signal } : {}) });
    } catch (error) {
      if (error instanceof TransportError && error.hasCode('TIMEOUT')) {
        findings.push(timeoutFinding(error, timeoutMs));
      } else if (error instanceof TransportError && error.code === 'NO_READER') {
        findings.push({ code: 'NO_READER', severity: 'error', params: {} });
      } else if (error instanceof TransportError && error.code === 'PCSC_UNAVAILABLE') {
        findings.push({ code: 'PCSC_UNAVAILABLE', severity: 'error', params: {} });
      } else {
        findings.push({ code: 'CARD_READ_FAILED', severity: 'error', params: { reason: reasonOf(error) } });
      }
      return finish(findings, readers);
    }

    // Read after the card: a reader's extended-length support is learned by the driver's reads.
    const base = (): { reader: string; extendedLength?: boolean } => ({
      reader: presented.readerName,
      ...(presented.extendedLength === undefined ? {} : { extendedLength: presented.extendedLength }),
    });
    try {
      const result = await diagnoseCard(presented.transport, options);
      findings.push(...result.findings);
      return finish(findings, readers, { ...base(), ...result.card });
    } catch (error) {
      findings.push({ code: 'CARD_READ_FAILED', severity: 'error', params: { reason: reasonOf(error) } });
      return finish(findings, readers, base());
    } finally {
      // biome-ignore lint/plugin/no-swallowed-rejection: best-effort release; the card finding above is what the report needs
      await presented.close().catch(() => undefined);
    }
  } finally {
    // biome-ignore lint/plugin/no-swallowed-rejection: best-effort close of the port; the report is already complete
    await port.close?.().catch(() => undefined);
  }
}
