// The codec demo: decode the JPKI SELECT and a card response, walk a TLV, and replay a recorded session.
import {
  CommandApdu,
  ResponseApdu,
  derElementLength,
  fromHex,
  tagToHex,
  toHex,
  transmitApdu,
  walkTlv,
} from '@onshikit/apdu';
import { ReplayTransport } from '@onshikit/apdu/testing';

const select = CommandApdu.fromHex('00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01');
console.log(`SELECT  case ${select.case}, AID ${toHex(select.data, { separator: ' ' })}`);
const verifyQuery = ResponseApdu.decode(fromHex('63 C3'));
console.log(`VERIFY? ${verifyQuery.swHex}: ${verifyQuery.status.ja} / ${verifyQuery.status.en}`);

// The first bytes of the user-authentication certificate say how much to read (docs/reference/card-protocol.md#certificate-read).
console.log(`cert    30 82 06 1F → ${derElementLength(fromHex('30 82 06 1F'))?.totalLength} bytes`);

const record = fromHex('FF 20 0E DF 22 06 E8 A6 8B E6 9C AC DF 24 02 31 39');
walkTlv(record, (tlv, depth) =>
  console.log(
    `TLV     ${'  '.repeat(depth)}${tagToHex(tlv.tag)} ${toHex(tlv.constructed ? new Uint8Array(0) : tlv.value)}`,
  ),
);

// A recorded session (the PIN was never written to it) replayed without a card.
const replay = new ReplayTransport({
  format: 'onshikit-apdu-trace',
  version: 1,
  recordedAt: '2026-01-01T00:00:00.000Z',
  transport: {},
  entries: [
    { command: '00A4040C0AD392F000260100000001', response: '9000', atMs: 0, durationMs: 12 },
    { command: '00A4020C020018', response: '9000', atMs: 12, durationMs: 9 },
    { command: '00200080', response: '63C3', atMs: 21, durationMs: 8 },
  ],
});
for (const hex of ['00A4040C0AD392F000260100000001', '00A4020C020018', '00200080']) {
  const response = await transmitApdu(replay, fromHex(hex));
  console.log(
    `replay  ${hex} → ${response.swHex}${response.status.triesLeft === undefined ? '' : ` (${response.status.triesLeft} tries left)`}`,
  );
}
