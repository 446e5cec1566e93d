// Issue 14: sealed settings and the settings file against a hostile neighbour.
// - The AES-GCM additional data was JSON.stringify({settings, key}): the same record with keys
//   in another order (PostgreSQL jsonb) failed as "wrong key or password".
// - A stale temp file with other permissions gave the sealed file those permissions.
// - A tampered scrypt N/r/p ran a derivation of many seconds or threw an untyped RangeError.
import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, stat, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  EligibilityError,
  openSettings,
  sealSettings,
  type AppSettings,
  type SealedSettings,
} from '@onshikit/eligibility';
import {
  FileSettingsStore,
  OperatorSession,
  deriveKey,
  openSettingsWithPassword,
  sealSettingsWithPassword,
} from '@onshikit/eligibility/node';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const SHEET: AppSettings = {
  institutionCode: '1319999999',
  institutionName: '試験整骨院',
  accountId: 'W0000001',
  password: 'Pa55word!x',
  passcode: 'PC-9876',
  activationCode: 'ACT-1234-5678',
  identityMode: 'visual',
  terminalId: 'desk-2',
};
const FAST = { N: 1 << 10, r: 8, p: 1 };

/** Rebuilds every object with its keys in the order PostgreSQL jsonb returns them (length, then bytes). */
function jsonbOrder(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(jsonbOrder);
  const keys = Object.keys(value).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((k) => [k, jsonbOrder((value as Record<string, unknown>)[k])]));
}

function shuffled(value: unknown, seed: number): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  let s = seed;
  for (let i = keys.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) >>> 0;
    const j = s % (i + 1);
    [keys[i], keys[j]] = [keys[j]!, keys[i]!];
  }
  return Object.fromEntries(keys.map((k) => [k, shuffled((value as Record<string, unknown>)[k], s + 1)]));
}

describe('security: sealed settings bind a canonical encoding', () => {
  it('opens after a jsonb round trip reordered the keys', async () => {
    const key = crypto.getRandomValues(new Uint8Array(32));
    const sealed = await sealSettings(SHEET, key);
    const reordered = jsonbOrder(JSON.parse(JSON.stringify(sealed))) as SealedSettings;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(sealed));
    expect(await openSettings(reordered, key)).toEqual(SHEET);
  });

  it('opens a password-sealed record whatever the key order, and tampering still fails', async () => {
    const sealed = await sealSettingsWithPassword(SHEET, 'operator-pass', FAST);
    await fc.assert(
      fc.asyncProperty(fc.nat(), async (seed) => {
        const reordered = shuffled(sealed, seed) as SealedSettings;
        expect(await openSettingsWithPassword(reordered, 'operator-pass')).toEqual(SHEET);
      }),
      { numRuns: 20 },
    );
    await expect(
      openSettingsWithPassword(
        { ...sealed, settings: { ...sealed.settings, institutionName: '別の医院' } },
        'operator-pass',
      ),
    ).rejects.toMatchObject({ code: 'SETTINGS_DECRYPT_FAILED' });
  });

  it('still opens version 1 records (sealed with JSON.stringify as additional data)', async () => {
    const key = crypto.getRandomValues(new Uint8Array(32));
    const { password, passcode, activationCode, ...publicPart } = SHEET;
    const source = { kind: 'vendor-key' } as const;
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const cryptoKey = await crypto.subtle.importKey('raw', key, 'AES-GCM', false, ['encrypt']);
    const additionalData = new TextEncoder().encode(JSON.stringify({ settings: publicPart, key: source }));
    const cipher = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData },
      cryptoKey,
      new TextEncoder().encode(JSON.stringify({ password, passcode, activationCode })),
    );
    const v1: SealedSettings = {
      version: 1,
      settings: publicPart,
      key: source,
      iv: Buffer.from(iv).toString('base64'),
      secrets: Buffer.from(cipher).toString('base64'),
    };
    expect(await openSettings(v1, key)).toEqual(SHEET);
    expect((await sealSettings(SHEET, key)).version).toBe(2);
  });
});

describe('security: tampered scrypt parameters fail fast and typed', () => {
  const tampered = [
    { N: 1 << 24, r: 8, p: 1 },
    { N: 1 << 16, r: 8, p: 64 },
    { N: 1 << 20, r: 1, p: 16 },
    { N: 1000, r: 8, p: 1 },
    { N: 0, r: 8, p: 1 },
    { N: -1024, r: 8, p: 1 },
    { N: 1 << 15, r: 0, p: 1 },
    { N: 1 << 15, r: 8, p: 0 },
    { N: 1 << 15, r: 1e9, p: 1 },
    { N: Number.NaN, r: 8, p: 1 },
    { N: '32768', r: 8, p: 1 },
    { N: 2 ** 53, r: 8, p: 1 },
  ];

  it.each(tampered)(
    'openSettingsWithPassword with %o: SETTINGS_INVALID (field scrypt), no derivation',
    async (params) => {
      const sealed = await sealSettingsWithPassword(SHEET, 'operator-pass', FAST);
      const bad = { ...sealed, key: { ...sealed.key, ...params } } as SealedSettings;
      const error = await openSettingsWithPassword(bad, 'operator-pass').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EligibilityError);
      expect(error).toMatchObject({ code: 'SETTINGS_INVALID', detail: { field: 'scrypt' } });
    },
  );

  it.each(tampered.filter((params) => typeof params.N === 'number'))(
    'an OperatorSession hash with %o is refused at construction',
    async (params) => {
      const good = await OperatorSession.hashPassword('operator-pass', FAST);
      const [, , , , salt, hash] = good.split('$');
      const bad = ['scrypt', String(params.N), String(params.r), String(params.p), salt, hash].join('$');
      expect(() => new OperatorSession({ passwordHash: bad, operatorId: 'op' })).toThrow(EligibilityError);
    },
  );

  it('refuses malformed hashes and out-of-bounds parameters for deriveKey and hashPassword with typed errors', async () => {
    for (const bad of [
      '',
      'scrypt$',
      'scrypt$1024$8$1$$',
      'bcrypt$1024$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA',
      `scrypt$1024$8$1$${'A'.repeat(24)}$${'B'.repeat(8)}`,
    ]) {
      expect(() => new OperatorSession({ passwordHash: bad, operatorId: 'op' })).toThrow(EligibilityError);
    }
    await expect(deriveKey('operator-pass', new Uint8Array(16), { N: 1 << 30, r: 8, p: 1 })).rejects.toMatchObject({
      code: 'SETTINGS_INVALID',
    });
    await expect(OperatorSession.hashPassword('operator-pass', { N: 3, r: 8, p: 1 })).rejects.toMatchObject({
      code: 'SETTINGS_INVALID',
    });
  });
});

