/**
 * Issue 20 and issue 15 (the file link and the card): eligibility's file-link client
 * (`OqsFileLinkService`, `TerminalFaceCheck`'s matching) driven against the simulated 資格確認端末,
 * as real terminals and rececons use it. Card checks happen at the terminal's reader and arrive as
 * face results, matched by 照会番号 or name + birth date + today, ambiguous matches surfaced; face
 * files are never moved; a result name already taken is never reused. (The request-file, folder,
 * `.err` and matching properties that need no terminal: packages/eligibility/test/file-link-terminal.test.ts.)
 */
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type EligibilityError, jstDate, type CardQuery, type NumbersQuery } from '@onshikit/eligibility';
import { encodeEligibilityResponse } from '@onshikit/eligibility/xml';
import { matchFaceResults } from '@onshikit/eligibility/node';
import { VirtualMyNumberCard, cardProfiles } from '@onshikit/simulator';
import { SimulatedPopulation } from '@onshikit/simulator-service';
import { errorCode as code } from '../../../test-support/file-link/error-code.js';
import { numbersQuery } from '../../../test-support/file-link/query.js';
import { scratchPerTest } from '../../../test-support/file-link/scratch.js';
import { until } from '../../../test-support/file-link/until.js';
import { type TerminalOptions, startTerminal } from './support/terminal.js';

/** The file id the client writes: client id, JST yyyyMMddHHmmss, 4-digit sequence (the file-link naming). */
const fileIdOf = (clientId: string, date: Date, seq: number): string =>
  `${clientId}${new Date(date.getTime() + 9 * 3_600_000).toISOString().slice(0, 19).replace(/[-:T]/g, '')}${String(seq).padStart(4, '0')}`;
const resultName = (fileId: string): string => `OQSsiquc01res_${fileId}.xml`;

const population = new SimulatedPopulation();
const today = jstDate(new Date());
const numbersOf = (scenario: 'late-elderly' | 'age-70-74', checkId: string): NumbersQuery =>
  numbersQuery(population.entry(scenario).people[0]!, checkId, today);

const scratch = scratchPerTest();
const withTerminal = (options: TerminalOptions = {}) => startTerminal(scratch, population, options);

async function cardOf(scenario: 'late-elderly' | 'age-70-74' | 'preschool'): Promise<CardQuery> {
  const card = await VirtualMyNumberCard.create(cardProfiles.standard());
  population.assign(card.authCertificateSerial as string, scenario);
  return {
    kind: 'card',
    checkDate: today,
    institutionCode: '1312345678',
    fileId: 'desk-check',
    identity: 'visual',
    certificate: card.authCertificateDer as Uint8Array,
  };
}

describe('request files as public clients write them', () => {
  it.each(['zeros', 'spaces'] as const)(
    'the simulated terminal answers a 6-digit 国保 number padded with %s',
    async (padding) => {
      const { client } = await withTerminal();
      const q = numbersOf('age-70-74', 'kokuho-1');
      expect(q.insurerNumber).toMatch(/^\d{6}$/);
      const response = await client('K1', { insurerNumberPadding: padding }).query(q);
      expect(response.results[0]?.insurerNumber).toBe(q.insurerNumber);
    },
  );

  it('a card query is refused by default and writes nothing: the terminal reads the card at its own reader', async () => {
    const { terminal, client } = await withTerminal();
    const error = await client('C1')
      .query(await cardOf('late-elderly'))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SERVICE_REJECTED' });
    expect(String((error as EligibilityError<'SERVICE_REJECTED'>).detail.reason)).toContain('face result');
    expect(terminal.taken).toEqual([]);
  });

  it('never submits a request whose result name already exists; that file stays untouched', async () => {
    const { terminal, client } = await withTerminal();
    const fixed = new Date('2026-11-26T01:00:00Z');
    const taken = resultName(fileIdOf('R1', fixed, 1));
    await writeFile(path.join(terminal.folders.res, taken), 'someone else');
    const response = await client('R1', { now: () => fixed }).query(numbersOf('late-elderly', 'check-r'));
    expect(response.header.fileId).toBe('check-r');
    expect(terminal.taken).toEqual([`OQSsiquc01req_${fileIdOf('R1', fixed, 2)}.xml`]);
    expect(await readFile(path.join(terminal.folders.res, taken), 'utf8')).toBe('someone else');
  });
});

