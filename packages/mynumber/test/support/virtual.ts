import { CountingTransport } from '@onshikit/apdu/testing';
import {
  cardProfiles,
  createInProcessTransport,
  VirtualMyNumberCard,
  type CardProfile,
  type InProcessTransportOptions,
} from '@onshikit/simulator';
import { MyNumberCard, type MyNumberCardOptions } from '@onshikit/mynumber';

export interface VirtualSetup {
  card: VirtualMyNumberCard;
  counter: CountingTransport;
  driver: MyNumberCard;
}

/** A virtual card in the in-process reader, a counting wrapper and the driver on top. */
export async function virtualSetup(
  profile: CardProfile = cardProfiles.standard(),
  transportOptions: InProcessTransportOptions = {},
  driverOptions: MyNumberCardOptions = {},
): Promise<VirtualSetup> {
  const card = await VirtualMyNumberCard.create(profile);
  const counter = new CountingTransport(createInProcessTransport(card, transportOptions));
  return { card, counter, driver: new MyNumberCard(counter, driverOptions) };
}
