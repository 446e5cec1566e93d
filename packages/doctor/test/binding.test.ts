import { runDoctor } from '@onshikit/doctor';
import { describe, expect, it } from 'vitest';
import { cardProfiles, fakePort } from './helpers/fake-port.js';

describe('a PC/SC binding that does not load (issue 13)', () => {
  it('is reported as the install problem it is, never as "PC/SC running" then "install pcscd"', async () => {
    const port = {
      ...fakePort({ card: cardProfiles.standard() }),
      checkBinding: async () => ({ loaded: false, reason: 'pcsclite.node: cannot open shared object file' }),
    };
    const report = await runDoctor(port);
    expect(report.ok).toBe(false);
    expect(report.verdict).toBe('PCSC_BINDING_MISSING');
    expect(report.findings.map((f) => f.code)).toEqual(['PCSC_BINDING_MISSING']);
    expect(report.findings[0]?.params.reason).toContain('pcsclite.node');
  });

  it('a binding that loads goes on to the service check', async () => {
    const port = { ...fakePort({ card: cardProfiles.standard() }), checkBinding: async () => ({ loaded: true }) };
    const report = await runDoctor(port);
    expect(report.verdict).toBe('ALL_GOOD');
    expect(report.findings[0]?.code).toBe('PCSC_OK');
  });
});
