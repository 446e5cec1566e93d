export type { SimulatedCard } from './simulated-card.js';
