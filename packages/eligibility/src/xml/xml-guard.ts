/**
 * What the XML codec refuses before parsing (issue 14): any DOCTYPE (so no internal or external
 * entity is ever expanded, and no entity-expansion bomb), characters XML 1.0 does not allow
 * (§2.2 `Char`), and references other than the five predefined entities and character
 * references to allowed characters (§4.1). fast-xml-parser would otherwise expand `<!ENTITY>`
 * declarations into field values and silently drop `&#0;`.
 * @module
 */
import { EligibilityError } from '../errors.js';

const PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/** XML 1.0 §2.2 `Char`: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** Line and column (1-based) of `index`, for the error. */
function where(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}

function refuse(text: string, index: number, reason: string): never {
  throw new EligibilityError('XML_MALFORMED', { detail: { reason, ...where(text, index) } });
}

// A raw character outside `Char`, or a UTF-16 surrogate without its pair.
const INVALID_CHAR_RE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these control characters are what XML 1.0 forbids
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Throws `XML_MALFORMED` (reason `doctype`, `invalid character`, `character reference` or
 * `entity`, with line and column) for what the codec does not accept; returns otherwise.
 */
export function checkXmlText(text: string): void {
  const doctype = /<!DOCTYPE/i.exec(text);
  if (doctype !== null) refuse(text, doctype.index, 'doctype');
  const bad = INVALID_CHAR_RE.exec(text);
  if (bad !== null) refuse(text, bad.index, 'invalid character');
  // `&` is literal inside comments and CDATA sections: blank them out (same length) first.
  const scanned = text.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g, (part) => ' '.repeat(part.length));
  const reference = /&(#x[0-9A-Fa-f]+;|#[0-9]+;|[A-Za-z_:][A-Za-z0-9._:-]*;)?/g;
  for (let match = reference.exec(scanned); match !== null; match = reference.exec(scanned)) {
    const body = match[1];
    if (body === undefined) refuse(text, match.index, 'entity');
    const name = body.slice(0, -1);
    if (name.startsWith('#')) {
      const digits = name.startsWith('#x') ? name.slice(2) : name.slice(1);
      // Leading zeros are allowed; more than 7 significant digits is out of range anyway.
      const significant = digits.replace(/^0+/, '');
      const code =
        significant.length > 7
          ? -1
          : Number.parseInt(significant === '' ? '0' : significant, name.startsWith('#x') ? 16 : 10);
      if (!isXmlChar(code)) refuse(text, match.index, 'character reference');
    } else if (!PREDEFINED.has(name)) {
      refuse(text, match.index, 'entity');
    }
  }
}
