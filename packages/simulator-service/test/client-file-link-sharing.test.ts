/**
 * Issue 14 / issue 20: two file-link clients on the same terminal folders. Each claims only the
 * results of requests it wrote (its own req → res pairs), checked against the request's
 * ArbitraryFileIdentifier and 医療機関コード; a client's recover() never takes, nor fails on,
 * the other's in-flight result; a second live instance with the same state is refused.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EligibilityError, type NumbersQuery } from '@onshikit/eligibility';
import { encodeEligibilityResponse } from '@onshikit/eligibility/xml';
import type { RecoveredResult } from '@onshikit/eligibility/node';
import { SimulatedPopulation } from '@onshikit/simulator-service';
import { errorCode as code } from '../../../test-support/file-link/error-code.js';
import { numbersQuery } from '../../../test-support/file-link/query.js';
import { scratchPerTest } from '../../../test-support/file-link/scratch.js';
import { until } from '../../../test-support/file-link/until.js';
import { startTerminal } from './support/terminal.js';

const population = new SimulatedPopulation();
const person = population.entry('late-elderly').people[0]!;
const query = (checkId: string): NumbersQuery => numbersQuery(person, checkId);

const scratch = scratchPerTest();

async function setup(faults = {}) {
  const started = await startTerminal(scratch, population, { faults }, 'onshikit-share-');
  /** A client whose local state is `local-<local>`: two clients may be given the same one. */
  const client = (clientId: string, local = clientId) => started.client(clientId, {}, `local-${local}`);
  return { root: started.root, terminal: started.terminal, client };
}

describe('two file-link clients on the same folders', () => {
  it("one client's recover() never delivers the other's in-flight result, and does not fail", async () => {
    const { terminal, client } = await setup({ latencyMs: 150 });
    const a = client('A1');
    const b = client('B2');
    const seenByB: RecoveredResult[] = [];
    let done = false;
    const answered = a.query(query('check-a-1')).finally(() => {
      done = true;
    });
    while (!done) {
      await b.recover((r) => void seenByB.push(r));
      await new Promise((r) => setTimeout(r, 5));
    }
    const response = await answered;
    expect(response.header.fileId).toBe('check-a-1');
    expect(response.results[0]?.insurerNumber).toBe(person.insurerNumber);
    expect(seenByB).toEqual([]);
    expect(await readdir(terminal.folders.res)).toEqual([]);
    expect(await readdir(path.join(a.stateFolder, 'handled'))).toHaveLength(1);
  });

  it('a late result is claimed only by the client that wrote its request, also after that client restarts', async () => {
    const { root, terminal, client } = await setup({ latencyMs: 200 });
    const a = client('A1');
    const b = client('B2');
    // The terminal takes the request, then answers after the wait has ended (here: aborted).
    const controller = new AbortController();
    const waiting = a.query(query('check-late'), { signal: controller.signal });
    await until(async () => terminal.taken.length > 0 || undefined);
    controller.abort();
    expect(await code(waiting)).toBe('SERVICE_ABORTED');
    // The terminal writes a temp file and renames it: wait for the result name itself.
    const results = async (): Promise<string[]> =>
      (await readdir(terminal.folders.res)).filter((n) => !n.startsWith('.'));
    await until(async () => (await results()).length === 1 || undefined);
    const [name] = await results();
    expect(name).toMatch(/^OQSsiquc01res_A1\d{18}\.xml$/);
    expect(await b.recover(() => undefined)).toBe(0);
    expect(await readdir(terminal.folders.res)).toEqual([name]);
    await a.close();
    const restarted = client('A1', 'A1');
    const seen: RecoveredResult[] = [];
    expect(await restarted.recover((r) => void seen.push(r))).toBe(1);
    expect(seen).toMatchObject([
      {
        source: 'res',
        checkId: 'check-late',
        file: name,
        response: { header: { fileId: 'check-late', institutionCode: '1312345678' } },
      },
    ]);
    expect(await restarted.recover(() => undefined)).toBe(0);
    expect(await readdir(terminal.folders.res)).toEqual([]);
    expect(await readdir(path.join(root, 'local-A1', 'handled'))).toEqual([name]);
  });

  it('a second live instance with the same client id and local state is refused until the first closes', async () => {
    const { client } = await setup();
    const first = client('A1', 'same');
    await first.prepare();
    const second = client('A1', 'same');
    const error = await second.prepare().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EligibilityError);
    expect((error as EligibilityError).code).toBe('FILE_LINK_IO');
    expect(String((error as EligibilityError<'FILE_LINK_IO'>).detail.reason)).toContain('in use');
    await first.close();
    await second.prepare();
  });

  it("a dead process's lock, or a torn one, is taken over; a live one on this PC is not", async () => {
    const { root, client } = await setup();
    const local = path.join(root, 'local-stale');
    await mkdir(local, { recursive: true });
    const dead = spawnSync(process.execPath, ['-e', '0']).pid as number; // exited: its pid is free
    await writeFile(path.join(local, 'lock'), JSON.stringify({ pid: dead, host: hostname(), token: 'old' }));
    const first = client('A1', 'stale');
    await first.prepare();
    await first.close();
    await writeFile(path.join(local, 'lock'), '{"pid":');
    const second = client('A1', 'stale');
    await second.prepare();
    await second.close();
    await writeFile(path.join(local, 'lock'), JSON.stringify({ pid: process.ppid, host: hostname(), token: 'live' }));
    const third = client('A1', 'stale');
    expect(await code(third.prepare())).toBe('FILE_LINK_IO');
  });

  it('a result under our name but with another 医療機関コード or file id is not claimed', async () => {
    const { terminal, client } = await setup({ dropNext: 1 });
    const a = client('A1');
    const controller = new AbortController();
    const waiting = a.query(query('check-forged'), { signal: controller.signal });
    await until(async () => terminal.taken.length > 0 || undefined);
    controller.abort();
    expect(await code(waiting)).toBe('SERVICE_ABORTED');
    // The terminal took (and dropped) the request; someone else writes a result under its name.
    const [requestName] = terminal.taken;
    const resultName = (requestName as string).replace('req_', 'res_');
    const fileId = resultName.slice('OQSsiquc01res_'.length, -4);
    const answer = await population.answer({ ...query('x'), fileId });
    for (const header of [{ institutionCode: '1399999999' }, { fileId: 'A1999999999999999999' }]) {
      await writeFile(
        path.join(terminal.folders.res, resultName),
        encodeEligibilityResponse({ ...answer, header: { ...answer.header, ...header } }),
      );
      expect(await a.recover(() => undefined)).toBe(0);
      expect(await readdir(terminal.folders.res)).toEqual([resultName]);
    }
    await writeFile(path.join(terminal.folders.res, resultName), encodeEligibilityResponse(answer));
    const seen: string[] = [];
    expect(await a.recover((r) => void seen.push(r.checkId ?? ''))).toBe(1);
    expect(seen).toEqual(['check-forged']);
  });

  it('results written for a client that is not us are never touched', async () => {
    const { terminal, client } = await setup();
    const stranger = await population.answer({ ...query('x'), fileId: '20261126100000001' });
    const strangerName = 'OQSsiquc01res_20261126100000001.xml';
    await writeFile(path.join(terminal.folders.res, strangerName), encodeEligibilityResponse(stranger));
    const a = client('A1');
    expect(await a.recover(() => undefined)).toBe(0);
    expect((await a.query(query('check-own'))).header.fileId).toBe('check-own');
    expect(await a.recover(() => undefined)).toBe(0);
    expect(await readdir(terminal.folders.res)).toEqual([strangerName]);
  });
});
