/**
 * Reads a request body as one JSON object, with a byte limit checked before and while reading.
 * The raw bytes are zeroed once parsed (the PIN arrives in one of these bodies), and a body that
 * does not parse is refused with a fixed error that quotes nothing from it.
 */
import type { IncomingMessage } from 'node:http';
import { ServerError } from './http-errors.js';

/** A parsed body: its top-level fields, looked up without touching any prototype. */
export type JsonFields = ReadonlyMap<string, unknown>;

/**
 * Reads `req`'s body (at most `maxBytes`) and parses it as a JSON object.
 * Throws {@link ServerError} `BODY_TOO_LARGE` when the declared or actual size is over the limit,
 * `BAD_JSON` when the bytes are not UTF-8 or not a JSON object.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<JsonFields> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && !(Number(declared) <= maxBytes)) throw new ServerError('BODY_TOO_LARGE');
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    try {
      for await (const chunk of req as AsyncIterable<Uint8Array>) {
        chunks.push(chunk);
        size += chunk.byteLength;
        if (size > maxBytes) throw new ServerError('BODY_TOO_LARGE');
      }
    } catch (error) {
      throw error instanceof ServerError ? error : new ServerError('BAD_REQUEST'); // aborted or timed out
    }
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    chunks.push(bytes);
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch {
      throw new ServerError('BAD_JSON'); // the parser's message quotes the body: never pass it on
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ServerError('BAD_JSON');
    return new Map(Object.entries(parsed));
  } finally {
    for (const chunk of chunks) chunk.fill(0);
  }
}
