/**
 * A simulated 資格確認端末 for the file link (memo eligibility.md §1.5): it watches `req` for
 * `OQSsiquc01req_*.xml`, takes each request (deletes it, as the real 連携アプリ consumes it),
 * answers from the {@link SimulatedPopulation} and writes `OQSsiquc01res_<id>.xml` into `res`,
 * in UTF-8 or Shift_JIS (文字コード識別), with injectable latency, 異常終了 answers, malformed
 * XML, half-written files and dropped requests. Card-initiated results (the face reader) are
 * written to `face` by {@link SimulatedOqsTerminal.presentCard}.
 * @module
 */
import { appendFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeEligibilityRequest, encodeEligibilityResponse, type CardQuery, type EligibilityQuery, type EligibilityResponse } from '@onshikit/eligibility';
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
}

/** The simulated terminal; `close()` stops it. */
export class SimulatedOqsTerminal {
  readonly folders: { readonly req: string; readonly res: string; readonly face: string };
  readonly faults: ServiceFaults;
  /** Request files taken so far. */
  readonly taken: string[] = [];
  readonly #population: SimulatedPopulation;
  readonly #pollMs: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;
  #busy: Promise<void> = Promise.resolve();

  private constructor(options: SimulatedOqsTerminalOptions) {
    this.folders = { req: path.join(options.root, 'req'), res: path.join(options.root, 'res'), face: path.join(options.root, 'face') };
    this.faults = options.faults ?? {};
    this.#population = options.population;
    this.#pollMs = options.pollMs ?? 20;
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
      this.#busy = this.#scan()
        .catch(() => undefined)
        .finally(() => this.#schedule());
    }, this.#pollMs);
  }

  async #scan(): Promise<void> {
    const names = (await readdir(this.folders.req)).filter((n) => n.startsWith('OQSsiquc01req_') && n.endsWith('.xml')).sort();
    await Promise.all(names.map((name) => this.#take(name)));
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
      const query = decodeEligibilityRequest(bytes);
      response = consume(this.faults, 'unavailableNext')
        ? {
            header: { checkDate: query.checkDate, institutionCode: query.institutionCode, fileId: query.fileId, referenceClassification: query.kind === 'card' ? 1 : 2, segmentOfResult: 9, errorCode: 'SIM-UNAVAILABLE', errorMessage: '資格確認システムに接続できません。' },
            status: 2,
            results: [],
          }
        : await this.#answer(query);
    } catch {
      response = {
        header: { checkDate: '2000-01-01', institutionCode: '0000000000', fileId: id, referenceClassification: 2, segmentOfResult: 9, errorCode: 'SIM-BAD-REQUEST', errorMessage: '要求ファイルを読み取れません。' },
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
    if (query.kind !== 'card' || query.signature === undefined) return this.#population.answer(query, { derivedChallengeOk: true });
    const parts = new TextDecoder().decode(query.signature.challenge).split('|');
    const derived = parts.length === 4 && parts[0] === 'onshikit-challenge' && parts[1] === query.institutionCode && parts[2] === query.checkDate;
    const response = await this.#population.answer(derived ? { ...query, fileId: parts[3] as string } : query, { derivedChallengeOk: true });
    return { ...response, header: { ...response.header, fileId: query.fileId } };
  }

  async #write(dir: string, name: string, response: EligibilityResponse): Promise<void> {
    const target = path.join(dir, name);
    if (consume(this.faults, 'malformedNext')) {
      await writeFile(target, '<?xml version="1.0" encoding="UTF-8"?><XmlMsg><MessageHeader><Broken');
      return;
    }
    const bytes = encodeEligibilityResponse(response, { encoding: this.faults.shiftJis === true ? 'shift_jis' : 'utf-8' });
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
   * A patient presents a card at the face reader: the terminal answers a card query and writes
   * `OQSsiquc01res_face_<id>_<yyyyMMddHHmmss>.xml` into `face`. Returns the file name.
   */
  async presentCard(query: CardQuery): Promise<string> {
    const response = await this.#population.answer(query, { derivedChallengeOk: true });
    const stamp = jstDateTime(new Date()).replace(/[-:T]/g, '');
    const name = `OQSsiquc01res_face_${query.fileId}_${stamp}.xml`;
    await this.#write(this.folders.face, name, response);
    return name;
  }

  /** Stops watching and waits for the answer in progress. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    await this.#busy;
  }
}
