// The simulated eligibility service lives in one owner folder; this file only re-exports it.
export * from './service/index.js';
