/**
 * Issue 20 (matching a face result to the patient at the desk) and issue 15 (card checks arrive
 * as face results): the desk flow for a clinic with a real 資格確認端末, end to end on the
 * simulated terminal. The card is presented at the terminal's own reader; the desk waits for the
 * patient's face result (照会番号, or name + birth date + today), staff choose when two patients
 * match, the record is saved with its audit entry, and the face file stays for the rececon.
 */
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryRececonStore, jstDate, type EligibilityResponse } from '@onshikit/eligibility';
import { encodeEligibilityResponse } from '@onshikit/eligibility/xml';
import { TerminalFaceCheck, type FaceCandidate, type TerminalFaceCheckEvent } from '@onshikit/eligibility/node';
import { VirtualMyNumberCard, cardProfiles } from '@onshikit/simulator';
import { SimulatedPopulation } from '@onshikit/simulator-service';
import { scratchPerTest } from '../../../test-support/file-link/scratch.js';
import { startTerminal } from './support/terminal.js';

const INSTITUTION = '1312345678';
const population = new SimulatedPopulation();
const today = jstDate(new Date());

const scratch = scratchPerTest();

async function setup() {
  const { root, terminal, client: link } = await startTerminal(scratch, population, {}, 'onshikit-facecheck-');
  const service = link('D1');
  const store = new MemoryRececonStore();
  const events: TerminalFaceCheckEvent[] = [];
  const check = new TerminalFaceCheck({ service, store, operator: 'desk-1', terminalId: 't1', identityMode: 'pin' });
  return { root, terminal, link, service, store, check, events };
}

async function cardOf(scenario: 'valid' | 'late-elderly' | 'age-70-74' | 'multiple'): Promise<VirtualMyNumberCard> {
  const card = await VirtualMyNumberCard.create(cardProfiles.standard());
  population.assign(card.authCertificateSerial as string, scenario);
  return card;
}

const never = (): undefined => {
  throw new Error('no staff choice expected');
};

