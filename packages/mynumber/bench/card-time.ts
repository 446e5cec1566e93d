// pnpm --filter @onshikit/mynumber exec tsx bench/card-time.ts: what a patient waits for at the card,
// modelled. The driver's flows of a whole check (detection included) run over the in-process
// virtual card with the simulator's air-time model (ISO/IEC 14443 framing plus documented
// assumptions for card processing, the on-card signature and the reader's USB round trip), at
// 212 and 424 kbit/s, beside the physical floor (the same bytes at the bit rate, nothing else).
// Deterministic: no timing, so the table in the README is reproducible as is.
import { MyNumberCard, digestInfoOf, probeCard } from '@onshikit/mynumber';
import {
  AirTimeMeter,
  TEST_PINS,
  VirtualMyNumberCard,
  airTimeModel,
  cardProfiles,
  createInProcessTransport,
} from '@onshikit/simulator';

type Flow = 'visual' | 'pin';

async function run(
  card: VirtualMyNumberCard,
  flow: Flow,
  extended: boolean,
  bitRateKbps: 212 | 424,
): Promise<AirTimeMeter> {
  const meter = new AirTimeMeter(airTimeModel({ bitRateKbps }));
  const transport = createInProcessTransport(card, { supportsExtendedLength: extended, airTime: meter });
  const probed = await probeCard(transport);
  const driver = new MyNumberCard(transport, { probed });
  await driver.readAuthCertificate();
  if (flow === 'pin') {
    await driver.authPinStatus();
    await driver.verifyAuthPin(TEST_PINS.auth);
    await driver.signWithAuthKey(await digestInfoOf('SHA-256', new Uint8Array(32)));
  }
  await transport.close();
  return meter;
}

const ms = (us: number): string => (us / 1000).toFixed(1);
const card = await VirtualMyNumberCard.create(cardProfiles.standard());
const n = card.authCertificateDer!.length;
const rows: string[] = [
  '| check | APDUs | bytes | card time at 212 kbit/s | at 424 kbit/s | floor at 212 / 424 kbit/s |',
  '|---|---|---|---|---|---|',
];
for (const flow of ['visual', 'pin'] as const) {
  for (const extended of [true, false]) {
    const slow = await run(card, flow, extended, 212);
    const fast = await run(card, flow, extended, 424);
    const name = `${flow === 'visual' ? '目視 (detect + certificate)' : '暗証番号 (+ PIN status, VERIFY, signature)'}, ${extended ? 'extended' : 'short'} APDUs`;
    rows.push(
      `| ${name} | ${slow.apdus} | ${slow.bytes} | ${ms(slow.totalUs)} ms | ${ms(fast.totalUs)} ms | ${ms(slow.floorUs)} / ${ms(fast.floorUs)} ms |`,
    );
  }
}
console.log(
  `Certificate of ${n} bytes; model: simulator AirTimeModel defaults (card processing 2 ms an APDU, signature 250 ms, USB 2 ms an APDU: assumptions).\n`,
);
console.log(rows.join('\n'));
