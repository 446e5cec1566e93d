import {
  HttpEligibilityService,
  MemoryRececonStore,
  ReceptionWorkflow,
  transportCardSource,
} from '@onshikit/eligibility';
import { VirtualMyNumberCard, cardProfiles, createInProcessTransport } from '@onshikit/simulator';
import { SimulatedPopulation, startSimulatedEligibilityServer } from '@onshikit/simulator-service';

// A virtual card and a simulated eligibility service on 127.0.0.1. In a clinic: a PC/SC or BLE
// transport from @onshikit/reader-pcsc / reader-ble, your relay's URL and a SQLite store.
const card = await VirtualMyNumberCard.create(cardProfiles.standard());
const population = new SimulatedPopulation().assign(card.authCertificateSerial ?? '', 'age-70-74');
const server = await startSimulatedEligibilityServer({ population });

const store = new MemoryRececonStore();
const workflow = new ReceptionWorkflow({
  service: new HttpEligibilityService({ baseUrl: server.url }),
  cards: transportCardSource(async () => createInProcessTransport(card)),
  store,
  settings: { institutionCode: '1312345678', identityMode: 'visual' },
  operator: 'desk-1',
});

const check = workflow.startCheck({
  onEvent: (event) => {
    if (event.type === 'state') console.log(event.message.ja);
    // 目視: the staff compare the photo on the card with the patient, then confirm.
    if (event.type === 'visual-confirmation-required') check.confirmVisual();
  },
});
const summary = await check.done;
console.log(summary.outcome, summary.result?.name, `${summary.result?.burdenRatio.percent}%`);
// → valid 試験　六郎 20%   (70-74: 高齢受給者証 2割)
console.log((await store.listChecks({})).items.length, 'check saved');
await server.close();
