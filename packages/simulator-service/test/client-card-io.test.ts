// What a patient waits for at the desk (issue 18): the exact APDUs of a check, and what overlaps.
// Real components: the virtual card, the driver, transportCardSource, the simulated HTTP service.
import { toHex, type TransmitOptions, type Transport } from '@onshikit/apdu';
import {
  HttpEligibilityService,
  MemoryRececonStore,
  ReceptionWorkflow,
  transportCardSource,
  type CheckSummary,
  type EligibilityService,
  type WorkflowEvent,
} from '@onshikit/eligibility';
import { TEST_PINS, VirtualMyNumberCard, cardProfiles, createInProcessTransport } from '@onshikit/simulator';
import { SimulatedPopulation, startSimulatedEligibilityServer } from '@onshikit/simulator-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Every APDU the card receives, in hex, with the PIN of a VERIFY masked. */
class RecordingLink implements Transport {
  learned: boolean | undefined;
  constructor(
    private readonly inner: Transport,
    readonly log: string[],
    /** `'learns'`: extended support unknown until the driver reports it (a reader's first check in a process). */
    private readonly extended: 'known' | 'learns',
  ) {}
  get supportsExtendedLength(): boolean | undefined {
    return this.extended === 'known' ? this.inner.supportsExtendedLength : this.learned;
  }
  get maxResponseLength(): number | undefined {
    return this.extended === 'known' ? this.inner.maxResponseLength : undefined;
  }
  learnExtendedLength(passes: boolean): void {
    this.learned = passes;
  }
  transmit(command: Uint8Array, options?: TransmitOptions): Promise<Uint8Array> {
    const secret = command[1] === 0x20 && command.length > 5;
    this.log.push(secret ? `${toHex(command.subarray(0, 5))}<PIN>` : toHex(command));
    return this.inner.transmit(command, options);
  }
  /** Closes it, for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

let card: VirtualMyNumberCard;
let population: SimulatedPopulation;
let server: Awaited<ReturnType<typeof startSimulatedEligibilityServer>>;

beforeAll(async () => {
  card = await VirtualMyNumberCard.create(cardProfiles.standard());
  population = new SimulatedPopulation().assign(card.authCertificateSerial as string, 'valid');
  server = await startSimulatedEligibilityServer({ population });
});
afterAll(async () => {
  await server?.close();
});

interface Run {
  summary: CheckSummary;
  apdus: string[];
  /** Events, APDUs and service calls in the order they happened. */
  timeline: string[];
}

/**
 * One whole check. `connectorUsesAccept`: the connector hands the card source's probe to the
 * reader as `accept` (as `waitForCard` of reader-pcsc does). `patient`: PIN entry or the staff's
 * confirmation waits for this (a person takes longer than a service round trip).
 */
