import { fromHex, toHex } from '@onshikit/apdu';
import { cardProfiles, createInProcessTransport, VirtualMyNumberCard } from '@onshikit/simulator';

// A virtual My Number Card (keys and certificates from a run-time test CA) in an in-process reader.
const card = await VirtualMyNumberCard.create(cardProfiles.standard());
const transport = createInProcessTransport(card);

// SELECT the JPKI AP by its full AID, then READ BINARY 20 bytes of the token-info EF by SFI 6.
const select = await transport.transmit(fromHex('00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01'));
const token = await transport.transmit(fromHex('00 B0 86 00 14'));
console.log('SELECT', toHex(select));
console.log('label', JSON.stringify(new TextDecoder().decode(token.subarray(0, -2))), toHex(token.subarray(-2)));

// The user-authentication certificate (EF 000A) needs no PIN: one extended READ BINARY.
const cert = await transport.transmit(fromHex('00 B0 8A 00 00 00 00'));
console.log(
  'auth certificate',
  cert.length - 2,
  'bytes, serial',
  card.authCertificateSerial === undefined ? 'none' : 'present',
);

await transport.close();
