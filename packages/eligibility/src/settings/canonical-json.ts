/**
 * A canonical JSON encoding: object keys sorted (by UTF-16 code units, as JavaScript compares
 * strings), recursively, members whose value is `undefined` left out, no whitespace. Two
 * values that are equal as JSON give the same text whatever their key order, so data bound to
 * it survives a store that reorders keys (PostgreSQL `jsonb` sorts them by length first).
 * @module
 */

/** Encodes `value` canonically; throws `TypeError` for values JSON cannot carry (functions, bigint, cycles are not expected here). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError('not a JSON value');
    return text;
  }
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const members: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member === undefined) continue;
    members.push(`${JSON.stringify(key)}:${canonicalJson(member)}`);
  }
  return `{${members.join(',')}}`;
}