describe('card checks as face results', () => {
  it('the simulated terminal names face files and identifiers as real terminals do', async () => {
    const { terminal } = await withTerminal();
    const name = await terminal.presentCard(await cardOf('preschool'));
    expect(name).toMatch(/^OQSsiquc01res_face_1312345678\d{17}_\d{14}\.xml$/);
    const xml = await readFile(path.join(terminal.folders.face, name), 'utf8');
    const id = /<ArbitraryFileIdentifier>([^<]*)</.exec(xml)?.[1];
    expect(id).toMatch(/^\d{17}$/);
    expect(name).toContain(`1312345678${id}_`);
    expect(xml).not.toContain('desk-check');
  });

  it('matched by name + birth date + today; never "the next face file"; a face file is never moved', async () => {
    const { terminal, client } = await withTerminal();
    const desk = client('F1');
    const other = await terminal.presentCard(await cardOf('preschool'));
    const six = population.entry('age-70-74').people[0]!;
    // Only somebody else's face file exists: no match, whatever waits.
    expect(
      await code(
        desk.awaitFaceResult({ checkDate: today, name: six.name, birthDate: six.birthDate }, { timeoutMs: 80 }),
      ),
    ).toBe('SERVICE_TIMEOUT');
    const mine = await terminal.presentCard(await cardOf('age-70-74'));
    const match = await desk.awaitFaceResult({
      checkDate: today,
      name: six.name.replace('\u3000', ' '),
      birthDate: six.birthDate,
    });
    expect(match).toMatchObject({ status: 'matched', candidate: { file: mine } });
    // Once matched, the same file is not matched again for a later check.
    expect(
      await code(
        desk.awaitFaceResult({ checkDate: today, name: six.name, birthDate: six.birthDate }, { timeoutMs: 50 }),
      ),
    ).toBe('SERVICE_TIMEOUT');
    // A name alone, or another day, never matches.
    expect(
      matchFaceResults([match.status === 'matched' ? match.candidate : (undefined as never)], {
        checkDate: today,
        name: six.name,
      }).status,
    ).toBe('none');
    expect(
      matchFaceResults([match.status === 'matched' ? match.candidate : (undefined as never)], {
        checkDate: '2000-01-01',
        name: six.name,
        birthDate: six.birthDate,
      }).status,
    ).toBe('none');
    expect((await readdir(terminal.folders.face)).sort()).toEqual([mine, other].sort());
  });

  it('two face files of the same person are surfaced as ambiguous; staff choose, then the other one matches', async () => {
    const { terminal, client } = await withTerminal();
    const desk = client('F2');
    const card = await cardOf('late-elderly');
    const first = await terminal.presentCard(card);
    const second = await terminal.presentCard(card);
    const person = population.entry('late-elderly').people[0]!;
    const key = { checkDate: today, name: person.name, birthDate: person.birthDate };
    const match = await desk.awaitFaceResult(key);
    expect(match.status).toBe('ambiguous');
    expect(match.status === 'ambiguous' && match.candidates.map((c) => c.file).sort()).toEqual([first, second].sort());
    await desk.claimFaceResult(first);
    expect(await desk.awaitFaceResult(key)).toMatchObject({ status: 'matched', candidate: { file: second } });
  });

  it('matched by 照会番号 when the desk registered one, and only by it', async () => {
    const { terminal, client } = await withTerminal();
    const person = population.entry('late-elderly').people[0]!;
    const answer = await population.answer({ ...numbersOf('late-elderly', 'x'), fileId: '20261126100000001' });
    const withRef = (ref: string) =>
      encodeEligibilityResponse({ ...answer, results: answer.results.map((r) => ({ ...r, referenceNumber: ref })) });
    await writeFile(
      path.join(terminal.folders.face, 'OQSsiquc01res_face_131234567820261126100000001_20261126100000.xml'),
      withRef('P0001'),
    );
    await writeFile(
      path.join(terminal.folders.face, 'OQSsiquc01res_face_131234567820261126100000002_20261126100001.xml'),
      withRef('P0002'),
    );
    const desk = client('F3');
    expect(
      await desk.awaitFaceResult({
        checkDate: today,
        referenceNumber: 'P0002',
        name: person.name,
        birthDate: person.birthDate,
      }),
    ).toMatchObject({
      status: 'matched',
      candidate: { file: 'OQSsiquc01res_face_131234567820261126100000002_20261126100001.xml' },
    });
    expect(
      await code(
        desk.awaitFaceResult(
          { checkDate: today, referenceNumber: 'P0003', name: person.name, birthDate: person.birthDate },
          { timeoutMs: 50 },
        ),
      ),
    ).toBe('SERVICE_TIMEOUT');
  });
});

