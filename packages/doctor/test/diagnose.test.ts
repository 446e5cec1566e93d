import { TransportError } from '@onshikit/apdu';
import { runDoctor, type DoctorReport } from '@onshikit/doctor';
import { describe, expect, it } from 'vitest';
import { cardProfiles, fakePort, PASORI } from './helpers/fake-port.js';

const codes = (report: DoctorReport): string[] => report.findings.map((f) => f.code);

/** No VERIFY with data (INS 20 with Lc) ever reaches the card: the doctor uses no PIN try. */
function expectNoPinTryUsed(port: ReturnType<typeof fakePort>): void {
  const verifies = port.virtualCard!.apduLog.filter((e) => e.command[1] === 0x20);
  for (const v of verifies) expect(v.command.length).toBe(4);
}

describe('runDoctor verdicts (in-process virtual card)', () => {
  it('a standard My Number Card is all good: certificate valid, 3 tries left, no try used', async () => {
    const port = fakePort({ card: cardProfiles.standard() });
    const report = await runDoctor(port);
    expect(report.ok).toBe(true);
    expect(report.verdict).toBe('ALL_GOOD');
    expect(codes(report)).toEqual(['PCSC_OK', 'READERS_FOUND', 'MYNUMBER_CARD', 'CERT_VALID', 'PIN_OK', 'ALL_GOOD']);
    expect(report.card).toMatchObject({
      reader: PASORI.name,
      kind: 'mynumber-card',
      authPin: { state: 'ok', triesLeft: 3 },
      extendedLength: false,
    });
    expect(report.card?.certificate?.daysLeft).toBeGreaterThan(90);
    expectNoPinTryUsed(port);
    expect(port.closed).toEqual(['card', 'port']);
  });

  it('reads only the token label, the auth certificate and the PIN status', async () => {
    const port = fakePort({ card: cardProfiles.standard() });
    await runDoctor(port);
    const touched = new Set(
      port
        .virtualCard!.fileAccesses.filter((a) => a.fid !== undefined)
        .map((a) => `${a.operation}:${a.fid.toString(16).padStart(4, '0')}`),
    );
    const reads = [...touched].filter((t) => t.startsWith('read'));
    expect(reads.sort()).toEqual(['read:0006', 'read:000a']);
  });

  it('an expired certificate is an error with the renewal step', async () => {
    const report = await runDoctor(fakePort({ card: cardProfiles.expiredAuth() }));
    expect(report.ok).toBe(false);
    expect(report.verdict).toBe('CERT_EXPIRED');
    expect(report.findings.find((f) => f.code === 'CERT_EXPIRED')?.severity).toBe('error');
  });

  it('a certificate in its post-expiry grace period is still reported expired', async () => {
    const report = await runDoctor(fakePort({ card: cardProfiles.expiredInGracePeriod() }));
    expect(report.verdict).toBe('CERT_EXPIRED');
  });

  it('a certificate expiring within 90 days is a warning with the days left', async () => {
    const now = new Date();
    const report = await runDoctor(fakePort({ card: cardProfiles.expiringSoon({ now }) }), { now });
    expect(report.ok).toBe(false);
    expect(report.verdict).toBe('CERT_EXPIRING');
    expect(report.findings.find((f) => f.code === 'CERT_EXPIRING')).toMatchObject({
      severity: 'warning',
      params: { daysLeft: 29 },
    });
  });

  it('expiryWarningDays moves the threshold', async () => {
    const now = new Date();
    const report = await runDoctor(fakePort({ card: cardProfiles.expiringSoon({ now }) }), {
      now,
      expiryWarningDays: 10,
    });
    expect(report.verdict).toBe('ALL_GOOD');
  });

  it('a blocked PIN is an error (municipal office), without a VERIFY', async () => {
    const port = fakePort({ card: cardProfiles.blocked() });
    const report = await runDoctor(port);
    expect(report.verdict).toBe('PIN_BLOCKED');
    expect(report.card?.authPin).toEqual({ state: 'blocked', triesLeft: 0 });
    expectNoPinTryUsed(port);
  });

  it('one try left is a warning and the try is not used', async () => {
    const port = fakePort({ card: cardProfiles.lastTry() });
    const report = await runDoctor(port);
    expect(report.verdict).toBe('PIN_LAST_TRY');
    expect(report.card?.authPin).toEqual({ state: 'ok', triesLeft: 1 });
    expectNoPinTryUsed(port);
    // Running the doctor again finds the same counter: nothing was consumed.
    const again = await runDoctor(fakePort({ card: cardProfiles.lastTry() }));
    expect(again.card?.authPin?.triesLeft).toBe(1);
  });

  it('a face-authentication card (PIN not set) is reported as such', async () => {
    const report = await runDoctor(fakePort({ card: cardProfiles.faceAuthOnly() }));
    expect(report.verdict).toBe('FACE_AUTH_CARD');
    expect(report.card?.authPin?.state).toBe('not-set');
    expect(codes(report)).toContain('CERT_VALID');
  });

  it('a face-authentication card keeping an empty EF 0001: PIN_UNUSABLE, a warning without the office on a guess', async () => {
    const port = fakePort({ card: cardProfiles.faceAuthOnly({ behaviour: { missingCertificate: 'empty-file' } }) });
    const report = await runDoctor(port);
    expect(report.verdict).toBe('PIN_UNUSABLE');
    expect(report.card?.authPin?.state).toBe('unusable');
    expectNoPinTryUsed(port);
  });

  it('a 住基カード is not usable', async () => {
    const report = await runDoctor(fakePort({ card: cardProfiles.jukiCard() }));
    expect(report.verdict).toBe('JUKI_CARD');
    expect(report.card?.kind).toBe('juki-card');
    expect(report.card?.certificate).toBeUndefined();
  });

  it.each([
    ['androidToken', 'smartphone-android'],
    ['iosToken', 'smartphone-ios'],
  ] as const)('a smartphone token (%s) is reported without reading its certificate', async (profile, kind) => {
    const port = fakePort({ card: cardProfiles[profile]() });
    const report = await runDoctor(port);
    expect(report.verdict).toBe('SMARTPHONE_TOKEN');
    expect(report.card?.kind).toBe(kind);
    expect(port.virtualCard!.fileAccesses.some((a) => a.fid === 0x000a)).toBe(false);
  });

  it('a card without the JPKI application is not a My Number Card', async () => {
    // A card that answers every SELECT with 6A82 (a transit card, say).
    const port = fakePort({ card: cardProfiles.standard() });
    const inner = port.waitForCard.bind(port);
    port.waitForCard = async (o) => {
      const presented = await inner(o);
      return {
        ...presented,
        transport: {
          transmit: async () => Uint8Array.of(0x6a, 0x82),
          close: async () => undefined,
          reset: async () => undefined,
        } as never,
      };
    };
    const report = await runDoctor(port);
    expect(report.verdict).toBe('NOT_MYNUMBER');
    expect(report.ok).toBe(false);
  });

  it('PC/SC unavailable stops before the readers', async () => {
    const port = fakePort({
      service: { available: false, reason: 'pcscd socket /run/pcscd/pcscd.comm does not exist (pcscd not running)' },
    });
    const report = await runDoctor(port);
    expect(report.verdict).toBe('PCSC_UNAVAILABLE');
    expect(codes(report)).toEqual(['PCSC_UNAVAILABLE']);
    expect(report.findings[0]?.params.reason).toContain('pcscd');
  });

  it('a missing native binding (PCSC_UNAVAILABLE from the listing) is PC/SC unavailable too', async () => {
    const report = await runDoctor(
      fakePort({ listError: new TransportError('PCSC_UNAVAILABLE', { detail: { reason: 'binding missing' } }) }),
    );
    expect(report.verdict).toBe('PCSC_UNAVAILABLE');
    expect(report.findings.at(-1)?.params.reason).toBe('binding missing');
  });

  it('no reader, or only virtual/FIDO readers, is NO_READER', async () => {
    expect((await runDoctor(fakePort({ readers: [] }))).verdict).toBe('NO_READER');
    const hello = { name: 'Windows Hello for Business 1', ignored: true, cardPresent: true };
    const report = await runDoctor(fakePort({ readers: [hello] }));
    expect(report.verdict).toBe('NO_READER');
    expect(report.readers).toEqual([hello]);
  });

  it('no card within the timeout is CARD_TIMEOUT with the seconds waited', async () => {
    const report = await runDoctor(fakePort({ card: new TransportError('TIMEOUT') }), { timeoutMs: 5000 });
    expect(report.verdict).toBe('CARD_TIMEOUT');
    expect(report.findings.at(-1)?.params.timeoutSeconds).toBe(5);
  });

  it('a card another application holds is CARD_BUSY; a card that does not answer is CARD_MUTE', async () => {
    const busy = new TransportError('TIMEOUT', {
      detail: {
        skipped: [
          { reader: 'Virtual PCD 00 01', reason: 'filtered-reader' },
          { reader: PASORI.name, reason: 'busy' },
        ],
      },
    });
    const report = await runDoctor(fakePort({ card: busy }));
    expect(report.verdict).toBe('CARD_BUSY');
    expect(report.findings.at(-1)?.params.reader).toBe(PASORI.name);
    const mute = new TransportError('TIMEOUT', { detail: { skipped: [{ reader: PASORI.name, reason: 'mute' }] } });
    expect((await runDoctor(fakePort({ card: mute }))).verdict).toBe('CARD_MUTE');
    const other = new TransportError('TIMEOUT', {
      detail: { skipped: [{ reader: PASORI.name, reason: 'link-error' }] },
    });
    expect((await runDoctor(fakePort({ card: other }))).verdict).toBe('CARD_TIMEOUT');
  });

  it('a reader unplugged while waiting is NO_READER; other link errors are CARD_READ_FAILED', async () => {
    expect((await runDoctor(fakePort({ card: new TransportError('NO_READER') }))).verdict).toBe('NO_READER');
    const report = await runDoctor(fakePort({ card: new TransportError('PCSC_ERROR') }));
    expect(report.verdict).toBe('CARD_READ_FAILED');
    expect(report.findings.at(-1)?.params.reason).toBe('PCSC_ERROR');
  });

  it('a card removed during the check is CARD_READ_FAILED and the card is released', async () => {
    const port = fakePort({ card: cardProfiles.standard({ faults: { removeAtApdu: 5 } }) });
    const report = await runDoctor(port);
    expect(report.verdict).toBe('CARD_READ_FAILED');
    expect(report.card?.reader).toBe(PASORI.name);
    expect(port.closed).toEqual(['card', 'port']);
  });
});
