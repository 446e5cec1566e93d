/**
 * A raw HTTP/1.1 client for the security tests: sends exactly the bytes given (malformed URLs,
 * any method, duplicate or missing headers) and reads what comes back until the server closes,
 * or, for an event stream, until the first frame arrives.
 */
import { connect } from 'node:net';

export interface RawResponse {
  /** Status code, or 0 when the server closed without an answer. */
  readonly status: number;
  /** Header lines, lower-cased names. */
  readonly headers: ReadonlyMap<string, string>;
  /** Everything after the header block (chunk sizes included when chunked). */
  readonly body: string;
  /** The whole answer as received. */
  readonly raw: string;
}

/** Sends `request` bytes to 127.0.0.1:`port` and collects the answer. */
export function rawRequest(port: number, request: Uint8Array | string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(parse(Buffer.concat(chunks).toString('latin1')));
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const text = Buffer.concat(chunks).toString('latin1');
      // An event stream never ends: stop at its first frame.
      if (/\r\ncontent-type: text\/event-stream/i.test(text) && /\r\n\r\n[\s\S]*\n\n/.test(text)) finish();
    });
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') finish();
      else if (!settled) {
        settled = true;
        reject(error);
      }
    });
    socket.write(request);
  });
}

function parse(raw: string): RawResponse {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : Buffer.from(raw.slice(split + 4), 'latin1').toString('utf8');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1];
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { status: status ? Number(status) : 0, headers, body, raw: Buffer.from(raw, 'latin1').toString('utf8') };
}

/** Builds a request: `headers` in order, body as given. */
export function buildRequest(
  method: string,
  target: string,
  headers: [string, string][],
  body?: string | Uint8Array,
): Uint8Array {
  const bodyBytes = typeof body === 'string' ? new TextEncoder().encode(body) : (body ?? new Uint8Array(0));
  const lines = [`${method} ${target} HTTP/1.1`, ...headers.map(([name, value]) => `${name}: ${value}`)];
  const head = new TextEncoder().encode(`${lines.join('\r\n')}\r\n\r\n`);
  const bytes = new Uint8Array(head.byteLength + bodyBytes.byteLength);
  bytes.set(head);
  bytes.set(bodyBytes, head.byteLength);
  return bytes;
}