describe('TerminalFaceCheck: card checks at the terminal, results from the face folder', () => {
  it('matches by name + birth date, saves the record with its audit entry, leaves the face file for the rececon', async () => {
    const { terminal, link, store, check, events } = await setup();
    const person = population.entry('late-elderly').people[0]!;
    const running = check.run({
      checkId: 'face-1',
      patient: { name: person.name.replace('\u3000', ' '), birthDate: person.birthDate, patientId: 'P-77' },
      onEvent: (e) => events.push(e),
      chooseFaceResult: never,
    });
    const file = await terminal.presentCardAtReader(await cardOf('late-elderly'), { institutionCode: INSTITUTION });
    const summary = await running;
    expect(summary).toMatchObject({
      checkId: 'face-1',
      state: 'done',
      mode: 'pin',
      outcome: 'valid',
      saved: true,
      faceFile: file,
    });
    // The result and burden ratio exactly as the terminal's file decoded: nothing re-derived.
    const decoded = summary.response?.results[0];
    expect(summary.result).toBe(decoded);
    expect(summary.result?.burdenRatio.percent).toBe(10);
    const record = await store.getCheck('face-1');
    expect(record).toMatchObject({
      operator: 'desk-1',
      terminalId: 't1',
      mode: 'pin',
      outcome: 'valid',
      patientId: 'P-77',
      insurerNumber: person.insurerNumber,
    });
    expect(record?.result).toEqual(decoded);
    const audit = await store.listAudit({});
    expect(audit.map((a) => [a.action, a.checkId, a.outcome, a.mode])).toEqual([['check', 'face-1', 'valid', 'pin']]);
    expect(events.map((e) => e.type)).toEqual(['waiting-for-face-result', 'result', 'saved']);
    // The face file stays where the terminal wrote it, and a rececon reading the same folder still finds it.
    expect(await readdir(terminal.folders.face)).toEqual([file]);
    const seen: string[] = [];
    await link('RC').recover((r) => {
      seen.push(`${r.source}:${r.file}:${r.response.results[0]?.name}`);
    });
    expect(seen).toEqual([`face:${file}:${person.name}`]);
    expect(await readdir(terminal.folders.face)).toEqual([file]);
  });

  it('matches by 照会番号 when the desk registered one, whatever other face files hold', async () => {
    const { terminal, check } = await setup();
    const answer = await population.answer({
      kind: 'card',
      checkDate: today,
      institutionCode: INSTITUTION,
      fileId: '20261126100000001',
      identity: 'visual',
      certificate: (await cardOf('valid')).authCertificateDer as Uint8Array,
    });
    const withRef = (ref: string): Uint8Array =>
      encodeEligibilityResponse({ ...answer, results: answer.results.map((r) => ({ ...r, referenceNumber: ref })) });
    await writeFile(path.join(terminal.folders.face, faceName(1)), withRef('R0001'));
    await writeFile(path.join(terminal.folders.face, faceName(2)), withRef('R0002'));
    const summary = await check.run({
      checkId: 'face-ref',
      patient: { referenceNumber: 'R0002' },
      chooseFaceResult: never,
    });
    expect(summary).toMatchObject({ state: 'done', outcome: 'valid', faceFile: faceName(2) });
    expect(summary.result?.referenceNumber).toBe('R0002');
  });

  it('two patients with the same name and birth date: staff choose, and the chosen one is saved', async () => {
    const { terminal, store, check, events } = await setup();
    const mine = await terminal.presentCardAtReader(await cardOf('valid'), { institutionCode: INSTITUTION });
    // Another patient, same name and birth date, other insurer: a second face file the same morning.
    const other = faceName(9);
    await writeFile(path.join(terminal.folders.face, other), encodeEligibilityResponse(await twinOf('valid')));
    const person = population.entry('valid').people[0]!;
    let offered: readonly FaceCandidate[] = [];
    const summary = await check.run({
      checkId: 'face-twins',
      patient: { name: person.name, birthDate: person.birthDate },
      onEvent: (e) => events.push(e),
      chooseFaceResult: (candidates) => {
        offered = candidates;
        return candidates.find((c) => c.response.results[0]?.insurerNumber === person.insurerNumber)?.file;
      },
    });
    expect(offered.map((c) => c.file).sort()).toEqual([mine, other].sort());
    expect(events.map((e) => e.type)).toContain('face-match-ambiguous');
    expect(summary).toMatchObject({ state: 'done', faceFile: mine, saved: true });
    expect((await store.getCheck('face-twins'))?.insurerNumber).toBe(person.insurerNumber);
    expect((await readdir(terminal.folders.face)).sort()).toEqual([mine, other].sort());
  });

  it('staff choosing none of the ambiguous files cancels the check; it is audited, nothing saved', async () => {
    const { terminal, store, check } = await setup();
    await terminal.presentCardAtReader(await cardOf('valid'), { institutionCode: INSTITUTION });
    await writeFile(path.join(terminal.folders.face, faceName(8)), encodeEligibilityResponse(await twinOf('valid')));
    const person = population.entry('valid').people[0]!;
    const summary = await check.run({
      checkId: 'face-none',
      patient: { name: person.name, birthDate: person.birthDate },
      chooseFaceResult: () => undefined,
    });
    expect(summary).toMatchObject({ state: 'cancelled', outcome: 'cancelled', saved: false });
    expect(await store.getCheck('face-none')).toBeUndefined();
    expect((await store.listAudit({})).map((a) => [a.checkId, a.outcome])).toEqual([['face-none', 'cancelled']]);
  });

  it('several qualifications in one face result: staff select one (複数該当)', async () => {
    const { terminal, store, check } = await setup();
    const person = population.entry('multiple').people[1]!;
    const running = check.run({
      checkId: 'face-multi',
      patient: { name: person.name, birthDate: person.birthDate },
      chooseFaceResult: never,
      chooseResult: (results) => results.findIndex((r) => r.insurerNumber === person.insurerNumber),
    });
    await terminal.presentCardAtReader(await cardOf('multiple'), { institutionCode: INSTITUTION });
    const summary = await running;
    expect(summary.state).toBe('done');
    expect((await store.getCheck('face-multi'))?.insurerNumber).toBe(person.insurerNumber);
  });

  it('another patient’s face file never matches: the wait times out (SERVICE_TIMEOUT), audited', async () => {
    const { terminal, store, check } = await setup();
    await terminal.presentCardAtReader(await cardOf('age-70-74'), { institutionCode: INSTITUTION });
    const person = population.entry('valid').people[0]!;
    const summary = await check.run({
      checkId: 'face-timeout',
      patient: { name: person.name, birthDate: person.birthDate },
      timeoutMs: 100,
      chooseFaceResult: never,
    });
    expect(summary).toMatchObject({ state: 'failed', saved: false, error: { code: 'SERVICE_TIMEOUT' } });
    expect(summary.error?.messages.ja).toBeTruthy();
    expect((await store.listAudit({})).map((a) => [a.checkId, a.outcome])).toEqual([
      ['face-timeout', 'SERVICE_TIMEOUT'],
    ]);
  });

  it('an abort while waiting cancels the check, before or during the wait', async () => {
    const { check } = await setup();
    const person = population.entry('valid').people[0]!;
    const patient = { name: person.name, birthDate: person.birthDate };
    const controller = new AbortController();
    const running = check.run({ checkId: 'face-abort', patient, signal: controller.signal, chooseFaceResult: never });
    controller.abort();
    expect(await running).toMatchObject({ state: 'cancelled', outcome: 'cancelled', saved: false });
    const early = await check.run({
      checkId: 'face-abort-2',
      patient,
      signal: AbortSignal.abort(),
      chooseFaceResult: never,
    });
    expect(early.state).toBe('cancelled');
  });

  it('an error face result names nobody, so it is never taken for the patient at the desk (SERVICE_TIMEOUT)', async () => {
    const { terminal, store, check } = await setup();
    const person = population.entry('valid').people[0]!;
    const { validity: _drop, ...ok } = await twinOf('valid');
    const errorResult: EligibilityResponse = { ...ok, status: 2, processingResultCode: 'E1', results: [] };
    await writeFile(path.join(terminal.folders.face, faceName(5)), encodeEligibilityResponse(errorResult));
    const summary = await check.run({
      checkId: 'face-error',
      patient: { name: person.name, birthDate: person.birthDate },
      timeoutMs: 100,
      chooseFaceResult: never,
    });
    expect(summary).toMatchObject({ state: 'failed', error: { code: 'SERVICE_TIMEOUT' }, saved: false });
    expect(await store.getCheck('face-error')).toBeUndefined();
  });

  it('refuses a patient the desk cannot match (no 照会番号, no name + birth date) with a typed error', async () => {
    const { check } = await setup();
    await expect(
      check.run({ checkId: 'x', patient: { name: '試験　一郎' }, chooseFaceResult: never }),
    ).rejects.toMatchObject({ code: 'CHECK_FAILED' });
  });
});

