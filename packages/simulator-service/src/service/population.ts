/**
 * The population the simulated service answers from, keyed by the serial of the card's
 * user-authentication certificate (how the real system maps a card to a person without the
 * individual number, docs/reference/card-protocol.md#legal). Tests register a virtual card's serial with a
 * scenario: `population.assign(card.authCertificateSerial, 'age-70-74')`.
 * @module
 */
import {
  buildEligibilityResult,
  certificateValidityAt,
  jstDate,
  type EligibilityQuery,
  type EligibilityResponse,
  type EligibilityResult,
} from '@onshikit/eligibility';
import { parseCertificate } from '@onshikit/mynumber';
import { webcrypto } from 'node:crypto';
import { scriptedEntries, type PersonTemplate, type PopulationEntry, type PopulationScenario } from './scenarios.js';

/** Options of a {@link SimulatedPopulation}. */
export interface SimulatedPopulationOptions {
  /** Clock of the service (default `() => new Date()`). */
  readonly now?: () => Date;
  /** Revocation check, e.g. `(serial) => ca.isRevoked('auth', serial)`. */
  readonly isRevoked?: (serialHex: string) => boolean;
  /** Institution codes accepted (default: any). */
  readonly institutionCodes?: readonly string[];
}

/** How the service judged the identity part of a card query. */
export type IdentityVerdict = 'ok' | 'expired' | 'revoked' | 'bad-signature' | 'unknown-challenge' | 'bad-certificate';

function normalizeSerial(serial: string): string {
  return serial
    .toLowerCase()
    .replace(/[^0-9a-f]/g, '')
    .replace(/^0+(?=.)/, '');
}

/** The scripted insured people, answerable by certificate serial or by numbers. */
export class SimulatedPopulation {
  readonly #bySerial = new Map<string, PopulationScenario>();
  readonly #options: SimulatedPopulationOptions;
  readonly #challenges = new Set<string>();
  /** Queries answered so far (for test assertions: never the individual number). */
  readonly answered: EligibilityQuery[] = [];

  constructor(options: SimulatedPopulationOptions = {}) {
    this.#options = options;
  }

  /** Registers a certificate serial (hex, any case) as a person of the given scenario. */
  assign(serial: string, scenario: PopulationScenario): this {
    this.#bySerial.set(normalizeSerial(serial), scenario);
    return this;
  }

  /** The scenario registered for a serial, if any. */
  scenarioOf(serial: string): PopulationScenario | undefined {
    return this.#bySerial.get(normalizeSerial(serial));
  }