describe('two file-link clients and a rececon on the same folders', () => {
  it('each client gets its own results, face files stay for the rececon, and one it moved to its trash is still found', async () => {
    const { root, terminal, client } = await withTerminal();
    const trash = path.join(root, 'rececon-trash');
    await mkdir(trash);
    const a = client('A1', { folders: { ...terminal.folders, state: path.join(root, 'local-A1'), faceTrash: trash } });
    const b = client('B2');
    const [ra, rb] = await Promise.all([
      a.query(numbersOf('late-elderly', 'check-a')),
      b.query(numbersOf('age-70-74', 'check-b')),
    ]);
    expect([ra.header.fileId, rb.header.fileId]).toEqual(['check-a', 'check-b']);
    expect(ra.results[0]?.name).toBe(population.entry('late-elderly').people[0]!.name);
    expect(rb.results[0]?.name).toBe(population.entry('age-70-74').people[0]!.name);

    const face = await terminal.presentCard(await cardOf('age-70-74'));
    // B's recover() hands the face result over but leaves it in place.
    const seenByB: string[] = [];
    expect(await b.recover((r) => void seenByB.push(r.file))).toBe(1);
    expect(seenByB).toEqual([face]);
    expect(await readdir(terminal.folders.face)).toEqual([face]);
    // The rececon reads it and moves it to its own trash.
    const receconRead = await readFile(path.join(terminal.folders.face, face));
    expect(receconRead.length).toBeGreaterThan(0);
    await rename(path.join(terminal.folders.face, face), path.join(trash, face));
    const six = population.entry('age-70-74').people[0]!;
    expect(await a.awaitFaceResult({ checkDate: today, name: six.name, birthDate: six.birthDate })).toMatchObject({
      status: 'matched',
      candidate: { file: face },
    });
    expect(await a.recover(() => undefined)).toBe(0);
    expect(await b.recover(() => undefined)).toBe(0);
    expect(await readdir(trash)).toEqual([face]);
    expect(await readdir(terminal.folders.res)).toEqual([]);
  });

  it('a result the terminal purged after its stay time is not waited for forever: the pending entry expires', async () => {
    const { root, terminal, client } = await withTerminal({ resultStayMs: 30 });
    const slow = client('S1', { pendingTtlMs: 1 });
    terminal.faults.latencyMs = 150; // the terminal takes the request, answers after the wait ended
    const controller = new AbortController();
    const waiting = slow.query(numbersOf('late-elderly', 'check-purged'), { signal: controller.signal });
    await until(async () => (terminal.taken.length > 0 ? true : undefined));
    controller.abort();
    expect(await code(waiting)).toBe('SERVICE_ABORTED');
    expect(await readdir(path.join(root, 'local-S1', 'pending'))).toHaveLength(1);
    await until(async () => (terminal.purged.length > 0 ? true : undefined));
    expect(await slow.recover(() => undefined)).toBe(0);
    expect(await readdir(path.join(root, 'local-S1', 'pending'))).toEqual([]);
  });
});
