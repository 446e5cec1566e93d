// The properties, parameterised by run count: test/properties.test.ts runs them briefly,
// test/properties.slow.test.ts 1e5 times (ONSHIKIT_SLOW=1).
import fc from 'fast-check';
import { expect } from 'vitest';
import {
  ApduError,
  CommandApdu,
  ResponseApdu,
  decodeTlv,
  derElementLength,
  findTlv,
  fromHex,
  tlvChildren,
  tlvSequence,
  toHex,
  walkTlv,
  type Tlv,
  type TlvOptions,
} from '@onshikit/apdu';
import {
  commandFields,
  concat,
  countNodes,
  encodeTree,
  encodeTreeBer,
  forest,
  hostileTlvBytes,
  tree,
  type TreeNode,
} from './arbitraries.js';

/** Runs `fn`; anything thrown must be an ApduError. */
function onlyApduError<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof ApduError)) throw error;
    check(error.code.length > 0, 'ApduError has a code');
    return undefined;
  }
}

/** A cheap assertion for the hot per-element checks (vitest's expect is slow at 1e5 runs). */
function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`property violated: ${what}`);
}

function expectView(view: Uint8Array, input: Uint8Array): void {
  check(view.buffer === input.buffer, 'view shares the input buffer');
  check(view.byteOffset >= input.byteOffset, 'view starts inside the input');
  check(view.byteOffset + view.length <= input.byteOffset + input.length, 'view ends inside the input');
}

function checkElement(tlv: Tlv, input: Uint8Array): void {
  expectView(tlv.value, input);
  expectView(tlv.raw, input);
  check(tlv.raw.byteOffset - input.byteOffset === tlv.offset, 'offset is the position in the input');
  check(tlv.value.length === tlv.length, 'value length');
  check(tlv.offset + tlv.headerLength + tlv.length <= input.length, 'element inside the input');
}

function sameTree(tlv: Tlv, node: TreeNode, options: TlvOptions): void {
  expect(tlv.tag).toBe(node.tag);
  if ('value' in node) {
    expect(tlv.constructed).toBe(false);
    expect(toHex(tlv.value)).toBe(toHex(node.value));
  } else {
    expect(tlv.constructed).toBe(true);
    const children = [...tlvChildren(tlv, options)];
    expect(children.length).toBe(node.children.length);
    for (const [i, child] of children.entries()) sameTree(child, node.children[i]!, options);
  }
}

/** Inputs at a random offset inside a larger buffer, so views are checked against byteOffset too. */
function embedded(bytes: Uint8Array, pad: number): Uint8Array {
  const host = new Uint8Array(bytes.length + pad * 2).fill(0xee);
  host.set(bytes, pad);
  return host.subarray(pad, pad + bytes.length);
}

export function commandRoundTrip(numRuns: number): void {
  fc.assert(
    fc.property(commandFields, (fields) => {
      const apdu = new CommandApdu(fields);
      const bytes = apdu.encode();
      expect(bytes.length).toBe(apdu.encodedLength);
      const back = CommandApdu.decode(bytes);
      expect([back.cla, back.ins, back.p1, back.p2, back.le, back.extended, back.case]).toEqual([
        apdu.cla,
        apdu.ins,
        apdu.p1,
        apdu.p2,
        apdu.le,
        apdu.extended,
        apdu.case,
      ]);
      expect(back.data.length).toBe(apdu.data.length);
      expect(toHex(back.data.subarray(0, 64))).toBe(toHex(apdu.data.subarray(0, 64)));
      if (back.data.length > 0) expect(back.data.buffer).toBe(bytes.buffer);
      expect(toHex(back.encode())).toBe(toHex(bytes));
    }),
    { numRuns },
  );
}

export function arbitraryCommandBytes(numRuns: number): void {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(8), (raw, pad) => {
      const bytes = embedded(raw, pad);
      const apdu = onlyApduError(() => CommandApdu.decode(bytes));
      if (apdu) {
        // Exact case detection: the decoded command encodes back to the same bytes.
        check(toHex(apdu.encode()) === toHex(bytes), 'decoded command encodes back to the same bytes');
        if (apdu.data.length > 0) expectView(apdu.data, bytes);
      }
      const response = onlyApduError(() => ResponseApdu.decode(bytes));
      if (response) {
        expectView(response.data, bytes);
        check(response.data.length + 2 === bytes.length, 'response data length');
      }
    }),
    { numRuns },
  );
}

