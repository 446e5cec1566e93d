import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { MyNumberCard } from '@onshikit/mynumber';
import {
  VirtualMyNumberCard,
  cardProfiles,
  runPcscTool,
  startPcscStack,
  TEST_PINS,
  type PcscStack,
} from '@onshikit/simulator';
import { transportConformanceCases } from '@onshikit/mynumber/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForCard } from '@onshikit/reader-pcsc';

let stack: PcscStack;

beforeAll(async () => {
  stack = await startPcscStack({ card: await VirtualMyNumberCard.create(cardProfiles.standard()) });
}, 320_000);
afterAll(async () => {
  await stack?.stop();
});

describe('transport conformance: nfc-pcsc binding → pcscd → vpcd → virtual card', () => {
  const cases = transportConformanceCases({
    makeTransport: async () => {
      const card = await VirtualMyNumberCard.create(cardProfiles.standard());
      await stack.insertCard(card);
      const transport = await waitForCard({ timeout: 15_000 });
      return {
        transport,
        card: { authCertificate: card.authCertificateDer!, authPin: TEST_PINS.auth },
        cleanup: () => transport.close(),
      };
    },
  });
  for (const c of cases) it(c.name, c.run, 60_000);
});

describe('the driver over PC/SC and OpenSC read the same certificate', () => {
  it('MyNumberCard.readAuthCertificateDer equals pkcs15-tool --read-certificate', async () => {
    const card = await VirtualMyNumberCard.create(cardProfiles.standard());
    await stack.insertCard(card);
    let ours: Uint8Array;
    {
      await using transport = await waitForCard({ timeout: 15_000 });
      ours = await new MyNumberCard(transport).readAuthCertificateDer();
    }
    expect(Buffer.from(ours).equals(Buffer.from(card.authCertificateDer!))).toBe(true);
    const info = await runPcscTool('opensc-tool', ['--reader', stack.readerName, '--name']);
    expect(info.status, info.stderr).toBe(0);
    expect(info.stdout).toMatch(/JPKI/i);
    const list = await runPcscTool('pkcs15-tool', ['--reader', stack.readerName, '--list-certificates']);
    expect(list.status, list.stderr).toBe(0);
    const ids = [...list.stdout.matchAll(/ID\s*:\s*([0-9a-fA-F]+)/g)].map((m) => m[1]!);
    const dir = mkdtempSync(path.join(tmpdir(), 'onshikit-pcsc-opensc-'));
    try {
      const ders: string[] = [];
      for (const id of ids) {
        const file = path.join(dir, `${id}.pem`);
        const read = await runPcscTool('pkcs15-tool', [
          '--reader',
          stack.readerName,
          '--read-certificate',
          id,
          '--output',
          file,
        ]);
        ders.push(read.status === 0 ? Buffer.from(new X509Certificate(readFileSync(file)).raw).toString('hex') : '');
      }
      expect(ders).toContain(Buffer.from(ours).toString('hex'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
