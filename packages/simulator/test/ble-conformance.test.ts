import { acr1255uj1Profile, connectBleReader } from '@onshikit/reader-ble';
import { SimulatedBleReader, TEST_PINS, VirtualMyNumberCard, cardProfiles } from '@onshikit/simulator';
import { transportConformanceCases } from '@onshikit/simulator/conformance';
import { describe, it } from 'vitest';

// The driver's flows (read certificate, PIN status, verify, sign…) over BLE: the virtual card in
// the simulated ACR1255U-J1, authenticated and encrypted like the real reader.
describe.each([
  ['MTU 20, short APDUs', 20, false, false],
  ['MTU 182, extended APDUs, notifications split at random points', 182, true, true],
  ['MTU 512, short APDUs, notifications split at random points', 512, false, true],
])('transport conformance over BLE: simulated ACR1255U-J1 (%s)', (_label, maxWriteLength, extendedLength, splitNotifications) => {
  const cases = transportConformanceCases({
    makeTransport: async () => {
      const card = await VirtualMyNumberCard.create(cardProfiles.standard());
      const sim = new SimulatedBleReader({ card, maxWriteLength, faults: { splitNotifications }, seed: maxWriteLength });
      const reader = await connectBleReader({ pipe: sim.connect(), profile: acr1255uj1Profile({ extendedLength }) });
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
