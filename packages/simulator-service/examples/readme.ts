import { HttpEligibilityService, jstDate } from '@onshikit/eligibility';
import { SimulatedPopulation, startSimulatedEligibilityServer } from '@onshikit/simulator-service';

// A scripted population and the simulated relay on 127.0.0.1 (an ephemeral port).
const population = new SimulatedPopulation();
const server = await startSimulatedEligibilityServer({ population });
const service = new HttpEligibilityService({ baseUrl: server.url });

// Ask by insurance-card numbers (照会区分 2) for the scripted 70-74 patient.
const person = population.entry('age-70-74').people[0]!;
const answer = await service.query({
  kind: 'numbers',
  checkDate: jstDate(new Date()),
  institutionCode: '1312345678',
  fileId: 'readme-1',
  insurerNumber: person.insurerNumber,
  number: person.number,
  birthDate: person.birthDate,
  ...(person.symbol === undefined ? {} : { symbol: person.symbol }),
  ...(person.branch === undefined ? {} : { branch: person.branch }),
});
const result = answer.results[0];
console.log('資格有効性', answer.validity, result?.name, `${result?.burdenRatio.percent}%`);
console.log('answered', population.answered.length, 'POST', server.hits['POST /qualification']);
await server.close();
