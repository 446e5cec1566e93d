/**
 * Issue 20 (the file link): request files carry only what public clients write; file ids are
 * legal Windows names of 8-26 characters; the terminal's folders are not created; `.err` files are
 * typed failures; face results match by 照会番号 or name + birth date + today. No terminal is
 * needed here: the tests that drive the client against the simulated 資格確認端末 are
 * packages/simulator-service/test/client-file-link-terminal.test.ts.
 */
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jstDate, type EligibilityError, type NumbersQuery } from '@onshikit/eligibility';
import {
  OqsFileLinkService,
  encodeTerminalRequest,
  matchFaceResults,
  padInsurerNumber,
} from '@onshikit/eligibility/node';
import { numbersQuery } from '../../../test-support/file-link/query.js';
import { scratchPerTest } from '../../../test-support/file-link/scratch.js';
import { until } from '../../../test-support/file-link/until.js';
import { FILE_ID, makeFileId } from '../src/node/file-link/file-ids.js';
import { parseXmlMsg } from '../src/xml/xml-doc.js';
import { foundAnswer } from './support/file-link.js';

const today = jstDate(new Date());
// Two scripted patients (a 後期高齢 and a 70-74 国保 with a 6-digit insurer number), written out.
const PEOPLE = {
  'late-elderly': { name: '試験　五子', insurerNumber: '39131156', number: '39000105', birthDate: '1946-04-01' },
  'age-70-74': {
    name: '試験　六郎',
    insurerNumber: '138057',
    number: '106',
    symbol: '東京-1',
    birthDate: '1954-04-01',
  },
} as const;
const numbersOf = (scenario: keyof typeof PEOPLE, checkId: string): NumbersQuery =>
  numbersQuery(PEOPLE[scenario], checkId, today);
/** A found patient's answer, as a 資格確認端末 writes it (the terminal's side, in-process). */
const answerOf = (q: NumbersQuery) => foundAnswer(q, PEOPLE['late-elderly'].name);

const { defer, tempRoot: tempRootNamed } = scratchPerTest();
const tempRoot = (): Promise<string> => tempRootNamed('onshikit-term-');

describe('request files as public clients write them', () => {
  it('the header carries only 資格確認日, 医療機関コード and ArbitraryFileIdentifier, and nothing invented', () => {
    const xml = new TextDecoder().decode(
      encodeTerminalRequest(numbersOf('late-elderly', 'c1'), 'AB202611261000000001'),
    );
    const header = /<MessageHeader>([\s\S]*)<\/MessageHeader>/.exec(xml)?.[1] ?? '';
    expect([...header.matchAll(/<(\w+)>/g)].map((m) => m[1])).toEqual([
      'QualificationConfirmationDate',
      'MedicalInstitutionCode',
      'ArbitraryFileIdentifier',
    ]);
    expect(xml).not.toMatch(/Onshikit|ReferenceClassification|CharacterCodeIdentifier/);
    expect(xml).toContain('<ArbitraryFileIdentifier>AB202611261000000001</ArbitraryFileIdentifier>');
  });

  it.each([
    ['zeros', '<InsurerNumber>00138055</InsurerNumber>'],
    ['spaces', '<InsurerNumber>  138055</InsurerNumber>'],
    ['as-given', '<InsurerNumber>138055</InsurerNumber>'],
  ] as const)('a 6-digit 国保 InsurerNumber is written %s; 8-digit numbers never change', (padding, element) => {
    const q = { ...numbersOf('age-70-74', 'c2'), insurerNumber: '138055' };
    expect(
      new TextDecoder().decode(encodeTerminalRequest(q, 'AB202611261000000001', { insurerNumberPadding: padding })),
    ).toContain(element);
    expect(padInsurerNumber('39131156', padding)).toBe('39131156');
  });

  it('file ids are 8-26 characters legal in Windows file names, for any client id, date and sequence', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9]{1,6}$/),
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        fc.nat(20_000),
        (clientId, date, seq) => {
          const id = makeFileId(clientId, date, seq);
          expect(id).toMatch(FILE_ID);
          expect(id).toMatch(/^[A-Za-z0-9]{8,26}$/); // no ':' (an NTFS stream), no '.', no spaces
        },
      ),
    );
  });
});

describe('folders', () => {
  it("prepare() creates only the client's local folders unless asked; handled/ and error/ are local and configurable", async () => {
    const root = await tempRoot();
    const share = {
      req: path.join(root, 'share', 'REQ'),
      res: path.join(root, 'share', 'RES'),
      face: path.join(root, 'share', 'FACE'),
    };
    const handled = path.join(root, 'mine', 'done');
    const service = new OqsFileLinkService({ folders: { ...share, state: path.join(root, 'local'), handled } });
    defer(() => service.close());
    await service.prepare();
    expect(await readdir(root)).toEqual(['local', 'mine']);
    expect((await stat(handled)).isDirectory()).toBe(true);
    expect(await readdir(path.join(root, 'local'))).toEqual(expect.arrayContaining(['error', 'lock', 'pending']));
    await service.close();
    const creating = new OqsFileLinkService({
      folders: { ...share, state: path.join(root, 'local') },
      createFolders: true,
    });
    defer(() => creating.close());
    await creating.prepare();
    expect((await readdir(path.join(root, 'share'))).sort()).toEqual(['FACE', 'REQ', 'RES']);
  });
});

