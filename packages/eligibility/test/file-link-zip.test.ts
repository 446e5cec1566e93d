/**
 * Issue 20: password-protected `.zip` exchange, verified against Debian's `zip` and `unzip`
 * playing the terminal: our ZipCrypto requests open with `unzip -P`, results made with
 * `zip -P` are read; AES-256 round-trips; a wrong password, an over-large entry or a damaged
 * archive is a typed failure that never shows the password.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EligibilityError, type NumbersQuery } from '@onshikit/eligibility';
import { encodeEligibilityResponse } from '@onshikit/eligibility/xml';
import { OqsFileLinkService } from '@onshikit/eligibility/node';
import { numbersQuery } from '../../../test-support/file-link/query.js';
import { scratchPerTest } from '../../../test-support/file-link/scratch.js';
import { until } from '../../../test-support/file-link/until.js';
import { unzipOne, zipOne } from '../src/node/file-link/zip-file.js';
import { foundAnswer, terminalFolders } from './support/file-link.js';

const PASSWORD = 'Tz9-secret-pw';
// The terminal's side is played in-process: a found person's answer, as a 資格確認端末 writes it.
const person = {
  name: '試験　五子',
  insurerNumber: '39131156',
  number: '00000005',
  birthDate: '1946-04-01',
};
const answerOf = (q: NumbersQuery) => foundAnswer(q, person.name);
const query = (checkId: string): NumbersQuery => numbersQuery(person, checkId);

const { defer, tempRoot } = scratchPerTest();

async function setup(encryption?: 'zipcrypto' | 'aes256') {
  const root = await tempRoot('onshikit-zip-');
  const folders = await terminalFolders(root);
  await mkdir(path.join(root, 'work'));
  const service = new OqsFileLinkService({
    folders,
    clientId: 'Z1',
    pollMs: 10,
    timeoutMs: 10_000,
    zip: { password: PASSWORD, ...(encryption === undefined ? {} : { encryption }) },
  });
  defer(() => service.close());
  return { root, folders, service };
}

/** Debian's zip as the terminal: an encrypted result holding `<name>.xml`. */
async function debianZip(
  root: string,
  target: string,
  xmlName: string,
  xml: Uint8Array,
  password = PASSWORD,
): Promise<void> {
  const work = path.join(root, 'work');
  await writeFile(path.join(work, xmlName), xml);
  execFileSync('zip', ['-q', '-j', '-P', password, target, path.join(work, xmlName)]);
}

