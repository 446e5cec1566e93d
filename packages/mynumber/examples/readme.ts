import { CardError, MyNumberCard } from '@onshikit/mynumber';
import { cardProfiles, createInProcessTransport, TEST_PINS, VirtualMyNumberCard } from '@onshikit/simulator';

// A virtual My Number Card in an in-process reader. With hardware, pass the Transport of
// @onshikit/reader-pcsc or @onshikit/reader-ble instead: the driver cannot tell them apart.
const virtualCard = await VirtualMyNumberCard.create(cardProfiles.standard());
const card = new MyNumberCard(createInProcessTransport(virtualCard));

const found = await card.detect(); // token label, never the ATR
console.log(`token: ${found.kind}`);

const cert = await card.readAuthCertificate({
  onProgress: (read, total) => void `${Math.round((100 * read) / total)}%`,
});
console.log(
  `issuer O=${cert.issuer.get('O')}, subject C=${cert.subject.get('C')}, expired: ${cert.isExpiredAt(new Date())}`,
);

const status = await card.authPinStatus(); // the empty VERIFY: uses no try
console.log(`auth PIN: ${status.state}, ${status.triesLeft} tries left`);

try {
  await card.verifyAuthPin('9999');
} catch (error) {
  if (error instanceof CardError) console.log(`${error.code} (${error.triesLeft} left): ${error.messages.ja}`);
}

const pin = new TextEncoder().encode(TEST_PINS.auth);
await card.verifyAuthPin(pin); // the driver zeroes `pin` after building the command
const signature = await card.signWithAuthKey({
  data: new TextEncoder().encode('nonce from the service'),
  hash: 'SHA-256',
});
console.log(`signature: ${signature.length} bytes; PIN buffer afterwards: ${pin.join(',')}`);

const info = await card.readBasicInfo(TEST_PINS.inputSupport); // name, address, birth date, sex — no individual number
console.log(`${info.familyName} ${info.givenName}, born ${info.birthDate.iso}, ${info.sex}`);
