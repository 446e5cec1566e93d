import { HttpEligibilityService, jstDate } from '@onshikit/eligibility';
import { SimulatedPopulation, startSimulatedEligibilityServer } from '@onshikit/simulator-service';

// A vendor-run relay speaking onshi-kit's own HTTP protocol (docs/relay-openapi.yaml): GET
// /challenge and POST /qualification with the XmlMsg tree as JSON. The simulator implements it;
// no public relay exists, and the official API連携 is not this protocol.
const population = new SimulatedPopulation();
const relay = await startSimulatedEligibilityServer({ population, authorization: 'Bearer clinic-token' });
const service = new HttpEligibilityService({ baseUrl: relay.url, headers: { authorization: 'Bearer clinic-token' } });

const person = population.entry('late-elderly').people[0]!;
const answer = await service.query({
  kind: 'numbers',
  checkDate: jstDate(new Date()),
  institutionCode: '1312345678',
  fileId: 'chk-0002',
  insurerNumber: person.insurerNumber,
  number: person.number,
  birthDate: person.birthDate,
  ...(person.symbol === undefined ? {} : { symbol: person.symbol }),
  ...(person.branch === undefined ? {} : { branch: person.branch }),
});
console.log('relay', answer.validity, answer.results.length);
// → relay 1 1
await relay.close();
