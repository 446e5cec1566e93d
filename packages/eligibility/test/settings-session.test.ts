import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EligibilityError,
  MemoryRececonStore,
  ReceptionWorkflow,
  openSettings,
  sealSettings,
  validateAppSettings,
  type AppSettings,
} from '@onshikit/eligibility';
import {
  FileSettingsStore,
  OperatorSession,
  openSettingsWithPassword,
  sealSettingsWithPassword,
} from '@onshikit/eligibility/node';
import { FakeCard, ScriptedService } from './support/fakes.js';

const SHEET: AppSettings = {
  institutionCode: '1319999999',
  institutionName: '試験整骨院',
  accountId: 'W0000001',
  password: 'Pa55word!x',
  passcode: 'PC-9876',
  activationCode: 'ACT-1234-5678',
  identityMode: 'visual',
};
const FAST = { N: 1 << 10, r: 8, p: 1 };

describe('settings', () => {
  it('validates the sheet and names the bad field without echoing it', () => {
    expect(validateAppSettings({ ...SHEET, institutionCode: '１３１９９９９９９９' }).institutionCode).toBe(
      '1319999999',
    );
    try {
      validateAppSettings({ ...SHEET, password: 'bad\u0000secret' });
      expect.unreachable();
    } catch (error) {
      expect((error as EligibilityError).code).toBe('SETTINGS_INVALID');
      expect((error as EligibilityError).message).not.toContain('secret');
    }
    expect(() => validateAppSettings({ ...SHEET, identityMode: 'face' })).toThrow(EligibilityError);
  });

  it('seals secrets with a vendor key (AES-GCM): no secret in the stored JSON, wrong key and tampering fail', async () => {
    const key = crypto.getRandomValues(new Uint8Array(32));
    const sealed = await sealSettings(SHEET, key);
    const json = JSON.stringify(sealed);
    for (const secret of [SHEET.password, SHEET.passcode, SHEET.activationCode]) expect(json).not.toContain(secret);
    expect(await openSettings(sealed, key)).toEqual(SHEET);
    await expect(openSettings(sealed, new Uint8Array(32))).rejects.toMatchObject({ code: 'SETTINGS_DECRYPT_FAILED' });
    await expect(
      openSettings({ ...sealed, settings: { ...sealed.settings, identityMode: 'pin' } }, key),
    ).rejects.toMatchObject({ code: 'SETTINGS_DECRYPT_FAILED' });
  });

  it('seals with a scrypt key from the operator password into a 0600 file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'onshikit-settings-'));
    try {
      const store = new FileSettingsStore(path.join(dir, 'settings.json'));
      expect(await store.load()).toBeUndefined();
      await store.save(await sealSettingsWithPassword(SHEET, 'operator-pass', FAST));
      const text = await readFile(store.file, 'utf8');
      expect(text).not.toContain(SHEET.password);
      expect((await stat(store.file)).mode & 0o777).toBe(0o600);
      const loaded = await store.load();
      expect(await openSettingsWithPassword(loaded!, 'operator-pass')).toEqual(SHEET);
      await expect(openSettingsWithPassword(loaded!, 'wrong')).rejects.toMatchObject({
        code: 'SETTINGS_DECRYPT_FAILED',
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('round-trips arbitrary valid secrets', async () => {
    const key = crypto.getRandomValues(new Uint8Array(32));
    const secret = fc.stringMatching(/^[\x21-\x7e]{1,40}$/);
    await fc.assert(
      fc.asyncProperty(
        secret,
        secret,
        fc.stringMatching(/^[0-9A-Za-z-]{1,40}$/),
        async (password, passcode, activationCode) => {
          const settings = { ...SHEET, password, passcode, activationCode };
          expect(await openSettings(await sealSettings(settings, key), key)).toEqual(settings);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('operator session', () => {
  async function makeSession(now: { t: number }, audit: unknown[]) {
    return new OperatorSession({
      passwordHash: await OperatorSession.hashPassword('desk-1234', FAST),
      operatorId: 'op-7',
      autoLockMs: 60_000,
      maxFailures: 3,
      lockoutMs: 10_000,
      audit: (e) => void audit.push(e),
      now: () => new Date(now.t),
      monotonicNow: () => now.t,
    });
  }

  it('starts locked; the workflow refuses checks until unlocked; auto-locks after idle time', async () => {
    const now = { t: Date.UTC(2026, 10, 26) };
    const audit: { action: string; outcome: string }[] = [];
    const session = await makeSession(now, audit);
    const card = new FakeCard();
    const workflow = new ReceptionWorkflow({
      service: new ScriptedService(),
      cards: { waitForCard: async () => card.presented() },
      settings: { institutionCode: '1319999999', identityMode: 'visual' },
      session,
      now: () => new Date(now.t),
    });
    expect((await workflow.startCheck().done).error?.code).toBe('SESSION_LOCKED');
    await session.unlock('desk-1234');
    expect(session.locked).toBe(false);
    const check = workflow.startCheck({
      onEvent: (e) => e.type === 'visual-confirmation-required' && check.confirmVisual(),
    });
    expect((await check.done).state).toBe('done');
    now.t += 61_000;
    expect(session.locked).toBe(true);
    expect(audit.map((a) => `${a.action}:${a.outcome}`)).toEqual(['unlock:ok', 'lock:auto-lock']);
  });

  it('rate-limits failed unlocks with a growing lockout and audits them without the password', async () => {
    const now = { t: Date.UTC(2026, 10, 26) };
    const audit: { action: string; outcome: string; detail?: unknown }[] = [];
    const session = await makeSession(now, audit);
    for (let i = 0; i < 3; i += 1)
      await expect(session.unlock('nope')).rejects.toMatchObject({ code: 'UNLOCK_FAILED' });
    await expect(session.unlock('desk-1234')).rejects.toMatchObject({ code: 'UNLOCK_RATE_LIMITED' });
    now.t += 10_001;
    await expect(session.unlock('nope')).rejects.toMatchObject({ code: 'UNLOCK_FAILED' });
    now.t += 10_001; // the second lockout is 20 s
    await expect(session.unlock('desk-1234')).rejects.toMatchObject({ code: 'UNLOCK_RATE_LIMITED' });
    now.t += 10_000;
    await session.unlock('desk-1234');
    expect(session.locked).toBe(false);
    expect(JSON.stringify(audit)).not.toContain('desk-1234');
    expect(JSON.stringify(audit)).not.toContain('nope');
    expect(audit.filter((a) => a.action === 'unlock-failed')).toHaveLength(6);
    // The audit entries are valid for a RececonStore.
    const store = new MemoryRececonStore();
    for (const entry of audit) await store.appendAudit(entry as never);
  });

  it('supports a biometric hook', async () => {
    let ok = false;
    const session = new OperatorSession({
      passwordHash: await OperatorSession.hashPassword('desk-pass-1', FAST),
      operatorId: 'op',
      biometric: async () => ok,
    });
    await expect(session.unlockWithBiometric()).rejects.toMatchObject({ code: 'UNLOCK_FAILED' });
    ok = true;
    await session.unlockWithBiometric();
    expect(session.locked).toBe(false);
    session.lock();
    expect(session.locked).toBe(true);
  });
});