  /** The scripted entry of a scenario for checks on `checkDate` (default: today in JST). */
  entry(scenario: PopulationScenario, checkDate = jstDate(this.#now())): PopulationEntry {
    return scriptedEntries(checkDate)[scenario];
  }

  /** Remembers a challenge handed out (HTTP `GET /challenge`) so a signature over it is accepted once. */
  issueChallenge(): Uint8Array {
    const challenge = webcrypto.getRandomValues(new Uint8Array(32));
    this.#challenges.add(Buffer.from(challenge).toString('hex'));
    return challenge;
  }

  /** Answers a query as the national system would, from the scripted population. */
  async answer(query: EligibilityQuery, options: { derivedChallengeOk?: boolean } = {}): Promise<EligibilityResponse> {
    this.answered.push(query);
    const header = {
      processedAt: jstDateTime(this.#now()),
      checkDate: query.checkDate,
      institutionCode: query.institutionCode,
      fileId: query.fileId,
      referenceClassification: query.kind === 'card' ? (1 as const) : (2 as const),
      segmentOfResult: 1 as const,
    };
    if (
      this.#options.institutionCodes !== undefined &&
      !this.#options.institutionCodes.includes(query.institutionCode)
    ) {
      return {
        header: {
          ...header,
          segmentOfResult: 9,
          errorCode: 'SIM-INSTITUTION',
          errorMessage: '医療機関コードが登録されていません。',
        },
        status: 2,
        results: [],
      };
    }
    let entry: PopulationEntry | undefined;
    if (query.kind === 'card') {
      const verdict = await this.#judgeIdentity(query, options.derivedChallengeOk ?? false);
      if (verdict.verdict !== 'ok') {
        return {
          header,
          status: 2,
          processingResultCode: `SIM-${verdict.verdict.toUpperCase()}`,
          processingResultMessage: IDENTITY_MESSAGES[verdict.verdict],
          results: [],
        };
      }
      const scenario = this.#bySerial.get(verdict.serial);
      entry = scenario === undefined ? undefined : this.entry(scenario, query.checkDate);
    } else {
      entry = this.#byNumbers(query);
    }
    if (entry === undefined || entry.people.length === 0) return { header, status: 1, validity: 4, results: [] };
    const results: EligibilityResult[] = entry.people.map((p) =>
      buildEligibilityResult({
        ...p,
        validity: entry.validity,
        checkDate: query.checkDate,
        referenceClassification: header.referenceClassification,
      }),
    );
    return { header, status: 1, validity: entry.validity, results };
  }

  #byNumbers(query: Extract<EligibilityQuery, { kind: 'numbers' }>): PopulationEntry | undefined {
    const entries = Object.values(scriptedEntries(query.checkDate));
    const matches = (p: PersonTemplate): boolean =>
      p.insurerNumber === query.insurerNumber &&
      p.number === query.number &&
      p.birthDate === query.birthDate &&
      (query.symbol === undefined || p.symbol === query.symbol) &&
      (query.branch === undefined || p.branch === query.branch);
    for (const entry of entries) {
      const person = entry.people.find(matches);
      if (person !== undefined) return { ...entry, people: [person] };
    }
    return undefined;
  }

  async #judgeIdentity(
    query: Extract<EligibilityQuery, { kind: 'card' }>,
    derivedChallengeOk: boolean,
  ): Promise<{ verdict: IdentityVerdict; serial: string }> {
    let cert: ReturnType<typeof parseCertificate>;
    try {
      cert = parseCertificate(query.certificate);
    } catch {
      return { verdict: 'bad-certificate', serial: '' };
    }
    const serial = normalizeSerial(cert.serialNumber);
    const now = this.#now().getTime();
    // MHLW's rule: a lapsed 利用者証明用電子証明書 still works for three months (docs/reference/card-protocol.md#certificate-validity).
    const validity = certificateValidityAt(cert, new Date(now));
    if (validity === 'expired' || validity === 'not-yet-valid') return { verdict: 'expired', serial };
    if (this.#options.isRevoked?.(serial) === true) return { verdict: 'revoked', serial };
    if (query.identity === 'pin') {
      if (query.signature === undefined) return { verdict: 'bad-signature', serial };
      const key = Buffer.from(query.signature.challenge).toString('hex');
      const derived =
        new TextDecoder().decode(query.signature.challenge) ===
        `onshikit-challenge|${query.institutionCode}|${query.checkDate}|${query.fileId}`;
      if (!this.#challenges.delete(key) && !(derivedChallengeOk && derived))
        return { verdict: 'unknown-challenge', serial };
      try {
        const publicKey = await webcrypto.subtle.importKey(
          'spki',
          cert.subjectPublicKeyInfo,
          { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
          false,
          ['verify'],
        );
        const ok = await webcrypto.subtle.verify(
          'RSASSA-PKCS1-v1_5',
          publicKey,
          query.signature.value,
          query.signature.challenge,
        );
        if (!ok) return { verdict: 'bad-signature', serial };
      } catch {
        return { verdict: 'bad-signature', serial };
      }
    }
    return { verdict: 'ok', serial };
  }

  #now(): Date {
    return (this.#options.now ?? (() => new Date()))();
  }
}

const IDENTITY_MESSAGES: Readonly<Record<IdentityVerdict, string>> = {
  ok: '',
  expired: '利用者証明用電子証明書の有効期限が切れています。',
  revoked: '利用者証明用電子証明書は失効しています。',
  'bad-signature': '電子署名を検証できませんでした。',
  'unknown-challenge': 'チャレンジが無効です。',
  'bad-certificate': '電子証明書を読み取れませんでした。',
};

/** `YYYY-MM-DDTHH:mm:ss` in JST. */
export function jstDateTime(at: Date): string {
  return new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 19);
}
