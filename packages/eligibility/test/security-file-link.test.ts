/**
 * Issue 14 (files from outside): a FIFO, a symbolic link to /dev/zero and a sparse 1 GiB file
 * put in `res/` or `face/` by another user of the share. Each must end the query within its
 * timeout with a typed error, never block libuv's thread pool (4 threads by default: eight FIFOs
 * read with readFile would hang every later fs call) and never read the file into memory.
 */
import { execFileSync } from 'node:child_process';
import { open, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jstDate, type NumbersQuery } from '@onshikit/eligibility';
import { OqsFileLinkService } from '@onshikit/eligibility/node';
import { errorCodeAndReason as code } from '../../../test-support/file-link/error-code.js';
import { scratchPerTest } from '../../../test-support/file-link/scratch.js';
import { readBoundedFile } from '../src/node/file-link/read-bounded.js';
import { terminalFolders } from './support/file-link.js';

const { defer, tempRoot } = scratchPerTest();

async function folders() {
  const root = await tempRoot('onshikit-hostile-');
  return { root, f: await terminalFolders(root) };
}

const query = (): NumbersQuery => ({
  kind: 'numbers',
  checkDate: jstDate(new Date()),
  institutionCode: '1312345678',
  fileId: 'check-hostile-1',
  insurerNumber: '39131156',
  number: '1234',
  birthDate: '1950-01-01',
});

type Plant = (file: string) => Promise<void>;
const plants: [string, Plant][] = [
  ['a FIFO', async (file) => void execFileSync('mkfifo', [file])],
  ['a symbolic link to /dev/zero', (file) => symlink('/dev/zero', file)],
  [
    'a sparse 1 GiB file',
    async (file) => {
      const h = await open(file, 'w');
      await h.truncate(1024 * 1024 * 1024);
      await h.close();
    },
  ],
];

/** Plants `plant` at the result name of the request the service writes next. */
async function plantAtNextResult(
  service: OqsFileLinkService,
  f: { req: string; res: string },
  plant: Plant,
): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    const names = (await readdir(f.req)).filter((n) => n.startsWith('OQSsiquc01req_') && n.endsWith('.xml'));
    if (names.length > 0) {
      await plant(path.join(f.res, (names[0] as string).replace('req_', 'res_')));
      return;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`no request from ${service.clientId}`);
}

describe('file link against hostile files (issue 14)', () => {
  it.each(plants)(
    '%s under the result name ends the query with SERVICE_BAD_RESPONSE, file untouched',
    async (_label, plant) => {
      const { f } = await folders();
      const service = new OqsFileLinkService({ folders: f, clientId: 'T1', timeoutMs: 20_000, pollMs: 10 });
      defer(() => service.close());
      const pending = service.query(query());
      await plantAtNextResult(service, f, plant);
      expect(await code(pending)).toMatch(/^SERVICE_BAD_RESPONSE:result file (not-regular|too-large)$/);
      expect((await readdir(f.res)).length).toBe(1); // left where it was
      expect((await readdir(f.req)).filter((n) => n.endsWith('.xml'))).toEqual([]); // request withdrawn
    },
  );

  it('eight FIFOs, eight links to /dev/zero and a sparse 1 GiB file in face/ and res/: recover() returns, fs stays usable', async () => {
    const { f, root } = await folders();
    for (let i = 0; i < 8; i += 1) {
      execFileSync('mkfifo', [path.join(f.face, `OQSsiquc01res_face_1312345678T${i}_20261126100000.xml`)]);
      await symlink('/dev/zero', path.join(f.face, `OQSsiquc01res_face_1312345678Z${i}_20261126100000.xml`));
    }
    const sparse = await open(path.join(f.face, 'OQSsiquc01res_face_1312345678S0_20261126100000.xml'), 'w');
    await sparse.truncate(1024 * 1024 * 1024);
    await sparse.close();
    const service = new OqsFileLinkService({ folders: f, clientId: 'T2', pollMs: 10 });
    defer(() => service.close());
    expect(await service.recover(() => undefined)).toBe(0);
    expect(await service.recover(() => undefined)).toBe(0);
    // The thread pool is free: an ordinary read completes.
    await writeFile(path.join(root, 'probe'), 'ok');
    expect(await readFile(path.join(root, 'probe'), 'utf8')).toBe('ok');
    expect((await readdir(f.face)).length).toBe(17); // nothing moved or deleted
  });

  it('a query with nothing answering honours its timeout and its abort signal', async () => {
    const { f } = await folders();
    const service = new OqsFileLinkService({ folders: f, clientId: 'T3', pollMs: 10 });
    defer(() => service.close());
    expect(await code(service.query(query(), { timeoutMs: 100 }))).toBe('SERVICE_TIMEOUT:');
    const controller = new AbortController();
    const pending = service.query(
      { ...query(), fileId: 'check-hostile-2' },
      { signal: controller.signal, timeoutMs: 60_000 },
    );
    setTimeout(() => controller.abort(), 50);
    expect(await code(pending)).toBe('SERVICE_ABORTED:');
  });
});

describe('readBoundedFile', () => {
  it('reads a regular file, refuses what is not one, over the limit, or after abort', async () => {
    const { root } = await folders();
    const file = path.join(root, 'a.xml');
    await writeFile(file, 'x'.repeat(100));
    const ok = await readBoundedFile(file, { maxBytes: 100 });
    expect(ok.ok && ok.bytes.length).toBe(100);
    expect(await readBoundedFile(file, { maxBytes: 99 })).toEqual({ ok: false, reason: 'too-large' });
    expect(await readBoundedFile(path.join(root, 'none'), { maxBytes: 10 })).toMatchObject({
      ok: false,
      reason: 'missing',
    });
    await symlink(file, path.join(root, 'link.xml'));
    expect(await readBoundedFile(path.join(root, 'link.xml'), { maxBytes: 1000 })).toMatchObject({
      ok: false,
      reason: 'not-regular',
    });
    expect(await readBoundedFile(root, { maxBytes: 1000 })).toMatchObject({ ok: false, reason: 'not-regular' });
    execFileSync('mkfifo', [path.join(root, 'fifo')]);
    expect(await readBoundedFile(path.join(root, 'fifo'), { maxBytes: 1000 })).toMatchObject({
      ok: false,
      reason: 'not-regular',
    });
    expect(await readBoundedFile(file, { maxBytes: 1000, signal: AbortSignal.abort() })).toEqual({
      ok: false,
      reason: 'interrupted',
    });
    expect(await readBoundedFile(file, { maxBytes: 1000, deadline: Date.now() - 1 })).toEqual({
      ok: false,
      reason: 'interrupted',
    });
  });
});
