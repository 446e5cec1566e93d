// fast-check generators shared by the normal and the slow (1e5-run) property tests.
import fc from 'fast-check';
import { encodeDerLength, encodeTlv, type CommandApduFields } from '@onshikit/apdu';

const byte = fc.integer({ min: 0, max: 255 });

/** Any INS except 6x and 9x (ISO 7816-3 §10.3.2). */
export const validIns = byte.filter((ins) => (ins & 0xf0) !== 0x60 && (ins & 0xf0) !== 0x90);

/** Fields of any valid command APDU, short and extended. */
export const commandFields: fc.Arbitrary<CommandApduFields> = fc.record(
  {
    cla: byte,
    ins: validIns,
    p1: byte,
    p2: byte,
    data: fc.oneof(
      { weight: 4, arbitrary: fc.uint8Array({ maxLength: 300 }) },
      {
        weight: 1,
        // Extended-length data up to Lc 65535, built cheaply (generating 64 KiB byte by byte is slow).
        arbitrary: fc
          .tuple(fc.integer({ min: 256, max: 65535 }), byte)
          .map(([n, b]) => new Uint8Array(n).map((_, i) => (i * 31 + b) & 0xff)),
      },
    ),
    le: fc.oneof(
      fc.integer({ min: 1, max: 256 }),
      fc.integer({ min: 257, max: 65536 }),
      fc.constantFrom(1, 255, 256, 257, 65535, 65536),
    ),
    extended: fc.boolean(),
  },
  { requiredKeys: ['cla', 'ins', 'p1', 'p2'] },
);

/** A TLV tree node: a tag and either bytes or children. */
export type TreeNode = { tag: number; value: Uint8Array } | { tag: number; children: TreeNode[] };

/** Encodes a tag number ≥ 31 in base 128 after a `xF`-led first byte (X.690 §8.1.2.4). */
function longTag(first: number, number: number): number {
  const digits: number[] = [];
  let n = number;
  do {
    digits.unshift(n & 0x7f);
    n = Math.floor(n / 128);
  } while (n > 0);
  let tag = first;
  digits.forEach((d, i) => {
    tag = tag * 256 + (i < digits.length - 1 ? d | 0x80 : d);
  });
  return tag;
}

/** A DER-valid tag (no tag 00, minimal long form, up to 4 bytes), with the given constructed bit. */
export function derTag(constructed: boolean): fc.Arbitrary<number> {
  const c = constructed ? 0x20 : 0;
  const cls = fc.constantFrom(0x00, 0x40, 0x80, 0xc0);
  const short = fc
    .tuple(cls, fc.integer({ min: 0, max: 30 }))
    .map(([k, n]) => k | c | n)
    .filter((t) => t !== 0);
  const long = fc.tuple(cls, fc.integer({ min: 31, max: 2 ** 21 - 1 })).map(([k, n]) => longTag(k | c | 0x1f, n));
  return fc.oneof({ weight: 3, arbitrary: short }, { weight: 1, arbitrary: long });
}

/** Trees like the card's records and certificates: small fan-out, bounded depth. */
export const tree: fc.Arbitrary<TreeNode> = fc.letrec<{ node: TreeNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({
      tag: derTag(false),
      value: fc.oneof(
        { weight: 5, arbitrary: fc.uint8Array({ maxLength: 40 }) },
        { weight: 1, arbitrary: fc.uint8Array({ minLength: 128, maxLength: 700 }) },
      ),
    }),
    fc.record({ tag: derTag(true), children: fc.array(tie('node'), { maxLength: 4 }) }),
  ),
})).node;

/** A sequence of sibling trees (a record of several TLVs). */
export const forest = fc.array(tree, { maxLength: 4 });

/** DER encoding with the writer under test. */
export function encodeTree(node: TreeNode): Uint8Array {
  return 'value' in node ? encodeTlv(node.tag, node.value) : encodeTlv(node.tag, node.children.map(encodeTree));
}

function tagBytes(tag: number): number[] {
  const out: number[] = [];
  let t = tag;
  do {
    out.unshift(t & 0xff);
    t = Math.floor(t / 256);
  } while (t > 0);
  return out;
}

/**
 * An independent BER encoder for the round trip: per node, chooses (from `choices`) the
 * indefinite form for constructed nodes or a padded, non-minimal length form.
 */
export function encodeTreeBer(node: TreeNode, choices: () => number): Uint8Array {
  const content = 'value' in node ? node.value : concat(node.children.map((c) => encodeTreeBer(c, choices)));
  const choice = choices();
  let length: number[];
  if ('children' in node && choice === 0) {
    return Uint8Array.from([...tagBytes(node.tag), 0x80, ...content, 0, 0]);
  } else if (choice === 1) {
    length = [0x84, ...tagBytes(content.length + 2 ** 32).slice(1)];
  } else if (choice === 2 && content.length <= 0xff) {
    length = [0x81, content.length];
  } else {
    length = [...encodeDerLength(content.length)];
  }
  return Uint8Array.from([...tagBytes(node.tag), ...length, ...content]);
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function countNodes(node: TreeNode): number {
  return 'value' in node ? 1 : 1 + node.children.reduce((n, c) => n + countNodes(c), 0);
}

/** Bytes likely to reach deep into the TLV reader: a valid encoding with a few bytes changed or cut. */
export const hostileTlvBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc.tuple(forest, fc.array(fc.tuple(fc.nat(), byte), { maxLength: 4 }), fc.nat()).map(([trees, edits, cut]) => {
    const bytes = concat(trees.map(encodeTree));
    for (const [at, value] of edits) if (bytes.length > 0) bytes[at % bytes.length] = value;
    return bytes.subarray(0, bytes.length === 0 ? 0 : cut % (bytes.length + 1));
  }),
  fc
    .array(fc.constantFrom(0x30, 0x80, 0x00, 0x81, 0x82, 0x84, 0xff, 0x1f, 0xdf, 0x7f, 0x01), { maxLength: 80 })
    .map((a) => Uint8Array.from(a)),
);
