/**
 * Parsing and building XmlMsg documents on fast-xml-parser, with every failure typed. Element
 * values stay strings (leading zeros of 枝番 and codes matter); surrounding whitespace is trimmed
 * (国保 insurer numbers padded with two spaces, docs/reference/oqs-messages.md#file-link, read as 6 digits).
 * @module
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { EligibilityError } from '../errors.js';
import type { CharacterCode } from '../model/codes.js';
import { decodeText, detectXmlEncoding, encodeText } from './charset.js';
import { checkXmlText } from './xml-guard.js';

/** Largest XML file accepted (a result with many entries is a few tens of kB). */
export const MAX_XML_BYTES = 4 * 1024 * 1024;

/** A parsed element: text, child elements (possibly repeated), or absent. */
export type XmlNode = string | { readonly [name: string]: XmlNode | readonly XmlNode[] | undefined };

const REPEATED = new Set(['ResultOfQualificationConfirmation']);

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  // fast-xml-parser decodes character references only with htmlEntities on; the HTML names it
  // adds never reach it: checkXmlText refuses every DOCTYPE and every reference but the five
  // predefined entities and references to XML characters before the parser runs.
  htmlEntities: true,
  isArray: (name) => REPEATED.has(name),
});

const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: true });

/** Decodes and parses an XmlMsg file; returns the `XmlMsg` element and the file's encoding. */
export function parseXmlMsg(bytes: Uint8Array): { root: Record<string, unknown>; encoding: CharacterCode } {
  if (!(bytes instanceof Uint8Array)) throw new EligibilityError('XML_MALFORMED', { detail: { reason: 'not bytes' } });
  if (bytes.length === 0) throw new EligibilityError('XML_MALFORMED', { detail: { reason: 'empty' } });
  if (bytes.length > MAX_XML_BYTES)
    throw new EligibilityError('XML_MALFORMED', { detail: { reason: 'too large', length: bytes.length } });
  const encoding = detectXmlEncoding(bytes);
  const text = decodeText(bytes, encoding).replace(/^\uFEFF/, '');
  checkXmlText(text);
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new EligibilityError('XML_MALFORMED', {
      detail: { reason: valid.err.code, line: valid.err.line, column: valid.err.col },
    });
  }
  let doc: unknown;
  try {
    doc = parser.parse(text);
  } catch (error) {
    throw new EligibilityError('XML_MALFORMED', { detail: { reason: 'parser' }, cause: error });
  }
  const root = (doc as Record<string, unknown> | undefined)?.XmlMsg;
  if (root === undefined || typeof root !== 'object' || root === null || Array.isArray(root)) {
    throw new EligibilityError('XML_MISSING_ELEMENT', { detail: { element: 'XmlMsg' } });
  }
  return { root: root as Record<string, unknown>, encoding };
}

/** Serialises an `XmlMsg` object tree with the declaration for the encoding. */
export function buildXmlMsg(root: Record<string, unknown>, encoding: CharacterCode): Uint8Array {
  const declaration = `<?xml version="1.0" encoding="${encoding === 'utf-8' ? 'UTF-8' : 'Shift_JIS'}" standalone="no"?>\n`;
  return encodeText(declaration + (builder.build({ XmlMsg: root }) as string), encoding);
}

/** Reads a child element that must be an element (not text). */
export function child(
  parent: Record<string, unknown>,
  name: string,
  path: string,
  required: true,
): Record<string, unknown>;
export function child(
  parent: Record<string, unknown>,
  name: string,
  path: string,
  required?: false,
): Record<string, unknown> | undefined;
export function child(
  parent: Record<string, unknown>,
  name: string,
  path: string,
  required = false,
): Record<string, unknown> | undefined {
  const value = parent[name];
  if (value === undefined || value === '') {
    if (required) throw new EligibilityError('XML_MISSING_ELEMENT', { detail: { element: `${path}/${name}` } });
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new EligibilityError('XML_INVALID_VALUE', {
      detail: { element: `${path}/${name}`, reason: 'not an element' },
    });
  return value as Record<string, unknown>;
}

/** Reads a text element; empty counts as absent. */
export function text(parent: Record<string, unknown>, name: string, path: string, required: true): string;
export function text(parent: Record<string, unknown>, name: string, path: string, required?: false): string | undefined;
export function text(
  parent: Record<string, unknown>,
  name: string,
  path: string,
  required = false,
): string | undefined {
  const value = parent[name];
  if (value === undefined || value === '') {
    if (required) throw new EligibilityError('XML_MISSING_ELEMENT', { detail: { element: `${path}/${name}` } });
    return undefined;
  }
  if (typeof value !== 'string')
    throw new EligibilityError('XML_INVALID_VALUE', { detail: { element: `${path}/${name}`, reason: 'not text' } });
  return value;
}

/** `yyyyMMdd` → `YYYY-MM-DD` (shape only; the model validates the calendar). */
export function fromXmlDate(value: string | undefined, element: string): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{8}$/.test(value))
    throw new EligibilityError('XML_INVALID_VALUE', { detail: { element, reason: 'not yyyyMMdd' } });
  return `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
}

/** `YYYY-MM-DD` → `yyyyMMdd`. */
export function toXmlDate(value: string | undefined): string | undefined {
  return value === undefined ? undefined : value.replaceAll('-', '');
}

/** `yyyyMMddHHmmss` → `YYYY-MM-DDTHH:mm:ss`. */
export function fromXmlDateTime(value: string | undefined, element: string): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{14}$/.test(value))
    throw new EligibilityError('XML_INVALID_VALUE', { detail: { element, reason: 'not yyyyMMddHHmmss' } });
  return `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}T${value.slice(8, 10)}:${value.slice(10, 12)}:${value.slice(12, 14)}`;
}

/** `YYYY-MM-DDTHH:mm:ss` → `yyyyMMddHHmmss`. */
export function toXmlDateTime(value: string | undefined): string | undefined {
  return value === undefined ? undefined : value.replace(/[-:T]/g, '').slice(0, 14);
}

/** Drops undefined members so the builder writes no empty elements. */
export function compact(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out;
}
