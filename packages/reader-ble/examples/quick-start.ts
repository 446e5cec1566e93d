import { toHex } from '@onshikit/apdu';
import { acr1255uj1Profile, connectBleReader } from '@onshikit/reader-ble';
import { SimulatedBleReader, VirtualMyNumberCard } from '@onshikit/simulator';

// A simulated ACR1255U-J1 with a virtual My Number Card on it. With a real reader, take the
// pipe from connectNoblePipe() (Node/Electron) or connectWebBluetoothPipe() (browser) instead.
const simulated = new SimulatedBleReader({ card: await VirtualMyNumberCard.create() });
const pipe = simulated.connect();

const reader = await connectBleReader({ pipe, profile: acr1255uj1Profile(), timeoutMs: 15_000 });
reader.on('card-removed', () => console.log('card removed'));

const card = await reader.waitForCard({ timeoutMs: 30_000 }); // a Transport, like reader-pcsc's
const selectJpki = Uint8Array.from([
  0x00, 0xa4, 0x04, 0x0c, 0x0a, 0xd3, 0x92, 0xf0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01,
]);
const response = await card.transmit(selectJpki, { timeoutMs: 5_000 });
console.log('SELECT JPKI-AP →', toHex(response.subarray(-2))); // 9000

await reader.close();
