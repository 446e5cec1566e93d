// Test doubles for the workflow: a card that keeps a VERIFY log, a scripted service, a PIN source.
import { TransportError } from '@onshikit/apdu';
import { CardError } from '@onshikit/mynumber';
import {
  buildEligibilityResult,
  type EligibilityQuery,
  type EligibilityResponse,
  type EligibilityService,
  type PinSource,
  type PresentedCard,
  type WorkflowCard,
} from '@onshikit/eligibility';
import { sampleResultInput } from '@onshikit/eligibility/testing';

export interface CardLogEntry {
  readonly op: 'detect' | 'read-cert' | 'pin-status' | 'verify' | 'sign' | 'release';
  readonly triesBefore?: number;
  readonly allowLastTry?: boolean;
  readonly correct?: boolean;
}

export interface FakeCardOptions {
  pin?: string;
  triesLeft?: number;
  pinSet?: boolean;
  notAfter?: Date;
  certMissing?: boolean;
  /** Zero-based index of the card operation that fails with CARD_REMOVED. */
  removeAtOp?: number | undefined;
  /** Zero-based index of the operation that times out. */
  timeoutAtOp?: number | undefined;
}

export class FakeCard implements WorkflowCard {
  readonly log: CardLogEntry[] = [];
  triesLeft: number;
  released = 0;
  #ops = 0;
  constructor(readonly options: FakeCardOptions = {}) {
    this.triesLeft = options.triesLeft ?? 3;
  }
  #step(signal?: AbortSignal): void {
    if (signal?.aborted) throw new TransportError('ABORTED');
    const i = this.#ops++;
    if (i === this.options.removeAtOp) throw new CardError('CARD_REMOVED');
    if (i === this.options.timeoutAtOp) throw new TransportError('TIMEOUT');
  }
  async detect(o?: { signal?: AbortSignal }) {
    this.#step(o?.signal);
    this.log.push({ op: 'detect' });
    return { isMyNumberCard: true, kind: 'mynumber-card' };
  }
  async readAuthCertificate(o?: { signal?: AbortSignal; onProgress?: (a: number, b: number) => void }) {
    this.#step(o?.signal);
    this.log.push({ op: 'read-cert' });
    if (this.options.certMissing) throw new CardError('CARD_CERT_MISSING');
    o?.onProgress?.(256, 1571);
    o?.onProgress?.(1571, 1571);
    return {
      der: new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]),
      serialNumber: '0A1B2C',
      notBefore: new Date('2021-01-01T00:00:00Z'),
      notAfter: this.options.notAfter ?? new Date('2031-01-01T00:00:00Z'),
    };
  }
  async authPinStatus(o?: { signal?: AbortSignal }) {
    this.#step(o?.signal);
    this.log.push({ op: 'pin-status' });
    if (this.options.pinSet === false) return { state: 'not-set' as const, triesLeft: 0 };
    return { state: this.triesLeft === 0 ? ('blocked' as const) : ('ok' as const), triesLeft: this.triesLeft };
  }
  async verifyAuthPin(pin: Uint8Array, o?: { signal?: AbortSignal; allowLastTry?: boolean }) {
    const text = new TextDecoder().decode(pin);
    pin.fill(0);
    this.#step(o?.signal);
    if (this.options.pinSet === false) throw new CardError('CARD_PIN_NOT_SET');
    if (this.triesLeft === 0) throw new CardError('CARD_PIN_BLOCKED', { triesLeft: 0 });
    if (this.triesLeft === 1 && o?.allowLastTry !== true) throw new CardError('CARD_PIN_LAST_TRY', { triesLeft: 1 });
    const correct = text === (this.options.pin ?? '1234');
    this.log.push({ op: 'verify', triesBefore: this.triesLeft, allowLastTry: o?.allowLastTry === true, correct });
    if (correct) {
      this.triesLeft = 3;
      return;
    }
    this.triesLeft -= 1;
    if (this.triesLeft === 0) throw new CardError('CARD_PIN_BLOCKED', { triesLeft: 0 });
    throw new CardError('CARD_PIN_WRONG', { triesLeft: this.triesLeft });
  }
  async signWithAuthKey(_d: Uint8Array, o?: { signal?: AbortSignal }) {
    this.#step(o?.signal);
    this.log.push({ op: 'sign' });
    return new Uint8Array(256).fill(7);
  }
  presented(): PresentedCard {
    return {
      card: this,
      release: async () => {
        this.released += 1;
        this.log.push({ op: 'release' });
      },
    };
  }
}

/** A PIN source that answers from a list (one entry per request) and counts requests. */
export class ListPinSource implements PinSource {
  requests = 0;
  constructor(readonly pins: string[]) {}
  async requestPin(request: { signal?: AbortSignal }): Promise<Uint8Array> {
    if (request.signal?.aborted) throw new TransportError('ABORTED');
    const pin = this.pins[this.requests++] ?? '0000';
    return new TextEncoder().encode(pin);
  }
}

export function okResponse(
  query: EligibilityQuery,
  validity: 1 | 2 | 3 | 4 | 5 | 6 = 1,
  count = 1,
): EligibilityResponse {
  const results = Array.from({ length: validity === 4 ? 0 : count }, (_, i) =>
    buildEligibilityResult(
      sampleResultInput({
        validity,
        checkDate: query.checkDate,
        referenceClassification: query.kind === 'card' ? 1 : 2,
        number: String(1000 + i),
      }),
    ),
  );
  return {
    header: {
      checkDate: query.checkDate,
      institutionCode: query.institutionCode,
      fileId: query.fileId,
      referenceClassification: query.kind === 'card' ? 1 : 2,
      segmentOfResult: 1,
    },
    status: 1,
    validity,
    results,
  };
}

export class ScriptedService implements EligibilityService {
  readonly name = 'scripted';
  calls: EligibilityQuery[] = [];
  constructor(readonly answer: (q: EligibilityQuery) => Promise<EligibilityResponse> = async (q) => okResponse(q)) {}
  query(q: EligibilityQuery): Promise<EligibilityResponse> {
    this.calls.push(q);
    return this.answer(q);
  }
}
