/**
 * One reception desk for the demo: reader, eligibility service, SQLite store and workflow, all
 * against the built-in simulator by default. The terminal demo and the web server both use it.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { HttpEligibilityService, ReceptionWorkflow, transportCardSource } from '@onshikit/eligibility';
import type { CardSource, EligibilityService, PinSource } from '@onshikit/eligibility';
import { OqsFileLinkService, TerminalFaceCheck, type FaceCheckPatient } from '@onshikit/eligibility/node';
import { VirtualMyNumberCard } from '@onshikit/simulator';
import {
  SimulatedOqsTerminal,
  SimulatedPopulation,
  startSimulatedEligibilityServer,
} from '@onshikit/simulator-service';
import { SqliteRececonStore } from '@onshikit/store-sqlite';
import type { DemoPatient } from './patients.js';
import { SimulatedReaderSlot } from './sim-reader.js';

/**
 * `sim` (built-in virtual card, in-process), `ble-sim` (the virtual card on a simulated BLE
 * reader), `pcsc` (a USB reader through PC/SC) or `ble` (an ACR1255U-J1 through noble).
 */
export type ReaderChoice = 'sim' | 'ble-sim' | 'pcsc' | 'ble';

/** Readers whose card is the demo's simulated patient card. */
export function usesSimulatedCard(reader: ReaderChoice): boolean {
  return reader === 'sim' || reader === 'ble-sim';
}

export interface DeskConfig {
  readonly reader: ReaderChoice;
  /** `http` (simulated HTTP service), `filelink` (simulated 資格確認端末 folders) or an `http(s)://` URL. */
  readonly service: string;
  readonly mode: 'visual' | 'pin';
  /** Folder for the SQLite database and the file-link folders. */
  readonly dataDir: string;
  readonly pinSource: PinSource;
  /** 機関コード (demo default: a 10-digit test code). */
  readonly institutionCode?: string;
  /**
   * With `service: 'filelink'`: card checks happen at the simulated 資格確認端末's own reader, as
   * with a real terminal, and the desk waits for the face result ({@link Desk.terminal});
   * `query()` keeps number checks. Without it the file link answers card queries through
   * onshikit's simulator-only extension (the web demo).
   */
  readonly terminalReader?: boolean;
  /** PC/SC reader options (only with `reader: 'pcsc'`). */
  readonly pcsc?: { readonly readerName?: string; readonly timeoutMs?: number };
}

/** The desk's side of a clinic with a 資格確認端末 whose reader reads the card (`terminalReader`). */
export interface TerminalDesk {
  /** Waits for the patient's face result and saves it with the desk's store. */
  readonly check: TerminalFaceCheck;
  readonly terminal: SimulatedOqsTerminal;
  readonly institutionCode: string;
}

const DEMO_INSTITUTION = '0110000001';

export class Desk {
  readonly workflow: ReceptionWorkflow;
  /** Set with `service: 'filelink'` and `terminalReader`. */
  readonly terminal: TerminalDesk | undefined;
  readonly store: SqliteRececonStore;
  readonly population: SimulatedPopulation;
  readonly slot: SimulatedReaderSlot;
  readonly serviceName: string;
  readonly #closers: (() => Promise<void>)[];
  readonly #revoked: Set<string>;

  private constructor(parts: {
    workflow: ReceptionWorkflow;
    store: SqliteRececonStore;
    population: SimulatedPopulation;
    slot: SimulatedReaderSlot;
    serviceName: string;
    closers: (() => Promise<void>)[];
    revoked: Set<string>;
    terminal?: TerminalDesk;
  }) {
    this.workflow = parts.workflow;
    this.store = parts.store;
    this.population = parts.population;
    this.slot = parts.slot;
    this.serviceName = parts.serviceName;
    this.#closers = parts.closers;
    this.#revoked = parts.revoked;
    this.terminal = parts.terminal;
  }

  static async open(config: DeskConfig): Promise<Desk> {
    await mkdir(config.dataDir, { recursive: true });
    const closers: (() => Promise<void>)[] = [];
    const revoked = new Set<string>();
    const population = new SimulatedPopulation({
      isRevoked: (serial) => revoked.has(serial.toLowerCase().replace(/^0+/, '')),
    });
    const { service, name, terminal } = await openService(config, population, closers);
    const store = SqliteRececonStore.open({ filename: path.join(config.dataDir, 'rececon.sqlite') });
    closers.push(async () => store.close());
    const slot = new SimulatedReaderSlot();
    const cards = await openCardSource(config, slot, closers);
    const workflow = new ReceptionWorkflow({
      service,
      cards,
      pinSource: config.pinSource,
      store,
      settings: { institutionCode: config.institutionCode ?? DEMO_INSTITUTION, identityMode: config.mode },
      operator: 'demo-desk',
      terminalId: 'demo-1',
    });
    const terminalDesk =
      terminal === undefined
        ? undefined
        : {
            terminal: terminal.terminal,
            institutionCode: config.institutionCode ?? DEMO_INSTITUTION,
            check: new TerminalFaceCheck({
              service: terminal.link,
              store,
              operator: 'demo-desk',
              terminalId: 'demo-1',
              identityMode: config.mode,
            }),
          };
    return new Desk({
      workflow,
      store,
      population,
      slot,
      serviceName: name,
      closers,
      revoked,
      ...(terminalDesk === undefined ? {} : { terminal: terminalDesk }),
    });
  }

