// pnpm --filter @onshikit/eligibility exec tsx bench/card-detection.ts: time from card insertion
// to the workflow's `card-detected` event, and on to `card-released`, over the real PC/SC stack
// (virtual card → vpcd → pcscd → @onshikit/reader-pcsc → the driver's probe as `accept` →
// workflow). Needs pcscd and vsmartcard-vpcd (scripts/setup-test-env.sh). Wall time: pcscd's
// presence polling dominates detection, so run it alone on the machine.
import {
  HttpEligibilityService,
  MemoryRececonStore,
  ReceptionWorkflow,
  transportCardSource,
} from '@onshikit/eligibility';
import { PcscReaderMonitor, waitForCard } from '@onshikit/reader-pcsc';
import { VirtualMyNumberCard, cardProfiles, startPcscStack } from '@onshikit/simulator';
import { startLoopbackRelay } from './loopback-relay.js';

const runs = Number(process.env.BENCH_RUNS ?? 10);
const card = await VirtualMyNumberCard.create(cardProfiles.standard());
const server = await startLoopbackRelay(); // the service side: a loopback relay that answers at once
const stack = await startPcscStack({ card, insertCard: false });
// One monitor for every check: it keeps what the driver learned about the reader.
const monitor = await PcscReaderMonitor.open();
const workflow = new ReceptionWorkflow({
  service: new HttpEligibilityService({ baseUrl: server.url }),
  cards: transportCardSource(({ signal, accept }) => waitForCard({ signal, accept, monitor, timeout: 15_000 })),
  store: new MemoryRececonStore(),
  settings: { institutionCode: '1312345678', identityMode: 'visual' },
});

const detected: number[] = [];
const released: number[] = [];
try {
  for (let i = 0; i < runs; i++) {
    let insertedAt = 0;
    let detectedAt = 0;
    let releasedAt = 0;
    const check = workflow.startCheck({
      onEvent: (e) => {
        if (e.type === 'state' && e.state === 'card-detected') detectedAt = performance.now();
        if (e.type === 'card-released') releasedAt = performance.now();
        if (e.type === 'visual-confirmation-required') check.confirmVisual();
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 200)); // the check waits for a card
    insertedAt = performance.now();
    await stack.insertCard(card);
    const summary = await check.done;
    if (summary.state !== 'done') throw new Error(`check ended ${summary.state}: ${summary.error?.code ?? ''}`);
    detected.push(detectedAt - insertedAt);
    released.push(releasedAt - insertedAt);
    await stack.removeCard();
    await new Promise((resolve) => setTimeout(resolve, 600)); // pcscd sees the slot empty
  }
} finally {
  await monitor.close();
  await stack.stop();
  await server.close();
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.table([
  {
    step: 'insertion → card-detected',
    'median ms': median(detected).toFixed(0),
    'min ms': Math.min(...detected).toFixed(0),
    'max ms': Math.max(...detected).toFixed(0),
  },
  {
    step: 'insertion → card-released (目視: detect + certificate)',
    'median ms': median(released).toFixed(0),
    'min ms': Math.min(...released).toFixed(0),
    'max ms': Math.max(...released).toFixed(0),
  },
]);
console.log(`${runs} insertions over vpcd + pcscd (reader ${stack.readerName}).`);
