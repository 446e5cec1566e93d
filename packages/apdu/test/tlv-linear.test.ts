// Issue 14: scanning nested indefinite lengths was quadratic: each level looked for its
// end-of-contents by scanning the whole subtree again (1.6 s at depth 1023 with 10^5 leaves).
// The work is counted, not timed: every byte the reader looks at goes through a Proxy.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeTlv, findTlv, tlvChildren, tlvSequence, walkTlv, type Tlv } from '@onshikit/apdu';

/** `depth` nested `30 80 … 00 00`, with `leaves` empty primitives (`04 00`) at the bottom. */
function nested(depth: number, leaves: number): Uint8Array {
  const bytes = new Uint8Array(depth * 4 + leaves * 2);
  let at = 0;
  for (let i = 0; i < depth; i++) bytes.set([0x30, 0x80], (at += 2) - 2);
  for (let i = 0; i < leaves; i++) bytes.set([0x04, 0x00], (at += 2) - 2);
  return bytes; // the closing 00 00 pairs are the zero-filled tail
}

/** `depth` levels, each with `perLevel` leaves before its nested child (a comb). */
function comb(depth: number, perLevel: number): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < depth; i++) {
    out.push(0x30, 0x80);
    for (let j = 0; j < perLevel; j++) out.push(0x04, 0x01, j & 0xff);
  }
  for (let i = 0; i < depth; i++) out.push(0x00, 0x00);
  return Uint8Array.from(out);
}

/** The input behind a Proxy that counts indexed reads (the reader's unit of work). */
function counted(bytes: Uint8Array): { input: Uint8Array; reads: () => number } {
  let reads = 0;
  const input = new Proxy(bytes, {
    get(target, key) {
      if (typeof key === 'string' && /^[0-9]+$/.test(key)) {
        reads++;
        return target[Number(key)];
      }
      if (key === 'length') return target.length;
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { input, reads: () => reads };
}

function deepestChain(tlv: Tlv): number {
  let count = 0;
  let current: Tlv | undefined = tlv;
  while (current?.constructed) {
    count++;
    let next: Tlv | undefined;
    for (const child of tlvChildren(current, { maxDepth: 1024 })) if (child.constructed) next = child;
    current = next;
  }
  return count;
}

const scans: [string, (input: Uint8Array) => unknown][] = [
  ['walkTlv', (input) => walkTlv(input, () => undefined, { maxDepth: 1024 })],
  ['decodeTlv', (input) => decodeTlv(input, { maxDepth: 1024 })],
  ['tlvSequence', (input) => [...tlvSequence(input, { maxDepth: 1024 })].length],
  [
    'findTlv (missing leaf)',
    (input) => findTlv(input, [...Array(400).fill(0x30), 0x05] as number[], { maxDepth: 1024 }),
  ],
  ['tlvChildren, level by level', (input) => deepestChain(decodeTlv(input, { maxDepth: 1024 }))],
];

describe('security: indefinite-length scanning is linear', () => {
  it.each(scans)('%s reads each byte a bounded number of times, at depth 1000', (_name, scan) => {
    for (const bytes of [nested(1000, 2000), comb(1000, 3)]) {
      const { input, reads } = counted(bytes);
      scan(input);
      expect(reads()).toBeLessThanOrEqual(4 * bytes.length);
    }
  });

  it.each(scans)('%s: doubling depth and size at most doubles the work (plus a constant)', (_name, scan) => {
    const work = (depth: number): number => {
      const { input, reads } = counted(nested(depth, depth * 2));
      scan(input);
      return reads();
    };
    const small = work(400);
    const large = work(800);
    expect(large).toBeLessThanOrEqual(2 * small + 64);
  });

  it('gives the same elements as before on random nestings (definite and indefinite mixed)', () => {
    type Node = { indefinite: boolean; children: Node[] } | { leaf: number };
    const node: fc.Memo<Node> = fc.memo((n) =>
      n <= 1
        ? fc.record({ leaf: fc.nat(255) })
        : fc.oneof(
            fc.record({ leaf: fc.nat(255) }),
            fc.record({ indefinite: fc.boolean(), children: fc.array(node(n - 1), { maxLength: 4 }) }),
          ),
    );
    const encode = (x: Node): number[] => {
      if ('leaf' in x) return [0x04, 0x01, x.leaf];
      const inner = x.children.flatMap(encode);
      if (x.indefinite) return [0x30, 0x80, ...inner, 0x00, 0x00];
      if (inner.length > 0x7f) return [0x30, 0x82, inner.length >> 8, inner.length & 0xff, ...inner];
      return [0x30, inner.length, ...inner];
    };
    fc.assert(
      fc.property(node(6), (tree) => {
        const bytes = Uint8Array.from(encode(tree));
        const seen: string[] = [];
        walkTlv(bytes, (t, d) => seen.push(`${d}:${t.offset}:${t.length}:${t.raw.length}`), { maxDepth: 64 });
        // The same walk through tlvChildren, level by level.
        const again: string[] = [];
        const visit = (t: Tlv, d: number): void => {
          again.push(`${d}:${t.offset}:${t.length}:${t.raw.length}`);
          if (t.constructed) for (const c of tlvChildren(t, { maxDepth: 64 })) visit(c, d + 1);
        };
        for (const t of tlvSequence(bytes, { maxDepth: 64 })) visit(t, 0);
        expect(again).toEqual(seen);
      }),
      { numRuns: 300 },
    );
  });

  it('an end found under a permissive maxDepth never hides TLV_TOO_DEEP under a stricter one', () => {
    const tree: fc.Arbitrary<number[]> = fc.letrec<{ node: number[] }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constant<number[]>([0x04, 0x00]),
        fc.array(tie('node'), { maxLength: 3 }).map((children) => [0x30, 0x80, ...children.flat(), 0x00, 0x00]),
      ),
    })).node;
    const outcome = (run: () => string[]): string => {
      try {
        return run().join(' ');
      } catch (error) {
        const e = error as { code?: string; offset?: number };
        return `${e.code}@${e.offset}`;
      }
    };
    // Level by level with tlvChildren: the element from a permissive read (its ends already
    // found) versus a plain copy of it (read afresh, nothing found before).
    const descend = (t: Tlv, maxDepth: number, fresh: boolean, out: string[]): string[] => {
      out.push(`${t.offset}:${t.length}`);
      const parent: Tlv = fresh
        ? {
            tag: t.tag,
            constructed: t.constructed,
            offset: t.offset,
            headerLength: t.headerLength,
            length: t.length,
            value: t.value,
            raw: t.raw,
          }
        : t;
      if (t.constructed) for (const child of tlvChildren(parent, { maxDepth })) descend(child, maxDepth, fresh, out);
      return out;
    };
    fc.assert(
      fc.property(tree, fc.integer({ min: 1, max: 6 }), (encoded, maxDepth) => {
        const root = decodeTlv(Uint8Array.from(encoded), { maxDepth: 64 });
        expect(outcome(() => descend(root, maxDepth, false, []))).toBe(
          outcome(() => descend(root, maxDepth, true, [])),
        );
      }),
      { numRuns: 400 },
    );
  });
});
