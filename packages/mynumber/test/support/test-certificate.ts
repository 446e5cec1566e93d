/**
 * Builds small X.509 certificates for driver tests with node:crypto and the apdu TLV writer
 * (the simulator's test CA is used by the integration tests; this keeps unit tests independent).
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { encodeTlv } from '@onshikit/apdu';

const te = new TextEncoder();

export function oid(dotted: string): Uint8Array {
  const parts = dotted.split('.').map(Number);
  const bytes: number[] = [parts[0]! * 40 + parts[1]!];
  for (const arc of parts.slice(2)) {
    const stack: number[] = [];
    let n = arc;
    do {
      stack.unshift(n & 0x7f);
      n = Math.floor(n / 128);
    } while (n > 0);
    for (let i = 0; i < stack.length - 1; i++) stack[i]! |= 0x80;
    bytes.push(...stack);
  }
  return encodeTlv(0x06, Uint8Array.from(bytes));
}

export type NamePart = readonly [oid: string, value: string, stringTag?: number];

export function name(parts: readonly NamePart[]): Uint8Array {
  return encodeTlv(
    0x30,
    parts.map(([o, v, tag]) => encodeTlv(0x31, encodeTlv(0x30, [oid(o), encodeTlv(tag ?? 0x0c, te.encode(v))]))),
  );
}

function time(date: Date, generalized: boolean): Uint8Array {
  const iso = date.toISOString();
  const compact =
    iso.slice(0, 4) +
    iso.slice(5, 7) +
    iso.slice(8, 10) +
    iso.slice(11, 13) +
    iso.slice(14, 16) +
    iso.slice(17, 19) +
    'Z';
  return generalized ? encodeTlv(0x18, te.encode(compact)) : encodeTlv(0x17, te.encode(compact.slice(2)));
}

export interface CertificateSpec {
  serial: Uint8Array;
  issuer: readonly NamePart[];
  subject: readonly NamePart[];
  notBefore: Date;
  notAfter: Date;
  publicKey: KeyObject;
  signer: KeyObject;
  /** Key usage as the BIT STRING content bytes (first byte = unused bits). */
  keyUsage?: Uint8Array;
  generalizedTime?: boolean;
}

export const C = '2.5.4.6';
export const O = '2.5.4.10';
export const OU = '2.5.4.11';
export const CN = '2.5.4.3';

export const JPKI_AUTH_ISSUER: readonly NamePart[] = [
  [C, 'JP', 0x13],
  [O, 'JPKI', 0x0c],
  [OU, 'JPKI for user authentication', 0x0c],
  [OU, 'Japan Agency for Local Authority Information Systems', 0x0c],
];

export function buildCertificate(spec: CertificateSpec): Uint8Array {
  const sha256WithRsa = encodeTlv(0x30, [oid('1.2.840.113549.1.1.11'), encodeTlv(0x05, new Uint8Array(0))]);
  const spki = new Uint8Array(spec.publicKey.export({ type: 'spki', format: 'der' }));
  const extensions: Uint8Array[] = [];
  if (spec.keyUsage) {
    extensions.push(
      encodeTlv(0x30, [
        oid('2.5.29.15'),
        encodeTlv(0x01, Uint8Array.of(0xff)),
        encodeTlv(0x04, encodeTlv(0x03, spec.keyUsage)),
      ]),
    );
  }
  const tbsParts = [
    encodeTlv(0xa0, encodeTlv(0x02, Uint8Array.of(2))),
    encodeTlv(0x02, spec.serial),
    sha256WithRsa,
    name(spec.issuer),
    encodeTlv(0x30, [
      time(spec.notBefore, spec.generalizedTime ?? false),
      time(spec.notAfter, spec.generalizedTime ?? false),
    ]),
    name(spec.subject),
    spki,
  ];
  if (extensions.length > 0) tbsParts.push(encodeTlv(0xa3, encodeTlv(0x30, extensions)));
  const tbs = encodeTlv(0x30, tbsParts);
  const signature = sign('sha256', tbs, spec.signer);
  return encodeTlv(0x30, [tbs, sha256WithRsa, encodeTlv(0x03, [Uint8Array.of(0), new Uint8Array(signature)])]);
}

export function rsaKeyPair(): { publicKey: KeyObject; privateKey: KeyObject } {
  return generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
}
