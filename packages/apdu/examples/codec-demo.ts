// The codec demo: decode the JPKI SELECT and a card response, as a first look at the API.
import { CommandApdu, ResponseApdu, fromHex, toHex } from '@onshikit/apdu';

const select = CommandApdu.fromHex('00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01');
console.log(`SELECT  case ${select.case}, AID ${toHex(select.data, { separator: ' ' })}`);
const verifyQuery = ResponseApdu.decode(fromHex('63 C3'));
console.log(`VERIFY? ${verifyQuery.swHex}: ${verifyQuery.status.ja} / ${verifyQuery.status.en}`);
