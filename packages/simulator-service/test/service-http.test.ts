import { afterEach, describe, expect, it } from 'vitest';
import { EligibilityError, HttpEligibilityService, type NumbersQuery } from '@onshikit/eligibility';
import {
  SimulatedPopulation,
  startSimulatedEligibilityServer,
  type SimulatedEligibilityServer,
} from '@onshikit/simulator-service';
import { errorCode as code } from '../../../test-support/file-link/error-code.js';
import { numbersQuery } from '../../../test-support/file-link/query.js';

const population = new SimulatedPopulation();
const person = population.entry('valid').people[0]!;
const query: NumbersQuery = numbersQuery(person, 'http-1');

let server: SimulatedEligibilityServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('HttpEligibilityService against the simulated server', () => {
  it('queries by numbers over loopback', async () => {
    server = await startSimulatedEligibilityServer({ population });
    const service = new HttpEligibilityService({ baseUrl: server.url });
    const response = await service.query(query);
    expect(response).toMatchObject({ status: 1, validity: 1 });
    expect(response.results[0]?.name).toBe(person.name);
  });

  it('retries the idempotent challenge on 503 but never the POST query', async () => {
    server = await startSimulatedEligibilityServer({ population, faults: { unavailableNext: 2 } });
    const service = new HttpEligibilityService({ baseUrl: server.url, retries: 2, retryDelayMs: 1 });
    expect((await service.challenge()).length).toBe(32);
    expect(server.hits['GET /challenge']).toBe(3);
    server.faults.unavailableNext = 1;
    expect(await code(service.query(query))).toBe('SERVICE_UNAVAILABLE');
    expect(server.hits['POST /qualification']).toBe(1);
  });

  it('maps malformed answers, 401, timeouts and cancellation to typed errors', async () => {
    server = await startSimulatedEligibilityServer({
      population,
      authorization: 'Bearer t',
      faults: { malformedNext: 1 },
    });
    const good = new HttpEligibilityService({
      baseUrl: server.url,
      headers: async () => ({ authorization: 'Bearer t' }),
      timeoutMs: 10_000,
      retries: 0,
    });
    expect(await code(good.query(query))).toBe('SERVICE_BAD_RESPONSE');
    expect(await code(new HttpEligibilityService({ baseUrl: server.url }).query(query))).toBe('SERVICE_UNAUTHORIZED');
    server.faults.dropNext = 1;
    expect(await code(good.query(query, { timeoutMs: 300 }))).toBe('SERVICE_TIMEOUT');
    server.faults.latencyMs = 200;
    const controller = new AbortController();
    const pending = good.query(query, { signal: controller.signal, timeoutMs: 5000 });
    setTimeout(() => controller.abort(), 20);
    expect(await code(pending)).toBe('SERVICE_ABORTED');
    expect(await code(new HttpEligibilityService({ baseUrl: 'http://127.0.0.1:9', retries: 0 }).query(query))).toBe(
      'SERVICE_UNAVAILABLE',
    );
    expect(() => new HttpEligibilityService({ baseUrl: 'ftp://x' })).toThrow(EligibilityError);
  });
});
