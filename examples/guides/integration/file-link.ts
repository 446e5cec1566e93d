import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { jstDate } from '@onshikit/eligibility';
import { OqsFileLinkService } from '@onshikit/eligibility/node';
import { SimulatedOqsTerminal, SimulatedPopulation } from '@onshikit/simulator-service';

// A clinic with a 資格確認端末: its shared folders (here a simulated terminal in a temp folder;
// in a clinic //oqs/REQ, //oqs/RES, //oqs/FACE). Card checks happen at the terminal's own reader
// and arrive in face/; the rececon asks by insurance-card numbers (照会区分 2) through req → res.
const root = await mkdtemp(path.join(os.tmpdir(), 'onshikit-link-'));
const population = new SimulatedPopulation();
const terminal = await SimulatedOqsTerminal.start({ root, population });
const link = new OqsFileLinkService({
  folders: { ...terminal.folders, state: path.join(root, 'local') },
  clientId: 'UKE1',
});

const person = population.entry('age-70-74').people[0]!;
const answer = await link.query({
  kind: 'numbers',
  checkDate: jstDate(new Date()),
  institutionCode: '1312345678',
  fileId: 'chk-0001',
  insurerNumber: person.insurerNumber,
  number: person.number,
  birthDate: person.birthDate,
  ...(person.symbol === undefined ? {} : { symbol: person.symbol }),
  ...(person.branch === undefined ? {} : { branch: person.branch }),
});
console.log('照会区分', answer.header.referenceClassification, '資格有効性', answer.validity, answer.results[0]?.name);
// → 照会区分 2 資格有効性 1 試験　六郎

await link.close();
await terminal.close();
await rm(root, { recursive: true, force: true });
