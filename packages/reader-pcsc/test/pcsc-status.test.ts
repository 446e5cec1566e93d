import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PcscResult,
  classifyPcscResult,
  pcscResultOf,
  isIgnoredReaderName,
  defaultReaderFilter,
  checkPcscService,
} from '@onshikit/reader-pcsc';

describe('PC/SC result classification', () => {
  it('reads the result code the binding puts in its messages', () => {
    expect(pcscResultOf(new Error('SCardTransmit error: Transaction failed.(0x80100016)'))).toBe(
      PcscResult.SCARD_E_NOT_TRANSACTED,
    );
    expect(pcscResultOf('no code here')).toBeUndefined();
  });

  it('maps removal, reader loss, service loss and timeouts to transport codes', () => {
    expect(classifyPcscResult(PcscResult.SCARD_W_REMOVED_CARD)).toBe('CARD_REMOVED');
    expect(classifyPcscResult(PcscResult.SCARD_E_NO_SMARTCARD)).toBe('CARD_REMOVED');
    expect(classifyPcscResult(PcscResult.SCARD_E_READER_UNAVAILABLE)).toBe('READER_GONE');
    expect(classifyPcscResult(PcscResult.SCARD_E_NO_SERVICE)).toBe('READER_GONE');
    expect(classifyPcscResult(PcscResult.SCARD_E_TIMEOUT)).toBe('TIMEOUT');
    expect(classifyPcscResult(PcscResult.SCARD_E_SHARING_VIOLATION)).toBe('TRANSPORT_BUSY');
    expect(classifyPcscResult(PcscResult.SCARD_E_NOT_TRANSACTED)).toBe('ambiguous');
    expect(classifyPcscResult(undefined)).toBe('PCSC_ERROR');
  });

  it('never throws on arbitrary binding messages', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.integer().map((n) => `x (0x${(n >>> 0).toString(16).padStart(8, '0')})`),
        ),
        (message) => {
          const code = classifyPcscResult(pcscResultOf(new Error(message)));
          expect(typeof code).toBe('string');
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('reader filter (docs/reference/card-protocol.md#pitfalls item 2)', () => {
  it('skips virtual smart cards and FIDO keys, keeps NFC readers', () => {
    expect(isIgnoredReaderName('Windows Hello for Business 1')).toBe(true);
    expect(isIgnoredReaderName('Microsoft Virtual Smart Card 0')).toBe(true);
    expect(isIgnoredReaderName('Yubico YubiKey OTP+FIDO+CCID 00 00')).toBe(true);
    expect(defaultReaderFilter('SONY FeliCa Port/PaSoRi 4.0 0')).toBe(true);
    expect(defaultReaderFilter('Sony FeliCa Port/PaSoRi 3.0 0')).toBe(true);
    expect(defaultReaderFilter('ACS ACR1252 1S CL Reader PICC 0')).toBe(true);
    expect(defaultReaderFilter('Virtual PCD 00 00')).toBe(true);
  });
});

describe('PC/SC service check', () => {
  it('reports a missing pcscd socket without touching the binding', async () => {
    const saved = process.env.PCSCLITE_CSOCK_NAME;
    process.env.PCSCLITE_CSOCK_NAME = '/nonexistent/pcscd.comm';
    try {
      const status = await checkPcscService();
      expect(status.available).toBe(false);
      expect(status.reason).toMatch(/does not exist/);
    } finally {
      if (saved === undefined) delete process.env.PCSCLITE_CSOCK_NAME;
      else process.env.PCSCLITE_CSOCK_NAME = saved;
    }
  });
});
