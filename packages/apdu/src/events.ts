/**
 * `@onshikit/apdu/events`: the one event emitter and async-iterator implementation of the reader
 * packages (PC/SC monitor, BLE reader), with one abort behaviour: an aborted iterator rejects with
 * `TransportError('ABORTED')`, at once when the signal was already aborted.
 * @module
 */
export { EventQueue } from './events/event-queue.js';
export { TypedEmitter } from './events/typed-emitter.js';