describe('.err files', () => {
  it.each(['res', 'req'] as const)(
    'an error file in %s for our request is a typed SERVICE_REJECTED, kept locally, removed from the share',
    async (where) => {
      const root = await tempRoot();
      const folders = { req: path.join(root, 'req'), res: path.join(root, 'res'), state: path.join(root, 'local') };
      await mkdir(folders.req);
      await mkdir(folders.res);
      const service = new OqsFileLinkService({ folders, clientId: 'E1', pollMs: 10, timeoutMs: 5000 });
      defer(() => service.close());
      const pending = service.query(numbersOf('late-elderly', 'check-err'));
      const request = await until(async () => (await readdir(folders.req)).find((n) => n.endsWith('.xml')));
      await rm(path.join(folders.req, request)); // the terminal took it…
      await writeFile(
        path.join(folders[where], request.replace(/\.xml$/, '.err')),
        'E0001 要求ファイルの形式が不正です',
      ); // …and failed it
      const error = await pending.catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'SERVICE_REJECTED' });
      expect(String((error as EligibilityError<'SERVICE_REJECTED'>).detail.reason)).toContain('error file');
      expect(await readdir(folders[where])).toEqual([]);
      expect(await readdir(path.join(folders.state, 'error'))).toEqual([request.replace(/\.xml$/, '.err')]);
      expect(await readdir(path.join(folders.state, 'pending'))).toEqual([]);
    },
  );
});

describe('properties', () => {
  const date = fc
    .date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^\\d{${min},${max}}$`));

  it('a request file parses back to exactly the query fields, header of three elements, for any numbers query', () => {
    fc.assert(
      fc.property(
        fc.record({
          checkDate: date,
          birthDate: date,
          institutionCode: digits(10, 10),
          insurerNumber: fc.oneof(digits(6, 6), digits(8, 8)),
          number: digits(1, 10),
          symbol: fc.option(fc.stringMatching(/^[0-9A-Za-z]{1,8}$/), { nil: undefined }),
          branch: fc.option(digits(2, 2), { nil: undefined }),
          padding: fc.constantFrom('zeros', 'spaces', 'as-given' as const),
        }),
        (q) => {
          const query: NumbersQuery = {
            kind: 'numbers',
            fileId: 'c',
            checkDate: q.checkDate,
            institutionCode: q.institutionCode,
            insurerNumber: q.insurerNumber,
            number: q.number,
            birthDate: q.birthDate,
            ...(q.symbol === undefined ? {} : { symbol: q.symbol }),
            ...(q.branch === undefined ? {} : { branch: q.branch }),
          };
          const { root } = parseXmlMsg(
            encodeTerminalRequest(query, 'AB202611261000000001', { insurerNumberPadding: q.padding }),
          );
          const header = root.MessageHeader as Record<string, string>;
          expect(Object.keys(header)).toEqual([
            'QualificationConfirmationDate',
            'MedicalInstitutionCode',
            'ArbitraryFileIdentifier',
          ]);
          expect(header.QualificationConfirmationDate).toBe(q.checkDate.replaceAll('-', ''));
          const info = (root.MessageBody as Record<string, Record<string, string>>)
            .QualificationConfirmSearchInfo as Record<string, string>;
          // Values are read trimmed: space padding disappears, zero padding stays 8 digits.
          expect(info.InsurerNumber).toBe(
            q.insurerNumber.length === 6 && q.padding === 'zeros' ? `00${q.insurerNumber}` : q.insurerNumber,
          );
          expect(info.InsuredIdentificationNumber).toBe(q.number);
          expect(info.InsuredCardSymbol).toBe(q.symbol);
          expect(info.InsuredBranchNumber).toBe(q.branch);
          expect(info.Birthdate).toBe(q.birthDate.replaceAll('-', ''));
        },
      ),
    );
  });

  it('face matching: matched exactly when one candidate fits, ambiguous when more, never on a name or birth date alone', async () => {
    const base = answerOf({ ...numbersOf('late-elderly', 'x'), fileId: '20261126100000001' });
    const template = base.results[0]!;
    const names = ['試験　太郎', '試験 太郎', 'ｼｹﾝ ﾀﾛｳ', '別人　花子'];
    const births = ['1950-01-01', '1950-01-02'];
    const days = [today, '2000-01-01'];
    const candidate = fc.record({
      name: fc.constantFrom(...names),
      birthDate: fc.constantFrom(...births),
      checkDate: fc.constantFrom(...days),
      ref: fc.constantFrom(undefined, 'P1', 'P2'),
    });
    fc.assert(
      fc.property(
        fc.array(candidate, { maxLength: 5 }),
        fc.record({
          name: fc.option(fc.constantFrom(...names), { nil: undefined }),
          birthDate: fc.option(fc.constantFrom(...births), { nil: undefined }),
          referenceNumber: fc.option(fc.constantFrom('P1', 'P2'), { nil: undefined }),
        }),
        (cs, key) => {
          const candidates = cs.map((c, i) => ({
            file: `OQSsiquc01res_face_1312345678${i}_20261126100000.xml`,
            response: {
              ...base,
              header: { ...base.header, checkDate: c.checkDate },
              results: [
                {
                  ...template,
                  name: c.name,
                  birthDate: c.birthDate,
                  ...(c.ref === undefined ? {} : { referenceNumber: c.ref }),
                },
              ],
            },
          }));
          const fits = cs.filter(
            (c) =>
              c.checkDate === today &&
              (key.referenceNumber !== undefined
                ? c.ref === key.referenceNumber
                : key.name !== undefined &&
                  key.birthDate !== undefined &&
                  c.birthDate === key.birthDate &&
                  c.name.normalize('NFKC').replace(/\s+/gu, '') === key.name.normalize('NFKC').replace(/\s+/gu, '')),
          );
          const match = matchFaceResults(candidates, { checkDate: today, ...key });
          expect(match.status).toBe(fits.length === 0 ? 'none' : fits.length === 1 ? 'matched' : 'ambiguous');
          if (key.referenceNumber === undefined && (key.name === undefined || key.birthDate === undefined))
            expect(match.status).toBe('none');
        },
      ),
    );
  });
});
