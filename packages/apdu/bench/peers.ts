// "Walk every TLV" with each peer library: parse, then visit every node of its tree.
import * as asn1js from 'asn1js';
import berTlv from 'ber-tlv';
import type { ITlv } from 'ber-tlv';
import NodeTlv from 'node-tlv';
const { TlvFactory, TlvType } = berTlv as unknown as typeof import('ber-tlv');
import { walkTlv, type Tlv } from '../src/index.js';

/** What every walker does with a node, so all pay for the same work: read tag and value length. */
let sink = 0;
export function consumed(): number {
  return sink;
}

const visitOurs = (tlv: Tlv): void => {
  sink += tlv.tag + tlv.value.length;
};

/** onshi-kit: one pass, validating lengths and nesting, values as views. */
export function walkOnshikit(bytes: Uint8Array): number {
  return walkTlv(bytes, visitOurs, { mode: 'der' });
}

/** onshi-kit in BER mode (what the card's records use). */
export function walkOnshikitBer(bytes: Uint8Array): number {
  return walkTlv(bytes, visitOurs);
}

function walkAsn1(node: asn1js.AsnType): number {
  const block = node as asn1js.BaseBlock;
  sink += block.idBlock.tagNumber + block.lenBlock.length;
  let count = 1;
  const value = (block as unknown as { valueBlock: { value?: unknown } }).valueBlock.value;
  if (block.idBlock.isConstructed && Array.isArray(value))
    for (const child of value) count += walkAsn1(child as asn1js.AsnType);
  return count;
}

/** asn1js: `fromBER` builds the tree, then we visit it. */
export function walkAsn1js(bytes: Uint8Array): number {
  const parsed = asn1js.fromBER(bytes);
  if (parsed.offset === -1) throw new Error(`asn1js: ${parsed.result.error}`);
  return walkAsn1(parsed.result);
}

function walkBer(items: ITlv[]): number {
  let count = 0;
  for (const item of items) {
    count++;
    sink += item.tag.length + (item.value?.length ?? 0);
    if (item.type === TlvType.CONSTRUCTED && item.items) count += walkBer(item.items);
  }
  return count;
}

/** ber-tlv: `TlvFactory.parse` on a Buffer view of the same bytes. */
export function walkBerTlv(bytes: Uint8Array): number {
  return walkBer(TlvFactory.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)));
}

interface NodeTlvNode {
  getTag(): string;
  getLength(): number;
  getChild(): NodeTlvNode[];
}

function walkNode(node: NodeTlvNode): number {
  let count = 1;
  sink += node.getTag().length + node.getLength();
  for (const child of node.getChild()) count += walkNode(child);
  return count;
}

/** node-tlv: `TLV.parse` on a Buffer view. */
export function walkNodeTlv(bytes: Uint8Array): number {
  return walkNode(
    (NodeTlv as unknown as { parse(data: Buffer): NodeTlvNode }).parse(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length),
    ),
  );
}
