import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  EligibilityError,
  MemoryRececonStore,
  ReceptionWorkflow,
  type EligibilityResponse,
} from '@onshikit/eligibility';
import { decodeEligibilityResponse } from '@onshikit/eligibility/xml';
import { FACE_RESULT_NAME, FaceXmlRececonStore, FaceXmlSink } from '@onshikit/eligibility/node';
import { sampleCheckRecord } from '@onshikit/eligibility/testing';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { jpText, responseArbitrary, sjisText } from './support/arbitraries.js';
import { FakeCard, ScriptedService } from './support/fakes.js';

const NOW = new Date('2026-12-03T01:00:00Z'); // 10:00:00 JST
const INSTITUTION = '1312345678';
const dirs: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'face-sink-'));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** Debian's xmllint (libxml2-utils), a parser this project did not write: throws on any error. */
function xmllint(file: string): void {
  execFileSync('xmllint', ['--noout', '--nonet', file], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** The response as the sink writes it: the file's own id and time in the header, the rest as given. */
function asWritten(response: EligibilityResponse, name: string): EligibilityResponse {
  const fileId = name.slice(`OQSsiquc01res_face_${INSTITUTION}`.length, name.lastIndexOf('_'));
  return {
    ...response,
    header: { ...response.header, institutionCode: INSTITUTION, fileId, processedAt: '2026-12-03T10:00:00' },
  };
}

describe('FaceXmlSink: files a face-result rececon takes', () => {
  it.each([
    ['utf-8', jpText],
    ['shift_jis', sjisText],
  ] as const)('%s: xmllint parses every file and the decoder round-trips it (property)', async (encoding, text) => {
    const dir = await tempDir();
    const sink = new FaceXmlSink({ dir, institutionCode: INSTITUTION, encoding, now: () => NOW });
    await fc.assert(
      fc.asyncProperty(responseArbitrary(text), async (response) => {
        const name = await sink.writeResponse(response);
        expect(name).toMatch(FACE_RESULT_NAME);
        const file = path.join(dir, name);
        xmllint(file);
        const bytes = new Uint8Array(await readFile(file));
        const head = new TextDecoder().decode(bytes.subarray(0, 60));
        expect(head).toContain(encoding === 'utf-8' ? 'encoding="UTF-8"' : 'encoding="Shift_JIS"');
        expect(decodeEligibilityResponse(bytes)).toEqual(asWritten(response, name));
      }),
      { numRuns: 40 },
    );
    const names = await readdir(dir);
    expect(names).toHaveLength(40);
    expect(names.every((n) => FACE_RESULT_NAME.test(n))).toBe(true);
  });

  it('names as the terminal does: 医療機関コード + time + sequence, JST stamp; an existing file is never replaced', async () => {
    const dir = await tempDir();
    const taken = `OQSsiquc01res_face_${INSTITUTION}20261203100000001_20261203100000.xml`;
    await writeFile(path.join(dir, taken), 'the rececon has not taken this one yet');
    const sink = new FaceXmlSink({ dir, institutionCode: INSTITUTION, now: () => NOW });
    const response = fc.sample(responseArbitrary(), { numRuns: 1, seed: 19 })[0]!;
    const name = await sink.writeResponse(response);
    expect(name).toBe(`OQSsiquc01res_face_${INSTITUTION}20261203100000002_20261203100000.xml`);
    expect(await readFile(path.join(dir, taken), 'utf8')).toBe('the rececon has not taken this one yet');
    expect(decodeEligibilityResponse(new Uint8Array(await readFile(path.join(dir, name)))).header.fileId).toBe(
      '20261203100000002',
    );
  });

  it('files are 0600 by default, 0644 when configured; no temporary file is left', async () => {
    const dir = await tempDir();
    const response = fc.sample(responseArbitrary(), { numRuns: 1, seed: 7 })[0]!;
    const privateName = await new FaceXmlSink({ dir, institutionCode: INSTITUTION, now: () => NOW }).writeResponse(
      response,
    );
    const sharedName = await new FaceXmlSink({
      dir,
      institutionCode: INSTITUTION,
      now: () => NOW,
      fileMode: 0o644,
    }).writeResponse(response);
    expect((await stat(path.join(dir, privateName))).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(dir, sharedName))).mode & 0o777).toBe(0o644);
    expect((await readdir(dir)).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('a character Shift_JIS cannot carry is XML_INVALID_VALUE and nothing is written', async () => {
    const dir = await tempDir();
    const sink = new FaceXmlSink({ dir, institutionCode: INSTITUTION, encoding: 'shift_jis', now: () => NOW });
    const response = fc.sample(responseArbitrary(), { numRuns: 1, seed: 3 })[0]!;
    const error = await sink
      .writeResponse({ ...response, processingResultCode: 'W001', processingResultMessage: '𠮷野家' })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(EligibilityError);
    expect((error as EligibilityError).code).toBe('XML_INVALID_VALUE');
    expect(await readdir(dir)).toEqual([]);
  });

  it('a folder that cannot be written is FILE_LINK_IO; bad settings are SETTINGS_INVALID', async () => {
    const dir = await tempDir();
    const sink = new FaceXmlSink({ dir: path.join(dir, 'missing'), institutionCode: INSTITUTION, now: () => NOW });
    const response = fc.sample(responseArbitrary(), { numRuns: 1, seed: 5 })[0]!;
    await expect(sink.writeResponse(response)).rejects.toMatchObject({ code: 'FILE_LINK_IO' });
    expect(() => new FaceXmlSink({ dir, institutionCode: '13123' })).toThrow(EligibilityError);
    expect(() => new FaceXmlSink({ dir, institutionCode: INSTITUTION, fileMode: 0o666 as 0o644 })).toThrow(
      EligibilityError,
    );
  });

  it('writeRecord: a saved result and a 該当資格なし are written; an error or cancellation is not', async () => {
    const dir = await tempDir();
    const sink = new FaceXmlSink({ dir, institutionCode: INSTITUTION, now: () => NOW });
    const record = sampleCheckRecord();
    const name = await sink.writeRecord(record);
    expect(name).toBeDefined();
    xmllint(path.join(dir, name!));
    const decoded = decodeEligibilityResponse(new Uint8Array(await readFile(path.join(dir, name!))));
    expect(decoded.results).toEqual([record.result]);
    expect(decoded.validity).toBe(record.result!.validity);
    const { result: _r, insurerNumber: _i, ...bare } = record;
    const notFound = await sink.writeRecord({ ...bare, checkId: 'nf-1', outcome: 'not-found' });
    expect(decodeEligibilityResponse(new Uint8Array(await readFile(path.join(dir, notFound!))))).toMatchObject({
      validity: 4,
      results: [],
    });
    expect(await sink.writeRecord({ ...bare, checkId: 'err-1', outcome: 'error' })).toBeUndefined();
    expect(await sink.writeRecord({ ...bare, checkId: 'can-1', outcome: 'cancelled' })).toBeUndefined();
    expect(await readdir(dir)).toHaveLength(2);
  });
});

describe('FaceXmlRececonStore: the reception workflow feeds a face-file rececon', () => {
  it('a completed check is saved and written once; xmllint parses it and it decodes to the saved result', async () => {
    const dir = await tempDir();
    const inner = new MemoryRececonStore();
    const store = new FaceXmlRececonStore(
      inner,
      new FaceXmlSink({ dir, institutionCode: INSTITUTION, encoding: 'shift_jis', now: () => NOW }),
    );
    const card = new FakeCard();
    const workflow = new ReceptionWorkflow({
      service: new ScriptedService(),
      store,
      cards: { waitForCard: async () => card.presented() },
      settings: { institutionCode: INSTITUTION, identityMode: 'visual' },
      operator: 'op-1',
      now: () => NOW,
    });
    const check = workflow.startCheck({
      onEvent: (e) => e.type === 'visual-confirmation-required' && check.confirmVisual(),
    });
    const summary = await check.done;
    expect(summary).toMatchObject({ state: 'done', outcome: 'valid', saved: true });
    const names = await readdir(dir);
    expect(names).toHaveLength(1);
    xmllint(path.join(dir, names[0]!));
    const decoded = decodeEligibilityResponse(new Uint8Array(await readFile(path.join(dir, names[0]!))));
    const saved = await inner.getCheck(summary.checkId);
    expect(decoded.results).toEqual([saved!.result]);
    expect(decoded.header).toMatchObject({
      institutionCode: INSTITUTION,
      referenceClassification: 1,
      segmentOfResult: 1,
    });
    // A retried save of the same check changes nothing and writes nothing.
    expect(await store.saveCheck(saved!)).toEqual({ created: false });
    expect(await readdir(dir)).toHaveLength(1);
    // writeCheck takes the workflow's summary directly.
    const again = await new FaceXmlSink({ dir, institutionCode: INSTITUTION, now: () => NOW }).writeCheck(summary);
    expect(decodeEligibilityResponse(new Uint8Array(await readFile(path.join(dir, again!)))).results).toEqual(
      summary.response!.results,
    );
  });
});
