// Subpath entry `@onshikit/simulator/conformance`: the transport conformance suite alone, so
// transport packages can run it without loading the rest of the simulator.
export * from './conformance/index.js';