  /** Builds the patient's virtual card, tells the simulated service who they are, and places the card. */
  async presentPatient(patient: DemoPatient): Promise<VirtualMyNumberCard> {
    const card = await this.#cardOf(patient);
    this.slot.insert(card);
    return card;
  }

  /**
   * The patient puts their card on the simulated terminal's reader: the terminal writes the face
   * result the patient's scenario decides. Returns the face file's name.
   */
  async presentAtTerminal(patient: DemoPatient): Promise<string> {
    const terminal = this.terminal;
    if (terminal === undefined) throw new Error('this desk has no terminal reader (use filelink)');
    const card = await this.#cardOf(patient);
    return await terminal.terminal.presentCardAtReader(card, { institutionCode: terminal.institutionCode });
  }

  /** The patient's virtual card, registered with the simulated service (and its revocation list). */
  async #cardOf(patient: DemoPatient): Promise<VirtualMyNumberCard> {
    const profile = patient.card();
    const card = await VirtualMyNumberCard.create(profile);
    const serial = card.authCertificateSerial;
    if (serial) {
      this.population.assign(serial, patient.scenario);
      if (profile.certificates.auth?.revoked) this.#revoked.add(serial.toLowerCase().replace(/^0+/, ''));
    }
    return card;
  }

  /**
   * What the rececon has registered for the patient (name and birth date), to match the face
   * result: the scenario's person; a patient unknown to the national system keeps a name of its own.
   */
  registeredPatient(patient: DemoPatient): FaceCheckPatient {
    const person = this.population.entry(patient.scenario).people[0];
    return person === undefined
      ? { name: '試験　未登録', birthDate: '1980-01-01', patientId: patient.id }
      : { name: person.name, birthDate: person.birthDate, patientId: patient.id };
  }

  async close(): Promise<void> {
    // biome-ignore lint/plugin/no-swallowed-rejection: closing the demo desk: each resource is released even when an earlier one failed to close
    for (const close of this.#closers.reverse()) await close().catch(() => undefined);
  }
}

async function openService(
  config: DeskConfig,
  population: SimulatedPopulation,
  closers: (() => Promise<void>)[],
): Promise<{
  service: EligibilityService;
  name: string;
  terminal?: { terminal: SimulatedOqsTerminal; link: OqsFileLinkService };
}> {
  if (config.service === 'http') {
    const server = await startSimulatedEligibilityServer({ population });
    closers.push(() => server.close());
    return {
      service: new HttpEligibilityService({ baseUrl: server.url }),
      name: `simulated HTTP service ${server.url}`,
    };
  }
  if (config.service === 'filelink') {
    const root = path.join(config.dataDir, 'oqs');
    const terminal = await SimulatedOqsTerminal.start({ root, population });
    closers.push(() => terminal.close());
    const link = new OqsFileLinkService({
      folders: { ...terminal.folders, state: path.join(root, 'local') },
      // A real terminal reads the card at its own reader (face results); number checks go through query().
      ...(config.terminalReader === true ? {} : { cardQueries: 'onshikit-extension' as const }),
    });
    closers.push(() => link.close());
    return {
      service: link,
      name: `simulated 資格確認端末 (file link ${root})`,
      ...(config.terminalReader === true ? { terminal: { terminal, link } } : {}),
    };
  }
  if (/^https?:\/\//.test(config.service)) {
    return { service: new HttpEligibilityService({ baseUrl: config.service }), name: `HTTP ${config.service}` };
  }
  throw new Error(`unknown service "${config.service}": use http, filelink or an http(s):// URL`);
}

async function openCardSource(
  config: DeskConfig,
  slot: SimulatedReaderSlot,
  closers: (() => Promise<void>)[],
): Promise<CardSource> {
  switch (config.reader) {
    case 'sim':
      return transportCardSource((options) => slot.connect(options));
    case 'ble-sim':
      return (await import('./ble-reader.js')).simulatedBleCardSource(slot);
    case 'ble':
      return (await import('./ble-reader.js')).nobleBleCardSource();
    case 'pcsc':
      return (await import('./pcsc-reader.js')).openPcscCardSource(config.pcsc ?? {}, closers);
  }
}
