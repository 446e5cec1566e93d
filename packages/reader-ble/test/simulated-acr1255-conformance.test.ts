import { acr1255uj1Profile, connectBleReader } from '@onshikit/reader-ble';
import { SimulatedBleReader, TEST_PINS, VirtualMyNumberCard, cardProfiles } from '@onshikit/simulator';
import { transportConformanceCases } from '@onshikit/mynumber/conformance';
import { describe, it } from 'vitest';

// The driver's flows (read certificate, PIN status, verify, sign…) over BLE: the virtual card in
// the simulated ACR1255U-J1 (written from the sources, independently of the host profile),
// authenticated and encrypted like the real reader.
describe.each([
  ['MTU 20, firmware SWV 3.00.05: short APDUs', 20, {}],
  [
    'MTU 182, a firmware major revision that allows extended APDUs (command blocks), notifications split at random points',
    182,
    { firmwareVersion: 'ACR1255U-J1 SWV 2.00.00', faults: { splitNotifications: true } },
  ],
  [
    'MTU 512, legacy FFF0 layout, replies chained in 256-byte blocks, notifications split at random points',
    512,
    { gattLayout: 'legacy' as const, replyBlockSize: 256, faults: { splitNotifications: true } },
  ],
])('transport conformance over BLE: simulated ACR1255U-J1 (%s)', (_label, maxWriteLength, options) => {
  const cases = transportConformanceCases({
    makeTransport: async () => {
      const card = await VirtualMyNumberCard.create(cardProfiles.standard());
      const sim = new SimulatedBleReader({ card, maxWriteLength, seed: maxWriteLength, ...options });
      const reader = await connectBleReader({ pipe: sim.connect(), profile: acr1255uj1Profile() });
      const transport = await reader.waitForCard({ timeoutMs: 5000 });
      return {
        transport,
        card: { authCertificate: card.authCertificateDer!, authPin: TEST_PINS.auth, authPinMaxTries: 3 },
        cleanup: () => reader.close(),
      };
    },
  });
  for (const c of cases) it(c.name, c.run);
});
