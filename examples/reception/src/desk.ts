/**
 * One reception desk for the demo: reader, eligibility service, SQLite store and workflow, all
 * against the built-in simulator by default. The terminal demo and the web server both use it.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { HttpEligibilityService, ReceptionWorkflow, transportCardSource } from '@onshikit/eligibility';
import type { CardSource, EligibilityService, PinSource } from '@onshikit/eligibility';
import { OqsFileLinkService } from '@onshikit/eligibility/node';
import {
  SimulatedOqsTerminal,
  SimulatedPopulation,
  VirtualMyNumberCard,
  startSimulatedEligibilityServer,
} from '@onshikit/simulator';
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
  /** PC/SC reader options (only with `reader: 'pcsc'`). */
  readonly pcsc?: { readonly readerName?: string; readonly timeoutMs?: number };
}

export class Desk {
  readonly workflow: ReceptionWorkflow;
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
  }) {
    this.workflow = parts.workflow;
    this.store = parts.store;
    this.population = parts.population;
    this.slot = parts.slot;
    this.serviceName = parts.serviceName;
    this.#closers = parts.closers;
    this.#revoked = parts.revoked;
  }

  static async open(config: DeskConfig): Promise<Desk> {
    await mkdir(config.dataDir, { recursive: true });
    const closers: (() => Promise<void>)[] = [];
    const revoked = new Set<string>();
    const population = new SimulatedPopulation({
      isRevoked: (serial) => revoked.has(serial.toLowerCase().replace(/^0+/, '')),
    });
    const { service, name } = await openService(config, population, closers);
    const store = SqliteRececonStore.open({ filename: path.join(config.dataDir, 'rececon.sqlite') });
    closers.push(async () => store.close());
    const slot = new SimulatedReaderSlot();
    const cards = await openCardSource(config, slot, closers);
    const workflow = new ReceptionWorkflow({
      service,
      cards,
      pinSource: config.pinSource,
      store,
      settings: { institutionCode: config.institutionCode ?? '0110000001', identityMode: config.mode },
      operator: 'demo-desk',
      terminalId: 'demo-1',
    });
    return new Desk({ workflow, store, population, slot, serviceName: name, closers, revoked });
  }

  /** Builds the patient's virtual card, tells the simulated service who they are, and places the card. */
  async presentPatient(patient: DemoPatient): Promise<VirtualMyNumberCard> {
    const profile = patient.card();
    const card = await VirtualMyNumberCard.create(profile);
    const serial = card.authCertificateSerial;
    if (serial) {
      this.population.assign(serial, patient.scenario);
      if (profile.certificates.auth?.revoked) this.#revoked.add(serial.toLowerCase().replace(/^0+/, ''));
    }
    this.slot.insert(card);
    return card;
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
): Promise<{ service: EligibilityService; name: string }> {
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
    return {
      service: new OqsFileLinkService({
        folders: { ...terminal.folders, state: path.join(root, 'local') },
        cardQueries: 'onshikit-extension',
      }),
      name: `simulated 資格確認端末 (file link ${root})`,
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
