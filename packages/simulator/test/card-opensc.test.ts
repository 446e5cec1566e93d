import { spawn } from 'node:child_process';
import { createHash, verify, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CardAid,
  cardProfiles,
  startPcscStack,
  TEST_PINS,
  VirtualMyNumberCard,
  type PcscStack,
} from '@onshikit/simulator';

/** Runs a tool without blocking the event loop (the vpcd bridge answers APDUs on it). */
function run(command: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/**
 * OpenSC's JPKI driver as an independent client of the virtual card (issue 3 §3): pcscd + vpcd
 * + the bridge carry the card, `pkcs15-tool` lists and reads its certificates.
 */
describe('OpenSC pkcs15-tool reads the virtual card (needs opensc, pcscd, vsmartcard-vpcd: scripts/setup-test-env.sh)', () => {
  let stack: PcscStack;
  let card: VirtualMyNumberCard;
  const out = mkdtempSync(path.join(tmpdir(), 'onshikit-opensc-'));

  beforeAll(async () => {
    card = await VirtualMyNumberCard.create(cardProfiles.standard());
    stack = await startPcscStack({ card });
  }, 320_000);

  afterAll(async () => {
    await stack?.stop();
    rmSync(out, { recursive: true, force: true });
  });

  it('lists the JPKI certificates and reads the auth certificate byte for byte', async () => {
    const list = await run('pkcs15-tool', ['--reader', stack.readerName, '--list-certificates']);
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/X\.509 Certificate/);
    const ids = [...list.stdout.matchAll(/ID\s*:\s*([0-9a-fA-F]+)/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    const pems = await Promise.all(
      ids.map(async (id) => {
        const file = path.join(out, `${id}.pem`);
        const read = await run('pkcs15-tool', [
          '--reader',
          stack.readerName,
          '--read-certificate',
          id,
          '--output',
          file,
        ]);
        return read.status === 0 && existsSync(file) ? new X509Certificate(readFileSync(file)) : undefined;
      }),
    );
    const raws = pems.flatMap((c) => (c ? [Buffer.from(c.raw).toString('hex')] : []));
    expect(raws).toContain(Buffer.from(card.authCertificateDer!).toString('hex'));
    const pins = await run('pkcs15-tool', ['--reader', stack.readerName, '--list-pins']);
    expect(pins.status, pins.stderr).toBe(0);
    expect(pins.stdout).toMatch(/User Authentication PIN[\s\S]*?Tries left\s*:\s*3/);
    expect(pins.stdout).toMatch(/Digital Signature PIN[\s\S]*?Tries left\s*:\s*5/);
    // OpenSC never went near the individual-number EF.
    expect(card.touched(CardAid.INPUT_SUPPORT, 0x0001)).toBe(false);
  }, 180_000);

  it('pkcs15-crypt signs a SHA-256 hash with the auth key after the PIN (80 2A 00 80)', async () => {
    const message = Buffer.from('eligibility nonce');
    const hashFile = path.join(out, 'hash.bin');
    const sigFile = path.join(out, 'sig.bin');
    writeFileSync(hashFile, createHash('sha256').update(message).digest());
    const sign = await run('pkcs15-crypt', [
      '--reader',
      stack.readerName,
      '--sign',
      '--key',
      '01',
      '--pkcs1',
      '--sha-256',
      '--pin',
      TEST_PINS.auth,
      '--input',
      hashFile,
      '--output',
      sigFile,
    ]);
    expect(sign.status, sign.stderr).toBe(0);
    const key = new X509Certificate(Buffer.from(card.authCertificateDer!)).publicKey;
    expect(verify('sha256', message, key, readFileSync(sigFile))).toBe(true);
    expect(
      card.apduLog.some(
        (e) =>
          e.command[0] === 0x80 &&
          e.command[1] === 0x2a &&
          e.command[2] === 0x00 &&
          e.command[3] === 0x80 &&
          e.sw === 0x9000,
      ),
    ).toBe(true);
  }, 180_000);
});