export function tlvDerRoundTrip(numRuns: number): void {
  fc.assert(
    fc.property(forest, fc.nat(8), (trees, pad) => {
      const bytes = embedded(concat(trees.map(encodeTree)), pad);
      const options: TlvOptions = { mode: 'der', maxDepth: 64 };
      const top = [...tlvSequence(bytes, options)];
      expect(top.length).toBe(trees.length);
      for (const [i, tlv] of top.entries()) sameTree(tlv, trees[i]!, options);
      let seen = 0;
      const count = walkTlv(
        bytes,
        (tlv) => {
          checkElement(tlv, bytes);
          seen++;
        },
        options,
      );
      expect(count).toBe(trees.reduce((n, t) => n + countNodes(t), 0));
      expect(seen).toBe(count);
      for (const [i, t] of trees.entries()) {
        const one = encodeTree(t);
        expect(derElementLength(one)).toEqual({ headerLength: top[i]!.headerLength, totalLength: one.length });
        // Every strict prefix that cuts the header asks for more bytes.
        for (let cut = 0; cut < top[i]!.headerLength; cut++)
          expect(derElementLength(one.subarray(0, cut))).toBeUndefined();
        expect(findTlv(bytes, [t.tag])?.tag).toBe(top.find((x) => x.tag === t.tag)?.tag);
      }
      if (trees.length === 1) {
        const single = decodeTlv(bytes, options);
        expect(single.raw.length).toBe(bytes.length);
      }
    }),
    { numRuns },
  );
}

export function tlvBerRoundTrip(numRuns: number): void {
  fc.assert(
    fc.property(tree, fc.infiniteStream(fc.integer({ min: 0, max: 3 })), (node, stream) => {
      const it = stream[Symbol.iterator]();
      const bytes = encodeTreeBer(node, () => it.next().value as number);
      const options: TlvOptions = { mode: 'ber', maxDepth: 64 };
      const tlv = decodeTlv(bytes, options);
      sameTree(tlv, node, options);
      expect(tlv.raw.length).toBe(bytes.length);
      expect(walkTlv(bytes, (t) => checkElement(t, bytes), options)).toBe(countNodes(node));
    }),
    { numRuns },
  );
}

export function arbitraryTlvBytes(numRuns: number): void {
  fc.assert(
    fc.property(
      hostileTlvBytes,
      fc.nat(8),
      fc.constantFrom<'der' | 'ber'>('der', 'ber'),
      fc.integer({ min: 1, max: 40 }),
      (raw, pad, mode, maxDepth) => {
        const bytes = embedded(raw, pad);
        const options: TlvOptions = { mode, maxDepth };
        const one = onlyApduError(() => decodeTlv(bytes, { ...options, allowTrailing: true }));
        if (one) checkElement(one, bytes);
        onlyApduError(() => {
          for (const tlv of tlvSequence(bytes, options)) {
            checkElement(tlv, bytes);
            if (tlv.constructed) for (const child of tlvChildren(tlv, options)) checkElement(child, bytes);
          }
        });
        const visited: Tlv[] = [];
        const count = onlyApduError(() => walkTlv(bytes, (tlv) => visited.push(tlv), options));
        for (const tlv of visited) checkElement(tlv, bytes);
        if (count !== undefined) check(count === visited.length, 'walk count');
        const found = onlyApduError(() => findTlv(bytes, [bytes[0] ?? 0x30], options));
        if (found) checkElement(found, bytes);
        const length = onlyApduError(() => derElementLength(bytes, { mode }));
        if (length)
          check(
            length.headerLength <= bytes.length && length.totalLength >= length.headerLength,
            'DER header inside the prefix',
          );
      },
    ),
    { numRuns },
  );
}

export function hexRoundTrip(numRuns: number): void {
  fc.assert(
    fc.property(
      fc.uint8Array({ maxLength: 64 }),
      fc.constantFrom('', ' ', ':', '-'),
      fc.boolean(),
      (bytes, separator, lowerCase) => {
        check(toHex(fromHex(toHex(bytes, { separator, lowerCase }))) === toHex(bytes), 'hex round trip');
      },
    ),
    { numRuns },
  );
  fc.assert(
    fc.property(fc.string({ maxLength: 40 }), (text) => {
      const bytes = onlyApduError(() => fromHex(text));
      if (bytes) check(bytes.length * 2 <= text.length, 'no more bytes than digit pairs');
    }),
    { numRuns },
  );
}
