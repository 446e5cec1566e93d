// The real `onshikit doctor` process against a real pcscd: the simulator's private PC/SC stack
// (pcscd + vpcd + virtual My Number Card). Only one such stack runs per machine, so this waits
// for the machine-wide stack lock when another package's tests hold it.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { cardProfiles, startPcscStack, VirtualMyNumberCard, type PcscStack } from '@onshikit/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageRoot = path.join(import.meta.dirname, '..');

interface CliRun {
  code: number;
  json: {
    ok: boolean;
    verdict: string;
    readers: { name: string }[];
    card?: {
      reader: string;
      kind: string;
      authPin: { state: string; triesLeft: number };
      certificate: { daysLeft: number };
      extendedLength?: boolean;
    };
  };
}

/** Runs the CLI from its sources, asynchronously (the vpcd bridge lives in this process). */
function doctor(...args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'doctor', '--json', ...args],
      { cwd: packageRoot, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        try {
          resolve({ code, json: JSON.parse(stdout) as CliRun['json'] });
        } catch {
          reject(new Error(`doctor exited ${code} without JSON: ${stdout}\n${stderr}`));
        }
      },
    );
  });
}

let stack: PcscStack;

beforeAll(async () => {
  stack = await startPcscStack({
    card: await VirtualMyNumberCard.create(cardProfiles.lastTry()),
    lockTimeoutMs: 110_000,
  });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
}, 30_000);

describe('onshikit doctor through pcscd + vpcd', () => {
  it('finds the reader and the card, and reports one PIN try left without using it', async () => {
    const first = await doctor('--timeout', '20');
    expect(first.code).toBe(1);
    expect(first.json.verdict).toBe('PIN_LAST_TRY');
    expect(first.json.readers.map((r) => r.name)).toContain(stack.readerName);
    expect(first.json.card).toMatchObject({
      reader: stack.readerName,
      kind: 'mynumber-card',
      authPin: { state: 'ok', triesLeft: 1 },
    });
    expect(first.json.card?.certificate.daysLeft).toBeGreaterThan(90);
    expect(first.json.card?.extendedLength).toBeTypeOf('boolean');
    // A second run sees the same counter: the doctor used no try.
    const second = await doctor('--timeout', '20');
    expect(second.json.card?.authPin.triesLeft).toBe(1);
  }, 90_000);

  it('a standard card is all good (exit 0)', async () => {
    await stack.insertCard(await VirtualMyNumberCard.create(cardProfiles.standard()));
    const run = await doctor('--timeout', '20');
    expect(run.json.verdict).toBe('ALL_GOOD');
    expect(run.code).toBe(0);
  }, 60_000);

  it('a card another application holds exclusively is CARD_BUSY (exit 1)', async () => {
    const { waitForCard } = await import('@onshikit/reader-pcsc');
    await using held = await waitForCard({ timeout: 10_000 });
    const run = await doctor('--timeout', '3');
    expect(held.closed).toBe(false);
    expect(run.code).toBe(1);
    expect(run.json.verdict).toBe('CARD_BUSY');
  }, 60_000);

  it('no card within --timeout is CARD_TIMEOUT (exit 1)', async () => {
    await stack.removeCard();
    const run = await doctor('--timeout', '2');
    expect(run.code).toBe(1);
    expect(run.json.verdict).toBe('CARD_TIMEOUT');
  }, 60_000);
});
