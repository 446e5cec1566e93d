import { openAsBlob } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  detectAttachmentType,
  receiptNoticeFileSchema,
  RECEIPT_NOTICE_MAX_BYTES,
  toFormErrors,
  validateForm,
  validateFormAsync,
} from '@onshikit/portal-forms';
import { ftyp, JPEG, LazyBlob, PDF, PNG } from './support/files.js';

const codesOf = async (value: unknown): Promise<string[]> => {
  const r = await receiptNoticeFileSchema().safeParseAsync(value);
  return r.success ? [] : toFormErrors(r.error.issues).map((e) => e.code);
};

describe('attachment type by magic bytes', () => {
  it('recognises PDF, JPEG, PNG and HEIC', () => {
    expect(detectAttachmentType(PDF)).toBe('pdf');
    expect(detectAttachmentType(JPEG)).toBe('jpeg');
    expect(detectAttachmentType(PNG)).toBe('png');
    for (const brand of ['heic', 'heix', 'hevc', 'heim'])
      expect(detectAttachmentType(ftyp(brand, ['mif1', brand])), brand).toBe('heic');
    expect(detectAttachmentType(ftyp('mif1', ['mif1', 'heic']))).toBe('heic');
  });

  it('rejects look-alikes and other formats', () => {
    expect(detectAttachmentType(ftyp('avif', ['mif1', 'avif']))).toBeUndefined();
    expect(detectAttachmentType(ftyp('mif1', ['mif1', 'avif']))).toBeUndefined();
    expect(detectAttachmentType(ftyp('isom', ['isom', 'mp41']))).toBeUndefined();
    expect(detectAttachmentType(new TextEncoder().encode('GIF89a......'))).toBeUndefined();
    expect(detectAttachmentType(new TextEncoder().encode('PK\u0003\u0004 word.docx'))).toBeUndefined();
    expect(detectAttachmentType(new TextEncoder().encode(' %PDF-1.7'))).toBeUndefined();
    expect(detectAttachmentType(PNG.subarray(0, 7))).toBeUndefined();
    expect(detectAttachmentType(new Uint8Array(0))).toBeUndefined();
  });
});

describe('受領委任承諾通知書 file rule', () => {
  it('accepts bytes, ArrayBuffers and Blobs of the four types, whatever their name', async () => {
    expect(await codesOf(PDF)).toEqual([]);
    expect(await codesOf(PNG.buffer)).toEqual([]);
    expect(await codesOf(new Blob([JPEG], { type: 'text/plain' }))).toEqual([]);
    expect(await codesOf(new File([ftyp('heic', ['mif1', 'heic'])], 'photo.txt'))).toEqual([]);
  });

  it('judges by content, not by name or declared type', async () => {
    expect(
      await codesOf(new File([new TextEncoder().encode('hello')], 'scan.pdf', { type: 'application/pdf' })),
    ).toEqual(['FORM_FILE_TYPE']);
    expect(await codesOf(new LazyBlob(1000, new TextEncoder().encode('<html>'), 'notice.png', 'image/png'))).toEqual([
      'FORM_FILE_TYPE',
    ]);
  });

  it('rejects missing, empty and unreadable files', async () => {
    expect(await codesOf(undefined)).toEqual(['FORM_FILE_REQUIRED']);
    expect(await codesOf('')).toEqual(['FORM_FILE_REQUIRED']);
    expect(await codesOf('scan.pdf')).toEqual(['FORM_FILE_REQUIRED']);
    expect(await codesOf(new Uint8Array(0))).toEqual(['FORM_FILE_EMPTY']);
    const broken = { size: 10, slice: () => ({ arrayBuffer: () => Promise.reject(new Error('gone')) }) };
    expect(await codesOf(broken)).toEqual(['FORM_FILE_UNREADABLE']);
  });

  it('reads only the first bytes of a Blob', async () => {
    const blob = new LazyBlob(50 * 1024 * 1024, PDF);
    expect(await codesOf(blob)).toEqual([]);
    expect(blob.reads).toEqual([[0, 64]]);
  });

  it('allows exactly 100 MiB and rejects 100 MiB + 1 byte without reading it (lazy Blob)', async () => {
    const limit = new LazyBlob(RECEIPT_NOTICE_MAX_BYTES, PDF);
    expect(await codesOf(limit)).toEqual([]);
    const over = new LazyBlob(RECEIPT_NOTICE_MAX_BYTES + 1, PDF);
    const r = await receiptNoticeFileSchema().safeParseAsync(over);
    expect(r.success).toBe(false);
    const [error] = toFormErrors(r.success ? [] : r.error.issues);
    expect(error?.code).toBe('FORM_FILE_TOO_LARGE');
    expect(error?.message.ja).toContain('104857601');
    expect(over.reads).toEqual([]);
  });

  it('rejects a 100 MB + 1 byte Uint8Array, allocated once and only viewed', () => {
    const bytes = new Uint8Array(RECEIPT_NOTICE_MAX_BYTES + 1);
    bytes.set(PDF);
    const r = validateForm(receiptNoticeFileSchema(), bytes);
    expect(r.success ? [] : r.errors.map((e) => e.code)).toEqual(['FORM_FILE_TOO_LARGE']);
    const exact = bytes.subarray(0, RECEIPT_NOTICE_MAX_BYTES);
    expect(validateForm(receiptNoticeFileSchema(), exact).success).toBe(true);
  });

  describe('a sparse 100 MiB + 1 byte file opened as a real Blob (fs.openAsBlob)', () => {
    let dir = '';
    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'portal-forms-'));
      for (const [name, size] of [
        ['over.pdf', RECEIPT_NOTICE_MAX_BYTES + 1],
        ['limit.pdf', RECEIPT_NOTICE_MAX_BYTES],
      ] as const) {
        const handle = await open(path.join(dir, name), 'w');
        await handle.write(PDF, 0, PDF.length, 0);
        await handle.truncate(size);
        await handle.close();
      }
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('is too large; the file at the limit passes', async () => {
      const over = await openAsBlob(path.join(dir, 'over.pdf'));
      expect(over.size).toBe(RECEIPT_NOTICE_MAX_BYTES + 1);
      expect(await codesOf(over)).toEqual(['FORM_FILE_TOO_LARGE']);
      expect(await codesOf(await openAsBlob(path.join(dir, 'limit.pdf')))).toEqual([]);
    });
  });

  it('a synchronous validation of a Blob reports FORM_ASYNC_REQUIRED instead of throwing', async () => {
    const r = validateForm(receiptNoticeFileSchema(), new Blob([PDF]));
    expect(r.success ? [] : r.errors.map((e) => e.code)).toEqual(['FORM_ASYNC_REQUIRED']);
    expect((await validateFormAsync(receiptNoticeFileSchema(), new Blob([PDF]))).success).toBe(true);
  });

  it('honours a custom size limit', async () => {
    expect(
      await receiptNoticeFileSchema(10)
        .safeParseAsync(PDF)
        .then((r) => r.success),
    ).toBe(false);
  });
});
