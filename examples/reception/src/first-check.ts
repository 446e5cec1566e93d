import {
  HttpEligibilityService,
  ReceptionWorkflow,
  createCallbackPinSource,
  transportCardSource,
} from '@onshikit/eligibility';
import { VirtualMyNumberCard, cardProfiles, createInProcessTransport } from '@onshikit/simulator';
import { SimulatedPopulation, startSimulatedEligibilityServer } from '@onshikit/simulator-service';
import { SqliteRececonStore } from '@onshikit/store-sqlite';

// 1. A virtual My Number Card and a simulated eligibility service that knows its holder.
const card = await VirtualMyNumberCard.create(cardProfiles.standard());
const population = new SimulatedPopulation().assign(card.authCertificateSerial!, 'valid');
const service = await startSimulatedEligibilityServer({ population });

// 2. One desk: where cards come from, where PINs come from, the service and the store.
const store = SqliteRececonStore.open({ filename: ':memory:' });
const workflow = new ReceptionWorkflow({
  service: new HttpEligibilityService({ baseUrl: service.url }),
  cards: transportCardSource(async () => createInProcessTransport(card)), // a real reader: waitForCard() from @onshikit/reader-pcsc
  pinSource: createCallbackPinSource(async () => '1234'), // your on-screen PIN pad, or HidKeypadPinSource
  store,
  settings: { institutionCode: '0110000001', identityMode: 'visual' },
});

// 3. One patient: your screen is a switch over the events.
const check = workflow.startCheck({
  onEvent: (event) => {
    if (event.type === 'progress') console.log(`${event.percent}% ${event.message.ja}`);
    if (event.type === 'visual-confirmation-required') check.confirmVisual(); // staff compared the photo
  },
});
const summary = await check.done;
console.log(summary.state, summary.result?.name, summary.result?.burdenRatio.percent);

await store.close();
await service.close();
