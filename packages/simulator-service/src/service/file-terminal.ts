/**
 * A simulated 資格確認端末 for the file link (docs/reference/oqs-messages.md#file-link): it watches
 * `req` for `OQSsiquc01req_*.xml`, takes each request (deletes it, as the real 連携アプリ consumes
 * it), answers from the {@link SimulatedPopulation} and writes `OQSsiquc01res_<id>.xml` into `res`,
 * in UTF-8 or Shift_JIS (文字コード識別), with injectable latency, 異常終了 answers, malformed
 * XML, half-written files and dropped requests. Card-initiated results (the face reader) are
 * written to `face` by {@link SimulatedOqsTerminal.presentCard}.
 * @module
 */
import { appendFile, lstat, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CardQuery, EligibilityQuery, EligibilityResponse } from '@onshikit/eligibility';
import { decodeEligibilityRequest, encodeEligibilityResponse } from '@onshikit/eligibility/xml';
import { consume, delay, type ServiceFaults } from './faults.js';
import { jstDateTime, type SimulatedPopulation } from './population.js';

/** Options of {@link SimulatedOqsTerminal.start}. */
export interface SimulatedOqsTerminalOptions {
  /** Root folder; `req`, `res` and `face` are created inside. */
  readonly root: string;
  readonly population: SimulatedPopulation;
  readonly faults?: ServiceFaults;
  /** Poll interval for `req`, in ms (default 20). */
  readonly pollMs?: number;
  /**
   * Results left unclaimed in `res` longer than this are purged, as real terminals do after a
   * configurable stay time (default: never).
   */
  readonly resultStayMs?: number;
}

/** The simulated terminal; `close()` stops it. */
export class SimulatedOqsTerminal {
  readonly folders: { readonly req: string; readonly res: string; readonly face: string };
  readonly faults: ServiceFaults;
  /** Request files taken so far. */
  readonly taken: string[] = [];
  /** Result files purged after the stay time. */
  readonly purged: string[] = [];
  readonly #population: SimulatedPopulation;
  readonly #pollMs: number;
  readonly #stayMs: number | undefined;
  #faceSeq = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;
  #busy: Promise<void> = Promise.resolve();

  private constructor(options: SimulatedOqsTerminalOptions) {
    this.folders = {
      req: path.join(options.root, 'req'),
      res: path.join(options.root, 'res'),
      face: path.join(options.root, 'face'),
    };
    this.faults = options.faults ?? {};
    this.#population = options.population;
    this.#pollMs = options.pollMs ?? 20;
    this.#stayMs = options.resultStayMs;
  }

  /** Creates the folders and starts watching `req`. */
  static async start(options: SimulatedOqsTerminalOptions): Promise<SimulatedOqsTerminal> {
    const terminal = new SimulatedOqsTerminal(options);
    for (const dir of Object.values(terminal.folders)) await mkdir(dir, { recursive: true });
    terminal.#schedule();
    return terminal;
  }

  #schedule(): void {
    if (this.#closed) return;
    this.#timer = setTimeout(() => {
      // biome-ignore lint/plugin/no-swallowed-rejection: a failed scan (a request withdrawn while read) is retried at the next poll
      this.#busy = this.#scan()
        .catch(() => undefined)
        .finally(() => this.#schedule());
    }, this.#pollMs);
  }

