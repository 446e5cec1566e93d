/** Small real-shaped file headers and lazy Blob-likes for the attachment tests. */
import type { BlobLike } from '@onshikit/portal-forms';

export const PDF: Uint8Array<ArrayBuffer> = new TextEncoder().encode(
  '%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n',
);
export const JPEG: Uint8Array<ArrayBuffer> = Uint8Array.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01,
]);
export const PNG: Uint8Array<ArrayBuffer> = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
]);

/** An ISO BMFF ftyp box: size, "ftyp", major brand, minor version 0, compatible brands. */
export function ftyp(major: string, compatible: string[]): Uint8Array<ArrayBuffer> {
  const size = 16 + 4 * compatible.length;
  const bytes = new Uint8Array(size);
  new DataView(bytes.buffer).setUint32(0, size);
  const text = 'ftyp' + major;
  for (let i = 0; i < 8; i++) bytes[4 + i] = text.charCodeAt(i);
  compatible.forEach((b, j) => {
    for (let i = 0; i < 4; i++) bytes[16 + 4 * j + i] = b.charCodeAt(i);
  });
  return bytes;
}

/** A Blob-like of any size that holds `head` and zeros after it, allocating only what is read. */
export class LazyBlob implements BlobLike {
  readonly reads: [number, number][] = [];
  constructor(
    readonly size: number,
    private readonly head: Uint8Array,
    readonly name = 'scan.pdf',
    readonly type = 'application/pdf',
  ) {}
  slice(start = 0, end = this.size): { arrayBuffer(): Promise<ArrayBuffer> } {
    const from = Math.max(0, Math.min(start, this.size));
    const to = Math.max(from, Math.min(end, this.size));
    this.reads.push([from, to]);
    return {
      arrayBuffer: async () => {
        const out = new Uint8Array(to - from);
        out.set(this.head.subarray(from, Math.min(to, this.head.length)));
        return out.buffer;
      },
    };
  }
}
