// Each area has one owner folder; this file only re-exports them.
export * from './card/index.js';
export * from './vpcd/index.js';
export * from './ble/index.js';