  async #scan(): Promise<void> {
    const names = (await readdir(this.folders.req))
      .filter((n) => n.startsWith('OQSsiquc01req_') && n.endsWith('.xml'))
      .sort();
    await Promise.all(names.map((name) => this.#take(name)));
    if (this.#stayMs !== undefined) await this.#purge(this.#stayMs);
  }

  /** Deletes results nobody claimed within the stay time (real terminals purge them too). */
  async #purge(stayMs: number): Promise<void> {
    for (const name of await readdir(this.folders.res)) {
      if (!name.startsWith('OQSsiquc01res_')) continue;
      const file = path.join(this.folders.res, name);
      // biome-ignore lint/plugin/no-swallowed-rejection: a result claimed in the meantime is not purged
      const info = await lstat(file).catch(() => undefined);
      if (info !== undefined && Date.now() - info.mtimeMs > stayMs) {
        await rm(file, { force: true });
        this.purged.push(name);
      }
    }
  }

  async #take(name: string): Promise<void> {
    const file = path.join(this.folders.req, name);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(file));
      await rm(file);
    } catch {
      return; // withdrawn by the rececon in the meantime
    }
    this.taken.push(name);
    const id = name.slice('OQSsiquc01req_'.length, -4);
    if (consume(this.faults, 'dropNext')) return;
    if (this.faults.latencyMs) await delay(this.faults.latencyMs);
    let response: EligibilityResponse;
    try {
      const query = normalizeInsurerNumber(decodeEligibilityRequest(withReferenceClassification(bytes)));
      response = consume(this.faults, 'unavailableNext')
        ? {
            header: {
              checkDate: query.checkDate,
              institutionCode: query.institutionCode,
              fileId: query.fileId,
              referenceClassification: query.kind === 'card' ? 1 : 2,
              segmentOfResult: 9,
              errorCode: 'SIM-UNAVAILABLE',
              errorMessage: '資格確認システムに接続できません。',
            },
            status: 2,
            results: [],
          }
        : await this.#answer(query);
    } catch {
      response = {
        header: {
          checkDate: '2000-01-01',
          institutionCode: '0000000000',
          fileId: id,
          referenceClassification: 2,
          segmentOfResult: 9,
          errorCode: 'SIM-BAD-REQUEST',
          errorMessage: '要求ファイルを読み取れません。',
        },
        status: 2,
        results: [],
      };
    }
    await this.#write(this.folders.res, `OQSsiquc01res_${id}.xml`, response);
  }

  /**
   * A real terminal checks the PIN at its own reader; the simulator stands in for that with the
   * challenge the desk derived from its check id (`onshikit-challenge|<機関コード>|<date>|<check id>`).
   * The file link names files with its own ids, so the challenge is judged against the check id
   * it names, and the answer carries the request's ArbitraryFileIdentifier.
   */
  async #answer(query: EligibilityQuery): Promise<EligibilityResponse> {
    if (query.kind !== 'card' || query.signature === undefined)
      return this.#population.answer(query, { derivedChallengeOk: true });
    const parts = new TextDecoder().decode(query.signature.challenge).split('|');
    const derived =
      parts.length === 4 &&
      parts[0] === 'onshikit-challenge' &&
      parts[1] === query.institutionCode &&
      parts[2] === query.checkDate;
    const response = await this.#population.answer(derived ? { ...query, fileId: parts[3] as string } : query, {
      derivedChallengeOk: true,
    });
    return { ...response, header: { ...response.header, fileId: query.fileId } };
  }

  async #write(dir: string, name: string, response: EligibilityResponse): Promise<void> {
    const target = path.join(dir, name);
    if (consume(this.faults, 'malformedNext')) {
      await writeFile(target, '<?xml version="1.0" encoding="UTF-8"?><XmlMsg><MessageHeader><Broken');
      return;
    }
    const bytes = encodeEligibilityResponse(response, {
      encoding: this.faults.shiftJis === true ? 'shift_jis' : 'utf-8',
    });
    if (consume(this.faults, 'halfWrittenNext')) {
      const half = Math.floor(bytes.length / 2);
      await writeFile(target, bytes.subarray(0, half));
      await delay(this.faults.halfWrittenDelayMs ?? 150);
      await appendFile(target, bytes.subarray(half));
      return;
    }
    const temp = path.join(dir, `.${name}.tmp`);
    await writeFile(temp, bytes);
    await rename(temp, target);
  }

  /**
   * A patient presents a card at the terminal's own reader: the terminal answers a card query and
   * writes `OQSsiquc01res_face_<医療機関コード><terminal-made id>_<yyyyMMddHHmmss>.xml` into `face`,
   * with its own ArbitraryFileIdentifier (the query's `fileId` is not used: nothing of the
   * rececon's is in a face file). Returns the file name.
   */
  async presentCard(query: CardQuery): Promise<string> {
    const now = new Date();
    const stamp = jstDateTime(now).replace(/[-:T]/g, '');
    this.#faceSeq = (this.#faceSeq + 1) % 1000;
    const fileId = `${stamp}${String(this.#faceSeq).padStart(3, '0')}`;
    const response = await this.#population.answer({ ...query, fileId }, { derivedChallengeOk: true });
    const name = `OQSsiquc01res_face_${query.institutionCode}${fileId}_${stamp}.xml`;
    await this.#write(this.folders.face, name, response);
    return name;
  }

  /**
   * A patient puts their card on the terminal's own reader: the terminal checks identity there
   * (its face recognition or PIN: the simulator takes it as done) and writes the face result of
   * the card's holder, dated today. Returns the face file's name. `card` is anything holding the 利用者証明用 certificate (a
   * `VirtualMyNumberCard`); the population's scenario for its serial decides the result.
   */
  async presentCardAtReader(
    card: { readonly authCertificateDer: Uint8Array | undefined },
    options: { readonly institutionCode: string },
  ): Promise<string> {
    const checkDate = jstDateTime(new Date()).slice(0, 10);
    return await this.presentCard({
      kind: 'card',
      checkDate,
      institutionCode: options.institutionCode,
      fileId: 'terminal-reader',
      identity: 'visual',
      // No certificate on the card: the terminal answers with an error result, as the population does.
      certificate: card.authCertificateDer ?? new Uint8Array(),
    });
  }

  /** Stops watching and waits for the answer in progress. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    await this.#busy;
  }
}

/**
 * Real clients write only 資格確認日, 医療機関コード and ArbitraryFileIdentifier in the header; the
 * terminal tells a query by numbers (照会区分 2) from its QualificationConfirmSearchInfo. The
 * simulator adds the missing 照会区分 before decoding (ASCII bytes, so UTF-8 and Shift_JIS alike).
 */
function withReferenceClassification(bytes: Uint8Array): Uint8Array {
  const text = Buffer.from(bytes).toString('latin1');
  if (text.includes('<ReferenceClassification>')) return bytes;
  const classification = text.includes('<QualificationConfirmSearchInfo>') ? '2' : '1';
  return new Uint8Array(
    Buffer.from(
      text.replace(
        '</MessageHeader>',
        `<ReferenceClassification>${classification}</ReferenceClassification></MessageHeader>`,
      ),
      'latin1',
    ),
  );
}

/** A 6-digit 国保 number arrives padded to 8 with zeros (or spaces, trimmed by the decoder). */
function normalizeInsurerNumber(query: EligibilityQuery): EligibilityQuery {
  if (query.kind !== 'numbers' || !/^00\d{6}$/.test(query.insurerNumber)) return query;
  return { ...query, insurerNumber: query.insurerNumber.slice(2) };
}
