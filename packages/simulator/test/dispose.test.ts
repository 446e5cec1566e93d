import { fromHex } from '@onshikit/apdu';
import { cardProfiles, createInProcessTransport, VirtualMyNumberCard } from '@onshikit/simulator';
import { describe, expect, it } from 'vitest';
import { SELECT_JPKI } from './card-helpers.js';

describe('await using on the in-process transport', () => {
  it('powers the card off and closes the transport when the block ends', async () => {
    const card = await VirtualMyNumberCard.create(cardProfiles.standard());
    const transport = createInProcessTransport(card);
    {
      await using inBlock = transport;
      await inBlock.transmit(fromHex(SELECT_JPKI));
      expect(card.isPowered).toBe(true);
    }
    expect(card.isPowered).toBe(false);
    await expect(transport.transmit(fromHex(SELECT_JPKI))).rejects.toMatchObject({ code: 'TRANSPORT_CLOSED' });
  });

  it('closes it when the block throws, and the error is the block’s', async () => {
    const card = await VirtualMyNumberCard.create(cardProfiles.standard());
    const run = async (): Promise<void> => {
      await using transport = createInProcessTransport(card);
      await transport.transmit(fromHex(SELECT_JPKI));
      throw new Error('the desk cancelled');
    };
    await expect(run()).rejects.toThrow('the desk cancelled');
    expect(card.isPowered).toBe(false);
  });
});
