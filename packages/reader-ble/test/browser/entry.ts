// Bundled for Chromium by test/browser.test.ts: the ACR1255U-J1 codec and the Web Bluetooth entry in a browser.
import { toHex } from '@onshikit/apdu';
import { ACR1255_GATT, FrameAssembler, SecureChannel, encodeFrame } from '../../src/acr1255.js';
import { connectWebBluetoothPipe } from '../../src/web-bluetooth.js';

export async function run(): Promise<{ roundTrip: string; webBluetooth: string }> {
  const key = new Uint8Array(16).fill(7);
  const tx = new SecureChannel();
  const rx = new SecureChannel();
  tx.setSessionKey(key);
  rx.setSessionKey(key);
  const frame = encodeFrame(
    tx.seal({ type: 0x6f, slot: 0, seq: 1, param: 0, data: Uint8Array.from([0, 0xa4, 4, 0x0c]) }),
  );
  const assembler = new FrameAssembler();
  const blocks = [...assembler.push(frame.subarray(0, 7)), ...assembler.push(frame.subarray(7))];
  const roundTrip = toHex(rx.open(blocks[0]!).data);
  let webBluetooth = 'connected';
  try {
    await connectWebBluetoothPipe({ gatt: ACR1255_GATT, timeoutMs: 5000 });
  } catch (error) {
    webBluetooth = `${(error as { name?: string }).name}:${(error as { code?: string }).code}`;
  }
  return { roundTrip, webBluetooth };
}
