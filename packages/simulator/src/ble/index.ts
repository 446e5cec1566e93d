export { SimulatedBleReader } from './simulated-ble-reader.js';
export type { BleFaults, SimulatedBleReaderOptions } from './simulated-ble-reader.js';
export { MemoryGattLink } from './memory-gatt-link.js';
export type { MemoryGattLinkOptions, MemoryGattLinkStats } from './memory-gatt-link.js';
export { EchoCard } from './echo-card.js';
export type { EchoCardOptions } from './echo-card.js';
