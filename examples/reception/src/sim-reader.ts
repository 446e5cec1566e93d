/**
 * The demo's simulated reader slot: a patient's virtual card is placed on it and taken off, and
 * the workflow's card source waits for it like it waits for a real reader.
 */
import type { Transport } from '@onshikit/apdu';
import { TransportError } from '@onshikit/apdu';
import { createInProcessTransport, type VirtualMyNumberCard } from '@onshikit/simulator';

export class SimulatedReaderSlot {
  #card: VirtualMyNumberCard | undefined;
  #waiters = new Set<(card: VirtualMyNumberCard) => void>();

  /** Places a card on the reader; a waiting check picks it up. */
  insert(card: VirtualMyNumberCard): void {
    this.#card = card;
    for (const wake of this.#waiters) wake(card);
    this.#waiters.clear();
  }

  /** Takes the card off the reader. */
  remove(): void {
    this.#card?.powerOff();
    this.#card = undefined;
  }

  get card(): VirtualMyNumberCard | undefined {
    return this.#card;
  }

  /** Resolves with a transport to the card on the reader, waiting for one if needed. */
  async connect(options: { signal: AbortSignal }): Promise<Transport> {
    const card = await this.waitForCard(options);
    card.powerOn();
    return createInProcessTransport(card);
  }

  /** Resolves with the card on the reader, waiting for one if needed. */
  async waitForCard(options: { signal: AbortSignal }): Promise<VirtualMyNumberCard> {
    return (
      this.#card ??
      (await new Promise<VirtualMyNumberCard>((resolve, reject) => {
        const wake = (c: VirtualMyNumberCard) => {
          options.signal.removeEventListener('abort', onAbort);
          resolve(c);
        };
        const onAbort = () => {
          this.#waiters.delete(wake);
          reject(new TransportError('ABORTED', { cause: options.signal.reason }));
        };
        if (options.signal.aborted) return onAbort();
        this.#waiters.add(wake);
        options.signal.addEventListener('abort', onAbort, { once: true });
      }))
    );
  }
}
