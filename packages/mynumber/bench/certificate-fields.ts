// pnpm --filter @onshikit/mynumber exec tsx bench/certificate-fields.ts: the fair comparison of
// certificate decoders. Every library gets the same DER (the simulator card's 利用者証明用電子証明書
// and its CA certificate) and yields the same fields the eligibility flow needs: serial number,
// issuer, validity (notBefore, notAfter) and the RSA modulus. The fields are checked to agree
// before anything is timed.
// - ours: parseCertificate (the eager summary the driver returns);
// - @peculiar/x509: X509Certificate; its public key decodes the RSA key when it is built but
//   exposes only modulusLength, so that is what is read (the decoding work is the same);
// - pkijs: Certificate.fromBER, the modulus from subjectPublicKeyInfo.parsedKey;
// - node:crypto X509Certificate (OpenSSL), the modulus via publicKey.export({ format: 'jwk' }).
import 'reflect-metadata'; // @peculiar/x509's dependency injection needs it
import { X509Certificate as NodeX509 } from 'node:crypto';
import { X509Certificate as PeculiarX509 } from '@peculiar/x509';
import { MyNumberCard, parseCertificate } from '@onshikit/mynumber';
import { cardProfiles, createInProcessTransport, VirtualMyNumberCard } from '@onshikit/simulator';
import * as pkijs from 'pkijs';
import { Bench } from 'tinybench';

interface Fields {
  serial: string;
  issuer: string;
  notBefore: number;
  notAfter: number;
  modulusBits: number;
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex').toUpperCase();
const bits = (modulus: Uint8Array): number => (modulus[0] === 0 ? modulus.length - 1 : modulus.length) * 8;

const decoders: Record<string, (der: Uint8Array) => Fields> = {
  'onshi-kit parseCertificate': (der) => {
    const c = parseCertificate(der);
    return {
      serial: c.serialNumber,
      issuer: c.issuer.toString(),
      notBefore: c.notBefore.getTime(),
      notAfter: c.notAfter.getTime(),
      modulusBits: bits(c.rsaPublicKey!.modulus),
    };
  },
  '@peculiar/x509': (der) => {
    const c = new PeculiarX509(der as Uint8Array<ArrayBuffer>);
    const algorithm = c.publicKey.algorithm as { modulusLength?: number };
    return {
      serial: c.serialNumber.toUpperCase().replace(/^(00)+/, ''),
      issuer: c.issuer,
      notBefore: c.notBefore.getTime(),
      notAfter: c.notAfter.getTime(),
      modulusBits: algorithm.modulusLength ?? 0,
    };
  },
  pkijs: (der) => {
    const c = pkijs.Certificate.fromBER(der as Uint8Array<ArrayBuffer>);
    const key = c.subjectPublicKeyInfo.parsedKey as pkijs.RSAPublicKey;
    return {
      serial: hex(c.serialNumber.valueBlock.valueHexView).replace(/^(00)+/, ''),
      issuer: c.issuer.typesAndValues.map((t) => `${t.type}=${t.value.valueBlock.value}`).join(', '),
      notBefore: c.notBefore.value.getTime(),
      notAfter: c.notAfter.value.getTime(),
      modulusBits: bits(key.modulus.valueBlock.valueHexView),
    };
  },
  'node:crypto X509Certificate': (der) => {
    const c = new NodeX509(der);
    const n = Buffer.from(c.publicKey.export({ format: 'jwk' }).n!, 'base64url');
    return {
      serial: c.serialNumber.toUpperCase().replace(/^(00)+/, ''),
      issuer: c.issuer,
      notBefore: Date.parse(c.validFrom),
      notAfter: Date.parse(c.validTo),
      modulusBits: bits(n),
    };
  },
};

const card = await VirtualMyNumberCard.create(cardProfiles.standard());
const link = createInProcessTransport(card);
const driver = new MyNumberCard(link);
const certificates = [await driver.readAuthCertificateDer(), (await driver.readAuthCaCertificate()).der];
await link.close();

// The same facts from every decoder (issuer strings differ only in format).
for (const der of certificates) {
  const ours = decoders['onshi-kit parseCertificate']!(der);
  for (const [name, decode] of Object.entries(decoders)) {
    const theirs = decode(der);
    for (const key of ['serial', 'notBefore', 'notAfter', 'modulusBits'] as const) {
      if (theirs[key] !== ours[key])
        throw new Error(`${name}: ${key} ${String(theirs[key])} differs from ${String(ours[key])}`);
    }
    if (theirs.issuer.length === 0) throw new Error(`${name}: no issuer`);
  }
}

const time = Number(process.env.BENCH_TIME_MS ?? 1000);
const bench = new Bench({ time, warmupTime: Math.min(300, time) });
for (const [name, decode] of Object.entries(decoders)) {
  bench.add(name, () => {
    for (const der of certificates) decode(der);
  });
}
await bench.run();
const hz = (name: string): number => {
  const r = bench.tasks.find((t) => t.name === name)?.result as unknown as {
    throughput?: { mean: number };
    hz?: number;
  };
  return r.throughput?.mean ?? r.hz ?? 0;
};
const ours = hz('onshi-kit parseCertificate');
console.table(
  bench.tasks.map((t) => ({
    decoder: t.name,
    'µs per certificate': (1e6 / hz(t.name) / certificates.length).toFixed(1),
    'time vs ours': `${(ours / hz(t.name)).toFixed(1)}×`,
  })),
);
console.log(
  `${certificates.length} certificates (${certificates.map((c) => c.length).join(', ')} bytes); serial, issuer, validity and modulus from each.`,
);
