import { CommandApdu, findTlv, fromHex, tagToHex, toHex, walkTlv } from '@onshikit/apdu';

// Decode the JPKI SELECT: case 3 (data, no Le); the AID is a view into the bytes.
const select = CommandApdu.fromHex('00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01');
console.log(`case ${select.case}, AID ${toHex(select.data)}`);

// Walk a record shaped like the 基本4情報 EF (FF20 { DF22 name, DF24 birth date }).
const record = fromHex('FF 20 0E  DF 22 06 E8 A6 8B E6 9C AC  DF 24 02 31 39');
const count = walkTlv(record, (tlv, depth) =>
  console.log(`${'  '.repeat(depth)}${tagToHex(tlv.tag)} ${tlv.length} bytes`),
);
const name = findTlv(record, 'FF20/DF22');
console.log(`${count} elements, name ${new TextDecoder().decode(name?.value)}`);
