export { SimulatedBleReader } from './simulated-ble-reader.js';
export type { BleFaults, ReceivedCommand, SimulatedBleReaderOptions } from './simulated-ble-reader.js';
export { ACR1255_SPEC } from './acr1255-spec.js';
export type { SpecRow } from './acr1255-spec.js';
export { MemoryGattLink } from './memory-gatt-link.js';
export type { MemoryGattLinkOptions, MemoryGattLinkStats } from './memory-gatt-link.js';
export { EchoCard } from './echo-card.js';
export type { EchoCardOptions } from './echo-card.js';
export type { SimulatedGattCentral, SimulatedGattCharacteristic, SimulatedGattWriteOptions } from './gatt-link.js';
