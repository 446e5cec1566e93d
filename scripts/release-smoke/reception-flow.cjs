// The same packages from CommonJS: a PIN-mode check over the in-process virtual card.
const { HttpEligibilityService, ReceptionWorkflow, createCallbackPinSource, transportCardSource } = require('@onshikit/eligibility');
const { SimulatedPopulation, VirtualMyNumberCard, cardProfiles, createInProcessTransport, startSimulatedEligibilityServer } = require('@onshikit/simulator');

async function main() {
  const card = await VirtualMyNumberCard.create(cardProfiles.standard());
  const population = new SimulatedPopulation().assign(card.authCertificateSerial, 'late-elderly');
  const server = await startSimulatedEligibilityServer({ population });
  try {
    const workflow = new ReceptionWorkflow({
      service: new HttpEligibilityService({ baseUrl: server.url }),
      cards: transportCardSource(async () => createInProcessTransport(card)),
      pinSource: createCallbackPinSource(() => '1234'),
      settings: { institutionCode: '0110000001', identityMode: 'pin' },
    });
    const summary = await workflow.startCheck().done;
    if (summary.state !== 'done' || summary.mode !== 'pin') throw new Error(`unexpected summary: ${JSON.stringify(summary.error ?? summary.state)}`);
    console.log(`CJS reception flow: ${summary.outcome}, burden ${summary.result.burdenRatio.percent}%`);
  } finally {
    await server.close();
  }
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
