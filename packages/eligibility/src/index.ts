export type { PinRequest, PinSource } from "./ports/pin-source.js";
