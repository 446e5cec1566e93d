import { describe, expect, it } from 'vitest';
import { ApduError, CommandApdu, TransportError, fromHex, toHex, transmitApdu, type Transport } from '@onshikit/apdu';
import { ScriptedTransport } from './helpers/scripted-transport.js';

describe('transmitApdu', () => {
  it('returns the final response whatever its status', async () => {
    const card = new ScriptedTransport([
      ['00A4020C020006', '9000'],
      ['00A4020C020007', '6A82'],
    ]);
    expect((await transmitApdu(card, CommandApdu.fromHex('00A4020C020006'))).ok).toBe(true);
    const missing = await transmitApdu(card, fromHex('00A4020C020007'));
    expect(missing.ok).toBe(false);
    expect(missing.swHex).toBe('6A82');
    expect(() => missing.expectOk()).toThrow(ApduError);
  });

  it('follows 61xx with GET RESPONSE and joins the data (61 00 means 256)', async () => {
    const card = new ScriptedTransport([
      ['802A008002010200', 'AA 61 03'],
      ['00C0000003', 'BBCCDD 61 00'],
      ['00C0000000', 'EE 9000'],
    ]);
    const response = await transmitApdu(card, fromHex('802A008002010200'));
    expect(toHex(response.data)).toBe('AABBCCDDEE');
    expect(response.sw).toBe(0x9000);
    expect(card.remaining).toBe(0);
  });

  it('keeps the logical channel bits of CLA in GET RESPONSE', async () => {
    const card = new ScriptedTransport([
      ['81B0000000', '6101'],
      ['01C0000001', 'AA9000'],
    ]);
    expect(toHex((await transmitApdu(card, fromHex('81B0000000'))).data)).toBe('AA');
  });

  it('can leave 61xx to the caller', async () => {
    const card = new ScriptedTransport([['00B0000000', '6110']]);
    expect((await transmitApdu(card, fromHex('00B0000000'), { followGetResponse: false })).sw).toBe(0x6110);
  });

  it('stops a card that never ends GET RESPONSE', async () => {
    const steps: [string, string][] = [['00B0000000', '6101']];
    for (let i = 0; i < 3; i++) steps.push(['00C0000001', 'AA6101']);
    const card = new ScriptedTransport(steps);
    const error = await transmitApdu(card, fromHex('00B0000000'), { maxGetResponseRounds: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApduError);
    expect((error as ApduError).code).toBe('APDU_GET_RESPONSE_LOOP');
  });

  it('re-sends with the exact Le on 6Cxx (6C00 means 256), then follows 61xx', async () => {
    const card = new ScriptedTransport([
      ['00B0000010', '6C04'],
      ['00B0000004', '01020304 9000'],
      ['00CA004200', '6C00'],
      ['00CA004200', '6102'],
      ['00C0000002', 'AABB9000'],
    ]);
    expect(toHex((await transmitApdu(card, fromHex('00B0000010'))).data)).toBe('01020304');
    expect(toHex((await transmitApdu(card, fromHex('00CA0042 00'))).data)).toBe('AABB');
    const noResend = new ScriptedTransport([['00B0000010', '6C04']]);
    expect((await transmitApdu(noResend, fromHex('00B0000010'), { resendOnWrongLe: false })).sw).toBe(0x6c04);
  });

  it('refuses data that does not fit one command unless chaining is allowed', async () => {
    const data = new Uint8Array(300).map((_, i) => i & 0xff);
    const card = new ScriptedTransport([]);
    const error = await transmitApdu(card, new CommandApdu({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data })).catch(
      (e: unknown) => e,
    );
    expect((error as ApduError).code).toBe('APDU_CHAINING_NOT_ALLOWED');
    expect(card.sent).toEqual([]);
  });

  it('chains long data: CLA | 10 on all but the last link, Le on the last', async () => {
    const data = new Uint8Array(300).map((_, i) => i & 0xff);
    const first = toHex(data.subarray(0, 255));
    const rest = toHex(data.subarray(255));
    const card = new ScriptedTransport([
      [`10D60000FF${first}`, '9000'],
      [`00D600002D${rest}00`, 'AA9000'],
    ]);
    const response = await transmitApdu(card, new CommandApdu({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data, le: 256 }), {
      allowChaining: true,
    });
    expect(toHex(response.data)).toBe('AA');
  });

  it('stops a chain at the first error status', async () => {
    const data = new Uint8Array(600);
    const card = new ScriptedTransport([[`10D60000FF${toHex(data.subarray(0, 255))}`, '6884']]);
    const response = await transmitApdu(card, new CommandApdu({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data }), {
      allowChaining: true,
    });
    expect(response.swHex).toBe('6884');
    expect(card.remaining).toBe(0);
  });

  it('sends long data in one extended command when the transport supports it', async () => {
    const data = new Uint8Array(300);
    const card = new ScriptedTransport([[`00D6000000012C${toHex(data)}`, '9000']], { supportsExtendedLength: true });
    expect((await transmitApdu(card, new CommandApdu({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data }))).ok).toBe(true);
    const small = new ScriptedTransport(
      [
        [`10D6000000${'0100'}${toHex(data.subarray(0, 256))}`, '9000'],
        [`00D600002C${toHex(data.subarray(256))}`, '9000'],
      ],
      { supportsExtendedLength: true, maxCommandLength: 265 },
    );
    expect(
      (await transmitApdu(small, new CommandApdu({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data }), { allowChaining: true }))
        .ok,
    ).toBe(true);
  });

  it('passes TransportError through and wraps anything else as TRANSPORT_FAILED', async () => {
    const removed = new TransportError('CARD_REMOVED');
    expect(
      await transmitApdu(new ScriptedTransport([['00B0000000', removed]]), fromHex('00B0000000')).catch(
        (e: unknown) => e,
      ),
    ).toBe(removed);
    const boom = new Error('driver exploded');
    const wrapped = (await transmitApdu(new ScriptedTransport([['00B0000000', boom]]), fromHex('00B0000000')).catch(
      (e: unknown) => e,
    )) as TransportError;
    expect(wrapped).toBeInstanceOf(TransportError);
    expect(wrapped.code).toBe('TRANSPORT_FAILED');
    expect(wrapped.cause).toBe(boom);
  });

  it('reports a response shorter than SW1 SW2 as PROTOCOL_ERROR', async () => {
    const error = (await transmitApdu(new ScriptedTransport([['00B0000000', '90']]), fromHex('00B0000000')).catch(
      (e: unknown) => e,
    )) as TransportError;
    expect(error.code).toBe('PROTOCOL_ERROR');
  });

  it('rejects with ABORTED before sending when the signal is aborted, and passes options to the link', async () => {
    const controller = new AbortController();
    controller.abort();
    const card = new ScriptedTransport([]);
    const error = (await transmitApdu(card, fromHex('00B0000000'), { signal: controller.signal }).catch(
      (e: unknown) => e,
    )) as TransportError;
    expect(error.code).toBe('ABORTED');
    expect(card.sent).toEqual([]);
    let seen: unknown;
    const spy: Transport = {
      transmit: async (_c, options) => {
        seen = options;
        return fromHex('9000');
      },
      async [Symbol.asyncDispose]() {
        await this.close();
      },
      close: async () => {},
    };
    await transmitApdu(spy, fromHex('00B0000000'), { timeoutMs: 1500 });
    expect(seen).toEqual({ timeoutMs: 1500 });
  });

  it('rejects undecodable command bytes with ApduError before sending', async () => {
    const card = new ScriptedTransport([]);
    const error = await transmitApdu(card, fromHex('00B000')).catch((e: unknown) => e);
    expect((error as ApduError).code).toBe('APDU_TOO_SHORT');
  });
});
