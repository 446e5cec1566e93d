import { TransportError, type Transport } from '@onshikit/apdu';
import { cardProfiles, createInProcessTransport, VirtualMyNumberCard, type CardProfile } from '@onshikit/simulator';
import type { DoctorPcscPort, DoctorReader } from '@onshikit/doctor';

export const PASORI: DoctorReader = {
  name: 'SONY FeliCa Port/PaSoRi 4.0 0',
  model: 'Sony RC-S300',
  notes: 'Windows: enable PC/SC and Type B in the NFC port settings',
  ignored: false,
  cardPresent: true,
};

export interface FakePortOptions {
  service?: { available: boolean; reason?: string };
  readers?: DoctorReader[];
  listError?: Error;
  /** The card presented, or the error the wait ends with. */
  card?: CardProfile | Error;
}

/** A PC/SC port whose card is the in-process virtual card (no pcscd). Records what was closed. */
export function fakePort(
  options: FakePortOptions,
): DoctorPcscPort & { closed: string[]; transport?: Transport; virtualCard?: VirtualMyNumberCard } {
  const port: DoctorPcscPort & { closed: string[]; transport?: Transport; virtualCard?: VirtualMyNumberCard } = {
    closed: [],
    checkService: async () => options.service ?? { available: true },
    listReaders: async () => {
      if (options.listError) throw options.listError;
      return options.readers ?? [PASORI];
    },
    waitForCard: async () => {
      const card = options.card ?? new TransportError('TIMEOUT');
      if (card instanceof Error) throw card;
      const virtualCard = await VirtualMyNumberCard.create(card);
      const transport = createInProcessTransport(virtualCard);
      port.transport = transport;
      port.virtualCard = virtualCard;
      return {
        transport,
        readerName: PASORI.name,
        extendedLength: false,
        close: async () => {
          port.closed.push('card');
          await transport.close();
        },
      };
    },
    close: async () => void port.closed.push('port'),
  };
  return port;
}

export { cardProfiles };