describe('security: weak operator passwords are refused', () => {
  it.each(
    [
      '',
      '1234',
      '123456',
      '12345678',
      '12345678901',
      'abc',
      'abcdefg',
      '１２３４５６７８９０１',
      'aaaaaaaaaaaa',
      'x'.repeat(2000),
    ].map((p) => [p.length > 40 ? `${p.slice(0, 8)}… (${p.length})` : p, p]),
  )('%j: OPERATOR_PASSWORD_WEAK', async (_label, password) => {
    const error = await OperatorSession.hashPassword(password, FAST).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'OPERATOR_PASSWORD_WEAK' });
    if (password.length > 0) expect((error as Error).message).not.toContain(password);
    await expect(sealSettingsWithPassword(SHEET, password, FAST)).rejects.toMatchObject({
      code: 'OPERATOR_PASSWORD_WEAK',
    });
  });

  it.each(['desk-pass', '123456789012', 'うけつけパスワード'])('%j is accepted', async (password) => {
    await expect(OperatorSession.hashPassword(password, FAST)).resolves.toMatch(/^scrypt\$1024\$8\$1\$/);
  });
});

describe('security: the settings file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'onshikit-sec-settings-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('stays 0600 when a stale temp file with other permissions exists', async () => {
    const store = new FileSettingsStore(path.join(dir, 'settings.json'));
    const stale = `${store.file}.${process.pid}.tmp`;
    await writeFile(stale, 'stale');
    await chmod(stale, 0o666);
    await store.save(await sealSettingsWithPassword(SHEET, 'operator-pass', FAST));
    expect((await stat(store.file)).mode & 0o777).toBe(0o600);
  });

  it('does not write through a link planted at the temp name', async () => {
    const store = new FileSettingsStore(path.join(dir, 'settings.json'));
    const victim = path.join(dir, 'victim.txt');
    await writeFile(victim, 'untouched');
    await symlink(victim, `${store.file}.${process.pid}.tmp`);
    await store.save(await sealSettingsWithPassword(SHEET, 'operator-pass', FAST));
    expect(await readFile(victim, 'utf8')).toBe('untouched');
    expect((await stat(store.file)).mode & 0o777).toBe(0o600);
  });

  it('keeps the lockout state when the settings are saved again, and the reverse', async () => {
    const store = new FileSettingsStore(path.join(dir, 'settings.json'));
    await store.writeLockout({ failures: 3, lockedUntil: 1_900_000_000_000 });
    expect(await store.load()).toBeUndefined();
    const sealed = await sealSettingsWithPassword(SHEET, 'operator-pass', FAST);
    await store.save(sealed);
    expect(await store.readLockout()).toEqual({ failures: 3, lockedUntil: 1_900_000_000_000 });
    await store.writeLockout({ failures: 0 });
    expect(await openSettingsWithPassword((await store.load())!, 'operator-pass')).toEqual(SHEET);
    expect(await store.readLockout()).toEqual({ failures: 0 });
  });

  it.each([
    ['a FIFO', async (file: string) => execFileSync('mkfifo', [file])],
    ['a link to /dev/zero', async (file: string) => symlink('/dev/zero', file)],
    [
      'a link to a regular file',
      async (file: string) => {
        await writeFile(`${file}.real`, '{}');
        await symlink(`${file}.real`, file);
      },
    ],
    [
      'a sparse 1 GiB file',
      async (file: string) => {
        await writeFile(file, '');
        await truncate(file, 1024 ** 3);
      },
    ],
    ['a directory', async (file: string) => execFileSync('mkdir', [file])],
    ['invalid UTF-8', async (file: string) => writeFile(file, Buffer.from([0x7b, 0xff, 0x7d]))],
  ])('refuses %s at the settings path with SETTINGS_INVALID, without hanging', async (_name, plant) => {
    const store = new FileSettingsStore(path.join(dir, 'settings.json'));
    await plant(store.file);
    await expect(store.load()).rejects.toMatchObject({ code: 'SETTINGS_INVALID', detail: { field: 'file' } });
    await expect(store.readLockout()).rejects.toMatchObject({ code: 'SETTINGS_INVALID' });
  });
});
