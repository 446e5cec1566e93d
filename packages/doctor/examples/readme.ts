import { doctorNextStep, doctorText, formatReport, runDoctor, type DoctorPcscPort } from '@onshikit/doctor';
import { cardProfiles, createInProcessTransport, VirtualMyNumberCard } from '@onshikit/simulator';

// The doctor talks to PC/SC through a small port. `createPcscPort()` is the real one
// (@onshikit/reader-pcsc); here a virtual card with one PIN try left sits in a pretend PaSoRi.
const virtualCard = await VirtualMyNumberCard.create(cardProfiles.lastTry());
const port: DoctorPcscPort = {
  checkService: async () => ({ available: true }),
  listReaders: async () => [
    { name: 'SONY FeliCa Port/PaSoRi 4.0 0', model: 'Sony RC-S300', ignored: false, cardPresent: true },
  ],
  waitForCard: async () => {
    const transport = createInProcessTransport(virtualCard);
    return { transport, readerName: 'SONY FeliCa Port/PaSoRi 4.0 0', close: () => transport.close() };
  },
};

const report = await runDoctor(port, { timeoutMs: 30_000 });
console.log(`ok: ${report.ok}, verdict: ${report.verdict}`);
console.log(`card: ${report.card?.kind}, PIN tries left: ${report.card?.authPin?.triesLeft}`);
console.log(doctorText(report.verdict, 'en'));
console.log(`next: ${doctorNextStep(report.verdict, 'en')}`);
void formatReport(report, 'ja'); // what `onshikit doctor` prints
