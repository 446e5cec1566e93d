/**
 * Character sets of OQS XML files: UTF-8 or Shift_JIS, per 文字コード識別 (OQSCD005,
 * docs/reference/oqs-messages.md#envelope: 0 UTF-8, 1 Shift_JIS) and the XML declaration. Decoding uses the WHATWG
 * `TextDecoder` (in browsers and Node; `shift_jis` there is Windows-31J, what Windows-made files
 * use). Encoding Shift_JIS uses a table derived from that same decoder, so what we write reads
 * back identically; a test cross-checks it against iconv-lite's cp932.
 * @module
 */
import { EligibilityError } from '../errors.js';
import type { CharacterCode } from '../model/codes.js';

const ASCII = new TextDecoder('latin1');

/**
 * Tells the encoding of an XML file from its bytes: the declaration's `encoding`, else the
 * `CharacterCodeIdentifier` element (both are ASCII in either encoding), else UTF-8 when the
 * bytes are valid UTF-8, else Shift_JIS.
 */
export function detectXmlEncoding(bytes: Uint8Array): CharacterCode {
  const head = ASCII.decode(bytes.subarray(0, Math.min(bytes.length, 4096)));
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.-]+)["']/.exec(
    head.replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, ''),
  );
  if (declared !== null) {
    const encoding = declared[1] as string;
    const name = encoding.toLowerCase().replace(/[-_]/g, '');
    if (name === 'utf8') return 'utf-8';
    if (name === 'shiftjis' || name === 'sjis' || name === 'windows31j' || name === 'cp932' || name === 'mskanji')
      return 'shift_jis';
    throw new EligibilityError('XML_UNSUPPORTED_ENCODING', { detail: { encoding } });
  }
  const identifier = /<CharacterCodeIdentifier>\s*([0-9])\s*</.exec(head);
  if (identifier !== null) return identifier[1] === '1' ? 'shift_jis' : 'utf-8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return 'shift_jis';
  }
}

/** Decodes bytes in the given encoding; invalid sequences are `XML_MALFORMED` (never replaced silently). */
export function decodeText(bytes: Uint8Array, encoding: CharacterCode): string {
  try {
    return new TextDecoder(encoding === 'utf-8' ? 'utf-8' : 'shift_jis', { fatal: true, ignoreBOM: false }).decode(
      bytes,
    );
  } catch (error) {
    throw new EligibilityError('XML_MALFORMED', { detail: { reason: `not valid ${encoding}` }, cause: error });
  }
}

let sjisTable: Map<number, number> | undefined;

/** Code point → Shift_JIS bytes (one or two, packed), built once from the WHATWG decoder. */
function shiftJisTable(): Map<number, number> {
  if (sjisTable !== undefined) return sjisTable;
  const table = new Map<number, number>();
  const decoder = new TextDecoder('shift_jis', { fatal: true });
  const one = new Uint8Array(1);
  for (let b = 0; b < 0x100; b += 1) {
    one[0] = b;
    try {
      const ch = decoder.decode(one);
      const cp = ch.codePointAt(0);
      if (ch.length === 1 && cp !== undefined && !table.has(cp)) table.set(cp, b);
    } catch {
      // lead byte or undefined
    }
  }
  const two = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfc; lead += 1) {
    // WHATWG's encoder skips the NEC-selected IBM extensions (0xED, 0xEE) in favour of 0xFA-0xFC.
    if ((lead > 0x9f && lead < 0xe0) || lead === 0xed || lead === 0xee) continue;
    for (let trail = 0x40; trail <= 0xfc; trail += 1) {
      if (trail === 0x7f) continue;
      two[0] = lead;
      two[1] = trail;
      try {
        const ch = decoder.decode(two);
        const cp = ch.codePointAt(0);
        if (ch.length === 1 && cp !== undefined && cp !== 0xfffd && !table.has(cp)) table.set(cp, (lead << 8) | trail);
      } catch {
        // unmapped
      }
    }
  }
  sjisTable = table;
  return table;
}

/** True when every character of `text` has a Shift_JIS encoding. */
export function isShiftJisEncodable(text: string): boolean {
  const table = shiftJisTable();
  for (const ch of text) if (!table.has(ch.codePointAt(0) as number)) return false;
  return true;
}

/**
 * Encodes text; a character Shift_JIS cannot carry is `XML_INVALID_VALUE` with its position
 * (never a silent `?`).
 */
export function encodeText(text: string, encoding: CharacterCode): Uint8Array {
  if (encoding === 'utf-8') return new TextEncoder().encode(text);
  const table = shiftJisTable();
  const out = new Uint8Array(text.length * 2);
  let n = 0;
  let position = 0;
  for (const ch of text) {
    const code = table.get(ch.codePointAt(0) as number);
    if (code === undefined)
      throw new EligibilityError('XML_INVALID_VALUE', { detail: { reason: 'character not in Shift_JIS', position } });
    if (code > 0xff) out[n++] = code >> 8;
    out[n++] = code & 0xff;
    position += ch.length;
  }
  return out.subarray(0, n);
}
