/**
 * The normaliser every schema field runs before validating. What each kind does:
 *
 * | kind | used for | what it does |
 * |---|---|---|
 * | `name` | 姓, 名, 施術所名, 機関名 | trims (also U+3000 and zero-width characters) and nothing else: a name keeps its characters (髙, 﨑, 神, half-width kana) because NFKC would change some of them |
 * | `secret` | passwords, パスコード | nothing at all: the value must reach the portal as typed |
 * | `code` | e-mail, ID, 機関コード, アクティベーションコード | NFKC (full-width ASCII → half-width), dash variants → `-`, trim |
 * | `digits` | phone, insurer and other numbers, 登録記号番号 | as `code`, and the katakana prolonged sound mark ー/ｰ typed for a hyphen → `-` |
 * | `symbol` | 被保険者記号・番号 | NFKC, dash variants → `-`, runs of spaces → one space, trim; kanji and kana are kept (NFKC only widens half-width kana) |
 * | `date` | dates in 西暦 or 和暦 | NFKC (also turns ㍼ into 昭和, ㋿ into 令和), trim |
 *
 * Every kind is idempotent: `normalize(normalize(x)) === normalize(x)` (a property test checks it).
 * @module
 */

/** What a field holds, which decides how it is normalised. */
export type NormalizeKind = 'name' | 'secret' | 'code' | 'digits' | 'symbol' | 'date';

/** Dash-like characters people type (or IMEs produce) for a hyphen; NFKC leaves them alone. */
const DASHES =
  /[\u002D\u00AD\u02D7\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u2796\u2E3A\u2E3B\uFE58\uFE63\uFF0D]/g;
/** The katakana prolonged sound mark, typed for a hyphen in phone numbers with the IME on. */
const PROLONGED = /[\u30FC\uFF70]/g;
/** Whitespace plus zero-width characters at either end. */
const EDGES = /^[\s\u200B-\u200D\u2060\uFEFF]+|[\s\u200B-\u200D\u2060\uFEFF]+$/g;
const INNER_SPACES = /[\s\u200B-\u200D\u2060\uFEFF]+/g;

/** Full-width ASCII (U+FF01–U+FF5E) → half-width and the ideographic space → space; nothing else. */
export function toHalfWidthAscii(value: string): string {
  return value.replace(/[\uFF01-\uFF5E\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

/** Trims whitespace, U+3000 and zero-width characters at both ends. */
export function trimFormText(value: string): string {
  return value.replace(EDGES, '');
}

/**
 * Normalises one field value for its kind (see the module table). Never throws; a non-string
 * is returned unchanged so that the schema reports its type.
 */
export function normalizeFormValue<T>(value: T, kind: NormalizeKind): T | string {
  if (typeof value !== 'string') return value;
  switch (kind) {
    case 'secret':
      return value;
    case 'name':
      return trimFormText(value);
    case 'date':
      return trimFormText(value.normalize('NFKC'));
    case 'code':
      return trimFormText(value.normalize('NFKC').replace(DASHES, '-'));
    case 'digits':
      return trimFormText(value.normalize('NFKC').replace(DASHES, '-').replace(PROLONGED, '-'));
    case 'symbol':
      return trimFormText(value.normalize('NFKC').replace(DASHES, '-')).replace(INNER_SPACES, ' ');
  }
}

/** Removes hyphens and spaces from an already normalised number. */
export function stripSeparators(value: string): string {
  return value.replace(/[-\s]/g, '');
}
