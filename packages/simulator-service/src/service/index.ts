export { SimulatedPopulation, jstDateTime } from './population.js';
export type { IdentityVerdict, SimulatedPopulationOptions } from './population.js';
export { POPULATION_SCENARIOS, checkDigit, scriptedEntries, yearsBefore } from './scenarios.js';
export type { PersonTemplate, PopulationEntry, PopulationScenario } from './scenarios.js';
export { startSimulatedEligibilityServer } from './http-server.js';
export type { SimulatedEligibilityServer, SimulatedEligibilityServerOptions } from './http-server.js';
export { SimulatedOqsTerminal } from './file-terminal.js';
export type { SimulatedOqsTerminalOptions } from './file-terminal.js';
export type { ServiceFaults } from './faults.js';