describe('TerminalFaceCheck: whatever staff answer to an ambiguous match', () => {
  it('saves only a file that was offered, and claims it; anything else cancels or fails, audited, nothing saved', async () => {
    const answer = await twinOf('valid');
    const candidates: FaceCandidate[] = [1, 2, 3].map((n) => ({ file: faceName(n), response: answer }));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constant(undefined),
          fc.constantFrom(...candidates.map((c) => c.file)),
          fc.string({ maxLength: 80 }),
        ),
        async (choice) => {
          const claimed: string[] = [];
          const store = new MemoryRececonStore();
          const check = new TerminalFaceCheck({
            service: {
              awaitFaceResult: async () => ({ status: 'ambiguous', candidates }),
              claimFaceResult: async (file) => {
                claimed.push(file);
              },
            },
            store,
            operator: 'desk-1',
            identityMode: 'visual',
          });
          const person = answer.results[0]!;
          const summary = await check.run({
            checkId: 'prop',
            patient: { name: person.name, birthDate: person.birthDate },
            chooseFaceResult: () => choice,
          });
          const offered = candidates.some((c) => c.file === choice);
          expect(summary.state).toBe(offered ? 'done' : choice === undefined ? 'cancelled' : 'failed');
          if (summary.state === 'failed') expect(summary.error?.code).toBe('INVALID_EVENT');
          expect(claimed).toEqual(offered ? [choice] : []);
          expect((await store.getCheck('prop')) !== undefined).toBe(offered);
          expect(await store.listAudit({})).toHaveLength(1);
        },
      ),
      { numRuns: 60 },
    );
  });
});

/** A face file name as a real terminal writes it (institution code + terminal id, timestamp). */
function faceName(n: number): string {
  return `OQSsiquc01res_face_${INSTITUTION}2026112610000000${n}_2026112610000${n}.xml`;
}

/** The scenario's answer for another person with the same name and birth date (another insurer). */
async function twinOf(scenario: 'valid'): Promise<EligibilityResponse> {
  const answer = await population.answer({
    kind: 'card',
    checkDate: today,
    institutionCode: INSTITUTION,
    fileId: '20261126100000099',
    identity: 'visual',
    certificate: (await cardOf(scenario)).authCertificateDer as Uint8Array,
  });
  return {
    ...answer,
    results: answer.results.map((r) => ({ ...r, insurerNumber: '06139999', number: '999', symbol: '99' })),
  };
}