async function check(options: {
  mode: 'visual' | 'pin';
  card?: VirtualMyNumberCard;
  extended: boolean;
  link?: 'known' | 'learns';
  service?: EligibilityService;
  patient?: () => Promise<void>;
}): Promise<Run> {
  const apdus: string[] = [];
  const timeline: string[] = [];
  const inner = createInProcessTransport(options.card ?? card, { supportsExtendedLength: options.extended });
  const link = new RecordingLink(inner, apdus, options.link ?? 'known');
  const log = (entry: string): void => {
    timeline.push(entry);
  };
  const recorded = new Proxy(link, {
    get(target, key, receiver) {
      if (key === 'transmit') {
        return (command: Uint8Array, o?: TransmitOptions) => {
          const result = target.transmit(command, o);
          log(`apdu ${apdus.at(-1)!}`);
          return result;
        };
      }
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  const base = options.service ?? new HttpEligibilityService({ baseUrl: server.url });
  const service: EligibilityService = {
    name: base.name,
    challenge: async (o) => {
      log('challenge sent');
      const value = await base.challenge!(o);
      log('challenge answered');
      return value;
    },
    query: async (q, o) => {
      log('query sent');
      const value = await base.query(q, o);
      log('query answered');
      return value;
    },
  };
  const workflow = new ReceptionWorkflow({
    service,
    store: new MemoryRececonStore(),
    cards: transportCardSource(async ({ accept }) => {
      if (!(await accept(recorded))) throw new Error('not a JPKI card');
      return recorded;
    }),
    pinSource: {
      requestPin: async () => {
        await options.patient?.();
        log('PIN entered');
        return new TextEncoder().encode(TEST_PINS.auth);
      },
    },
    settings: { institutionCode: '1312345678', identityMode: options.mode },
  });
  const handle = workflow.startCheck({
    onEvent: (event: WorkflowEvent) => {
      if (event.type !== 'progress' && event.type !== 'state') log(`event ${event.type}`);
      if (event.type === 'visual-confirmation-required') {
        void (options.patient?.() ?? Promise.resolve()).then(() => {
          log('visual confirmed');
          handle.confirmVisual();
        });
      }
    },
  });
  const summary = await handle.done;
  return { summary, apdus, timeline };
}

const SELECT_JPKI = '00A4040C0AD392F000260100000001';
const READ_TOKEN_LABEL = '00B0860020'; // READ BINARY of EF 0006 by short EF id, 32 bytes
const READ_CERT_HEAD = '00B08A0000'; // READ BINARY of EF 000A by short EF id, offset 0, 256 bytes
const PIN_STATUS = '00200098'; // empty VERIFY of EF 0018 by short EF id: tries left, no try used
const VERIFY_PIN = '0020009804<PIN>';
const SELECT_AUTH_KEY = '00A4020C020017';

const hex16 = (n: number): string => n.toString(16).toUpperCase().padStart(4, '0');
const hex8 = (n: number): string => (n & 0xff).toString(16).toUpperCase().padStart(2, '0');

/** READ BINARY of the rest of the certificate: one extended READ, or 256-byte short READs. */
function certificateRest(length: number, extended: boolean): string[] {
  if (extended) return [`00B0${hex16(256)}00${hex16(length - 256)}`];
  const reads: string[] = [];
  for (let offset = 256; offset < length; offset += 256)
    reads.push(`00B0${hex16(offset)}${hex8(Math.min(256, length - offset))}`);
  return reads;
}

describe('the APDUs of a check, exactly (issue 18 budget)', () => {
  it.each([
    ['extended', true],
    ['short', false],
  ] as const)('目視 (%s APDUs): detect + certificate = 2 + ⌈N/256⌉ short, 4 extended', async (_name, extended) => {
    const n = card.authCertificateDer!.length;
    const run = await check({ mode: 'visual', extended });
    expect(run.summary.state).toBe('done');
    expect(run.apdus).toEqual([SELECT_JPKI, READ_TOKEN_LABEL, READ_CERT_HEAD, ...certificateRest(n, extended)]);
    expect(run.apdus.length).toBeLessThanOrEqual(extended ? 4 : 2 + Math.ceil(n / 256));
  });

  it.each([
    ['extended', true],
    ['short', false],
  ] as const)('暗証番号 (%s APDUs): at most 10 extended, 8 + ⌈N/256⌉ short', async (_name, extended) => {
    const n = card.authCertificateDer!.length;
    const run = await check({ mode: 'pin', extended });
    expect(run.summary.state).toBe('done');
    const sign = run.apdus.at(-1)!;
    expect(sign.startsWith('802A0080')).toBe(true);
    expect(run.apdus).toEqual([
      SELECT_JPKI,
      READ_TOKEN_LABEL,
      READ_CERT_HEAD,
      ...certificateRest(n, extended),
      PIN_STATUS, // before the PIN is asked for: tries left, face-authentication card
      PIN_STATUS, // the last-try guard, right before the VERIFY
      VERIFY_PIN,
      SELECT_AUTH_KEY,
      sign,
    ]);
    expect(run.apdus.length).toBeLessThanOrEqual(extended ? 10 : 8 + Math.ceil(n / 256));
  });

  it.each(['visual', 'pin'] as const)(
    '%s: the first check of a process (extended support not yet known) sends what a warm one sends',
    async (mode) => {
      const first = await check({ mode, extended: true, link: 'learns' });
      const warm = await check({ mode, extended: true });
      expect(first.summary.state).toBe('done');
      expect(first.apdus.map((a) => (a.startsWith('802A') ? 'SIGN' : a))).toEqual(
        warm.apdus.map((a) => (a.startsWith('802A') ? 'SIGN' : a)),
      );
    },
  );

  it('a reader that turns extended APDUs down costs its first check exactly that one refused READ', async () => {
    const n = card.authCertificateDer!.length;
    const run = await check({ mode: 'visual', extended: false, link: 'learns' });
    expect(run.summary.state).toBe('done');
    expect(run.apdus).toEqual([
      SELECT_JPKI,
      READ_TOKEN_LABEL,
      READ_CERT_HEAD,
      ...certificateRest(n, true),
      ...certificateRest(n, false),
    ]);
  });
});

describe('nothing waits on what can overlap (simulated service at 300 ms)', () => {
  let slow: Awaited<ReturnType<typeof startSimulatedEligibilityServer>>;
  beforeAll(async () => {
    slow = await startSimulatedEligibilityServer({ population, faults: { latencyMs: 300 } });
  });
  afterAll(async () => {
    await slow?.close();
  });

  it('暗証番号: the challenge travels while the certificate is read and the PIN typed; after the PIN, card I/O then one round trip', async () => {
    let challengeAnswered!: () => void;
    const answered = new Promise<void>((resolve) => (challengeAnswered = resolve));
    const base = new HttpEligibilityService({ baseUrl: slow.url });
    const service: EligibilityService = {
      name: base.name,
      challenge: async (o) => base.challenge!(o).finally(() => challengeAnswered()),
      query: (q, o) => base.query(q, o),
    };
    // The patient types for longer than one round trip (done once the challenge is back and logged).
    const typing = async (): Promise<void> => {
      // Bounded, so a workflow that asks for the challenge only after the PIN fails the ordering below instead of hanging.
      await Promise.race([answered, new Promise((resolve) => setTimeout(resolve, 3000))]);
      await new Promise((resolve) => setImmediate(resolve));
    };
    const run = await check({ mode: 'pin', extended: true, service, patient: typing });
    expect(run.summary.state).toBe('done');
    const t = run.timeline;
    // Asked for before the certificate is read.
    expect(t.indexOf('challenge sent')).toBeLessThan(t.indexOf(`apdu ${READ_CERT_HEAD}`));
    const afterPin = t
      .slice(t.indexOf('PIN entered') + 1)
      .filter((e) => !e.startsWith('event saved') && !e.startsWith('event done'));
    expect(afterPin.map((e) => (e.startsWith('apdu 802A') ? 'apdu SIGN' : e))).toEqual([
      `apdu ${PIN_STATUS}`,
      `apdu ${VERIFY_PIN}`,
      `apdu ${SELECT_AUTH_KEY}`,
      'apdu SIGN',
      'event card-released', // right after the last APDU, before the service answers
      'query sent',
      'query answered',
      'event result',
    ]);
    expect(afterPin.filter((e) => e.endsWith(' sent'))).toHaveLength(1); // one service round trip
  });

  it('目視: the card is released after its last APDU; after the confirmation, one round trip', async () => {
    const run = await check({
      mode: 'visual',
      extended: true,
      service: new HttpEligibilityService({ baseUrl: slow.url }),
      patient: () => Promise.resolve(),
    });
    expect(run.summary.state).toBe('done');
    const t = run.timeline;
    expect(t.indexOf('event card-released')).toBe(t.findLastIndex((e) => e.startsWith('apdu ')) + 1);
    expect(t.indexOf('event card-released')).toBeLessThan(t.indexOf('event visual-confirmation-required'));
    const afterConfirm = t
      .slice(t.indexOf('visual confirmed') + 1)
      .filter((e) => !e.startsWith('event saved') && !e.startsWith('event done'));
    expect(afterConfirm).toEqual(['query sent', 'query answered', 'event result']);
    expect(t).not.toContain('challenge sent'); // 目視 signs nothing
  });
});

describe('a card whose PIN cannot be used (issue 15: face-authentication card detection)', () => {
  it.each([
    ['no EF 0001 (6A82)', 'file-not-found', 'face-card-detected'],
    ['an empty EF 0001', 'empty-file', 'pin-unusable'],
  ] as const)(
    '顔認証マイナンバーカード with %s: PIN mode falls back to 目視, no municipal-office advice',
    async (_name, missingCertificate, event) => {
      const face = await VirtualMyNumberCard.create(cardProfiles.faceAuthOnly({ behaviour: { missingCertificate } }));
      population.assign(face.authCertificateSerial as string, 'valid');
      const run = await check({ mode: 'pin', extended: true, card: face });
      expect(run.summary).toMatchObject({ state: 'done', mode: 'visual' });
      expect(run.timeline).toContain(`event ${event}`);
      expect(run.timeline).not.toContain('PIN entered');
      expect(run.apdus.filter((a) => a.endsWith('<PIN>'))).toHaveLength(0);
    },
  );

  it('a PIN known to be locked (the signing password still has tries) stops with the office advice', async () => {
    const blocked = await VirtualMyNumberCard.create(cardProfiles.blocked());
    population.assign(blocked.authCertificateSerial as string, 'valid');
    const run = await check({ mode: 'pin', extended: true, card: blocked });
    expect(run.summary).toMatchObject({ state: 'failed', error: { code: 'CARD_PIN_BLOCKED' } });
    expect(run.summary.error?.messages.ja).toContain('市区町村の窓口');
  });
});
