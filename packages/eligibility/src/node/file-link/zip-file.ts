/**
 * Password-protected `.zip` exchange: a terminal can be set to exchange each file of a prefix
 * as a `.zip` holding the one XML file, encrypted with ZipCrypto (what Windows and Debian's
 * `zip -P` make) or AES-256. Built on @zip.js/zip.js, in this thread (no workers). The password
 * comes from the caller (keep it in the sealed settings) and never appears in an error.
 * Extraction is bounded: one entry, its declared and its actual size within the limit.
 * @module
 */
import { Uint8ArrayReader, Uint8ArrayWriter, ZipReader, ZipWriter } from '@zip.js/zip.js';
import { EligibilityError } from '../../errors.js';

/** How requests are encrypted; results are read whatever they use. */
export type ZipEncryption = 'zipcrypto' | 'aes256';

/** Settings of the `.zip` exchange. */
export interface FileLinkZipOptions {
  /** The terminal's zip password (from the sealed settings; never logged). */
  readonly password: string;
  /** Encryption of request files (default `zipcrypto`, which every terminal setting can read). */
  readonly encryption?: ZipEncryption;
}

// No cause is attached: the library's errors are not ours to vouch for (no password may leak).
function bad(reason: string): EligibilityError {
  return new EligibilityError('SERVICE_BAD_RESPONSE', { detail: { reason } });
}

/** Stops a lying entry (small declared size, huge content) after `maxBytes`. */
class BoundedWriter extends Uint8ArrayWriter {
  readonly #maxBytes: number;
  #written = 0;

  constructor(maxBytes: number) {
    super(Math.min(maxBytes, 256 * 1024));
    this.#maxBytes = maxBytes;
  }

  override async writeUint8Array(array: Uint8Array): Promise<void> {
    this.#written += array.length;
    if (this.#written > this.#maxBytes) throw bad('zip entry too large');
    await super.writeUint8Array(array);
  }
}

/** Wraps `bytes` as the one entry `name` of an encrypted zip. */
export async function zipOne(name: string, bytes: Uint8Array, options: FileLinkZipOptions): Promise<Uint8Array> {
  const writer = new Uint8ArrayWriter();
  const zip = new ZipWriter(writer, {
    password: options.password,
    useWebWorkers: false,
    ...((options.encryption ?? 'zipcrypto') === 'zipcrypto' ? { zipCrypto: true } : { encryptionStrength: 3 as const }),
  });
  await zip.add(name, new Uint8ArrayReader(bytes));
  return await zip.close();
}

/**
 * Reads the one `.xml` entry of an encrypted zip. A wrong password, a damaged or truncated
 * archive (maybe still being written), more than one entry or an entry over `maxBytes` is a
 * `SERVICE_BAD_RESPONSE` whose detail never holds the password.
 */
export async function unzipOne(bytes: Uint8Array, password: string, maxBytes: number): Promise<Uint8Array> {
  const reader = new ZipReader(new Uint8ArrayReader(bytes), { password, useWebWorkers: false });
  try {
    let entries: Awaited<ReturnType<typeof reader.getEntries>>;
    try {
      entries = await reader.getEntries();
    } catch {
      throw bad('zip unreadable');
    }
    const files = entries.filter((e) => !e.directory);
    if (files.length !== 1) throw bad('zip must hold exactly one file');
    const entry = files[0] as (typeof files)[number];
    if (entry.directory || !/\.xml$/i.test(entry.filename)) throw bad('zip entry is not an .xml file');
    if (entry.uncompressedSize > maxBytes) throw bad('zip entry too large');
    let out: Uint8Array;
    try {
      out = await entry.getData(new BoundedWriter(maxBytes), { password, useWebWorkers: false });
    } catch (error) {
      if (error instanceof EligibilityError) throw error;
      throw bad('zip entry unreadable (wrong password or damaged)');
    }
    if (out.length > maxBytes) throw bad('zip entry too large');
    return out;
  } finally {
    // biome-ignore lint/plugin/no-swallowed-rejection: closing a reader of bytes in memory: nothing to lose
    await reader.close().catch(() => undefined);
  }
}
