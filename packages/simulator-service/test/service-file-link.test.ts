import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jstDate, type NumbersQuery } from '@onshikit/eligibility';
import { OqsFileLinkService } from '@onshikit/eligibility/node';
import { SimulatedPopulation } from '@onshikit/simulator-service';
import { errorCode as code } from '../../../test-support/file-link/error-code.js';
import { numbersQuery } from '../../../test-support/file-link/query.js';
import { scratchPerTest } from '../../../test-support/file-link/scratch.js';
import { startTerminal } from './support/terminal.js';

const population = new SimulatedPopulation();
const person = population.entry('late-elderly').people[0]!;
const baseQuery = (fileId: string): NumbersQuery => numbersQuery(person, fileId);

const scratch = scratchPerTest();

/** The terminal and one client, SIM1, with its local state in `<root>/local`. */
async function setup(faults = {}) {
  const { root, terminal, client } = await startTerminal(scratch, population, { faults }, 'onshikit-fl-');
  const service = client('SIM1', { timeoutMs: 2000, pollMs: 20 }, 'local');
  await service.prepare();
  return { root, terminal, service };
}

describe('OqsFileLinkService against the simulated terminal', () => {
  it('writes the request, reads the result and keeps it in the local handled/', async () => {
    const { root, service } = await setup();
    const response = await service.query(baseQuery('fl-1'));
    expect(response.header.fileId).toBe('fl-1');
    expect(response.results[0]).toMatchObject({ insurerNumber: person.insurerNumber, burdenRatio: { percent: 10 } });
    expect(await readdir(path.join(root, 'local', 'handled'))).toEqual([
      expect.stringMatching(/^OQSsiquc01res_SIM1\d{18}\.xml$/),
    ]);
    expect(await readdir(path.join(root, 'res'))).toEqual([]);
  });

  it('reads Shift_JIS results and half-written files', async () => {
    const { service } = await setup({ shiftJis: true, halfWrittenNext: 1, halfWrittenDelayMs: 120 });
    const response = await service.query(baseQuery('fl-2'));
    expect(response.results[0]?.name).toBe(person.name);
  });

  it('a malformed result ends SERVICE_BAD_RESPONSE and is kept in the local error/', async () => {
    const { root, service } = await setup({ malformedNext: 1 });
    expect(await code(service.query(baseQuery('fl-3'), { timeoutMs: 2_000 }))).toBe('SERVICE_BAD_RESPONSE');
    expect(await readdir(path.join(root, 'local', 'error'))).toEqual([
      expect.stringMatching(/^OQSsiquc01res_SIM1\d{18}\.xml$/),
    ]);
    expect(await readdir(path.join(root, 'res'))).toEqual([]);
  });

  it('times out cleanly and withdraws a request the terminal has not taken', async () => {
    const { root, terminal, service } = await setup();
    await terminal.close(); // the terminal is down
    expect(await code(service.query(baseQuery('fl-4'), { timeoutMs: 150 }))).toBe('SERVICE_TIMEOUT');
    expect((await readdir(path.join(root, 'req'))).filter((n) => !n.startsWith('.'))).toEqual([]);
  });

  it('a 異常終了 answer resolves with the error header (the workflow shows it)', async () => {
    const { service } = await setup({ unavailableNext: 1 });
    const response = await service.query(baseQuery('fl-5'));
    expect(response.header).toMatchObject({ segmentOfResult: 9, errorCode: 'SIM-UNAVAILABLE' });
  });

  it('across a restart: a result nobody waited for any more is recovered exactly once by its writer', async () => {
    const { root, terminal, service } = await setup({ latencyMs: 150 });
    // The terminal takes the request, the wait ends, then the process stops.
    const controller = new AbortController();
    const waiting = service.query(baseQuery('fl-6'), { signal: controller.signal });
    for (let i = 0; i < 200 && terminal.taken.length === 0; i += 1) await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    expect(await code(waiting)).toBe('SERVICE_ABORTED');
    await service.close();
    for (let i = 0; i < 100 && (await readdir(terminal.folders.res)).length === 0; i += 1)
      await new Promise((r) => setTimeout(r, 20));
    const restarted = new OqsFileLinkService({
      folders: { ...terminal.folders, state: path.join(root, 'local') },
      clientId: 'SIM1',
      pollMs: 20,
    });
    scratch.defer(() => restarted.close());
    const seen: string[] = [];
    // The terminal may still be writing the file when it first appears: recover() leaves a fresh,
    // unparsable file for a later pass (the half-written-file rule), so poll until it is taken.
    let recovered = 0;
    for (let i = 0; i < 100 && recovered === 0; i += 1) {
      recovered += await restarted.recover(({ response }) => void seen.push(response.header.fileId));
      if (recovered === 0) await new Promise((r) => setTimeout(r, 20));
    }
    expect(recovered).toBe(1);
    expect(await restarted.recover(({ response }) => void seen.push(response.header.fileId))).toBe(0);
    expect(seen).toEqual(['fl-6']);
    expect(await readdir(path.join(root, 'local', 'handled'))).toHaveLength(1);
    expect(await readdir(terminal.folders.res)).toEqual([]);
  });

  it('card-initiated results in face/ are handed over once by recover() and never moved', async () => {
    const { terminal, service } = await setup();
    const { VirtualMyNumberCard, cardProfiles } = await import('@onshikit/simulator');
    const card = await VirtualMyNumberCard.create(cardProfiles.standard());
    population.assign(card.authCertificateSerial as string, 'preschool');
    const name = await terminal.presentCard({
      kind: 'card',
      checkDate: jstDate(new Date()),
      institutionCode: '1312345678',
      fileId: 'face-1',
      identity: 'visual',
      certificate: card.authCertificateDer as Uint8Array,
    });
    const seen: { source: string; percent: number | undefined }[] = [];
    expect(
      await service.recover(
        ({ source, response }) => void seen.push({ source, percent: response.results[0]?.burdenRatio.percent }),
      ),
    ).toBe(1);
    expect(seen).toEqual([{ source: 'face', percent: 20 }]);
    expect(await service.recover(() => undefined)).toBe(0);
    expect(await readdir(terminal.folders.face)).toEqual([name]);
  });

  it('a second query with the same check id while one waits is rejected', async () => {
    const { service } = await setup({ latencyMs: 100 });
    const first = service.query(baseQuery('fl-7'));
    expect(await code(service.query(baseQuery('fl-7')))).toBe('SERVICE_REJECTED');
    expect((await first).status).toBe(1);
  });
});