describe('password-protected .zip exchange against Debian zip/unzip', () => {
  it('a ZipCrypto request opens with unzip -P; a zip -P result is read, claimed and kept locally', async () => {
    const { root, folders, service } = await setup();
    const pending = service.query(query('check-zip'));
    const request = await until(async () =>
      (await readdir(folders.req)).find((n) => /^OQSsiquc01req_Z1\d{18}\.zip$/.test(n)),
    );
    const xml = execFileSync('unzip', ['-P', PASSWORD, '-p', path.join(folders.req, request)]);
    expect(xml.toString('utf8')).toContain('<QualificationConfirmSearchInfo>');
    // Without the password Debian's unzip cannot read it.
    expect(() =>
      execFileSync('unzip', ['-P', 'wrong', '-p', path.join(folders.req, request)], { stdio: 'pipe' }),
    ).toThrow();
    const fileId = /<ArbitraryFileIdentifier>([^<]+)</.exec(xml.toString('utf8'))?.[1] as string;
    await rm(path.join(folders.req, request)); // the terminal takes it
    const answer = answerOf({ ...query('x'), fileId });
    const resultZip = path.join(folders.res, `OQSsiquc01res_${fileId}.zip`);
    await debianZip(root, resultZip, `OQSsiquc01res_${fileId}.xml`, encodeEligibilityResponse(answer));
    const response = await pending;
    expect(response.header.fileId).toBe('check-zip');
    expect(response.results[0]?.name).toBe(person.name);
    expect(await readdir(folders.res)).toEqual([]);
    expect(await readdir(path.join(folders.state, 'handled'))).toEqual([`OQSsiquc01res_${fileId}.zip`]);
  });

  it('AES-256 requests round-trip (Debian unzip does not do AES: read back with the same library)', async () => {
    const { folders, service } = await setup('aes256');
    // Ended by the test once the request is read, not by a short deadline: AES key derivation on a
    // loaded machine could outlast one and the request would be withdrawn before it was seen.
    const stop = new AbortController();
    const pending = service.query(query('check-aes'), { timeoutMs: 10_000, signal: stop.signal });
    const request = await until(async () => (await readdir(folders.req)).find((n) => n.endsWith('.zip')));
    // Not ZipCrypto: Debian's unzip (no AES) cannot open it even with the password.
    expect(() =>
      execFileSync('unzip', ['-P', PASSWORD, '-p', path.join(folders.req, request)], { stdio: 'pipe' }),
    ).toThrow();
    const raw = new Uint8Array(await readFile(path.join(folders.req, request)));
    const xml = new TextDecoder().decode(await unzipOne(raw, PASSWORD, 1 << 20));
    expect(xml).toContain('<MedicalInstitutionCode>1312345678</MedicalInstitutionCode>');
    stop.abort();
    await expect(pending).rejects.toMatchObject({ code: 'SERVICE_ABORTED' });
  });

  it('a result zipped with another password ends SERVICE_BAD_RESPONSE, kept in error/, password never shown', async () => {
    const { root, folders, service } = await setup();
    // The service keeps polling for a readable result until its deadline and then reports the last
    // unreadable one: this case ends at the deadline, short enough to keep the test quick.
    const pending = service.query(query('check-wrong'), { timeoutMs: 2_000 });
    const request = await until(async () => (await readdir(folders.req)).find((n) => n.endsWith('.zip')));
    const fileId = request.slice('OQSsiquc01req_'.length, -4);
    await rm(path.join(folders.req, request));
    const answer = answerOf({ ...query('x'), fileId });
    await debianZip(
      root,
      path.join(folders.res, `OQSsiquc01res_${fileId}.zip`),
      `OQSsiquc01res_${fileId}.xml`,
      encodeEligibilityResponse(answer),
      'other-password',
    );
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EligibilityError);
    expect((error as EligibilityError).code).toBe('SERVICE_BAD_RESPONSE');
    expect(String((error as EligibilityError<'SERVICE_BAD_RESPONSE'>).detail.reason)).toContain(
      'wrong password or damaged',
    );
    expect(
      `${String(error)} ${JSON.stringify((error as EligibilityError).detail)} ${(error as Error).stack ?? ''}`,
    ).not.toContain(PASSWORD);
    expect(await readdir(path.join(folders.state, 'error'))).toEqual([`OQSsiquc01res_${fileId}.zip`]);
  });

  it('bounded extraction: an entry over the limit, two entries, a non-XML entry or garbage is refused', async () => {
    const { root } = await setup();
    const work = path.join(root, 'work');
    // 3 MiB of zeros compresses to a few kB: refused by its size, not read into memory whole.
    await writeFile(path.join(work, 'big.xml'), new Uint8Array(3 * 1024 * 1024));
    execFileSync('zip', ['-q', '-j', '-P', PASSWORD, path.join(work, 'big.zip'), path.join(work, 'big.xml')]);
    await writeFile(path.join(work, 'a.xml'), '<XmlMsg/>');
    await writeFile(path.join(work, 'b.txt'), 'x');
    execFileSync('zip', [
      '-q',
      '-j',
      '-P',
      PASSWORD,
      path.join(work, 'two.zip'),
      path.join(work, 'a.xml'),
      path.join(work, 'b.txt'),
    ]);
    execFileSync('zip', ['-q', '-j', '-P', PASSWORD, path.join(work, 'txt.zip'), path.join(work, 'b.txt')]);
    const reason = async (bytes: Uint8Array): Promise<string> => {
      const error = await unzipOne(bytes, PASSWORD, 2 * 1024 * 1024).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EligibilityError);
      return String((error as EligibilityError<'SERVICE_BAD_RESPONSE'>).detail.reason);
    };
    expect(await reason(new Uint8Array(await readFile(path.join(work, 'big.zip'))))).toBe('zip entry too large');
    expect(await reason(new Uint8Array(await readFile(path.join(work, 'two.zip'))))).toBe(
      'zip must hold exactly one file',
    );
    expect(await reason(new Uint8Array(await readFile(path.join(work, 'txt.zip'))))).toBe(
      'zip entry is not an .xml file',
    );
    expect(await reason(new TextEncoder().encode('PK not really a zip'))).toBe('zip unreadable');
    const ours = await zipOne('OQSsiquc01req_x.xml', new TextEncoder().encode('<XmlMsg/>'), { password: PASSWORD });
    expect(await reason(ours.subarray(0, ours.length - 30))).toBe('zip unreadable'); // truncated: still being written
  });

  it('a .zip face file is handed over by recover() and left in place', async () => {
    const { root, folders, service } = await setup();
    const answer = answerOf({ ...query('x'), fileId: '20261126100000001' });
    const name = 'OQSsiquc01res_face_131234567820261126100000001_20261126100000';
    await debianZip(root, path.join(folders.face, `${name}.zip`), `${name}.xml`, encodeEligibilityResponse(answer));
    const seen: string[] = [];
    expect(await service.recover((r) => void seen.push(r.response.results[0]?.name ?? ''))).toBe(1);
    expect(seen).toEqual([person.name]);
    expect(await readdir(folders.face)).toEqual([`${name}.zip`]);
  });
});
