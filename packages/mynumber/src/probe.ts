/**
 * Whether a transport holds a My Number Card, and what kind: the one place where a reader asks
 * a card what it is. Readers take {@link probeCard} as their injected `accept`, and the driver
 * starts from its answer ({@link MyNumberCardOptions.probed}) instead of asking again.
 * @module
 */
import type { Transport } from '@onshikit/apdu';
import { JPKI_AID, JpkiFile } from './applications.js';
import { CardChannel, type OperationOptions } from './channel.js';
import { readBinary, readBinaryBySfi } from './commands.js';
import { refusesShortEfId } from './read-file.js';
import { CardError } from './errors.js';
import { classifyTokenLabel, TOKEN_LABEL_LENGTH, type CardDetection } from './token.js';

/**
 * What {@link probeCard} found on a card with the JPKI AP. Pass it to the driver of the same
 * transport (`new MyNumberCard(transport, { probed })`) so it starts with the JPKI AP selected.
 */
export interface CardProbe extends CardDetection {
  /** The transport probed (the driver only trusts a probe of its own transport). */
  readonly transport: Transport;
}

/**
 * Reads the token label of the current JPKI AP: READ BINARY of EF `0006` by short EF id
 * (docs/reference/card-protocol.md#command-table, docs/reference/card-protocol.md#token-info), or SELECT `0006` + READ when the card refuses the short id.
 * APDUs: 1, or 2 on such a card. Throws `CARD_NOT_MYNUMBER` when there is no token EF.
 */
export async function readTokenLabel(channel: CardChannel, options: OperationOptions): Promise<CardDetection> {
  let response = channel.refusesShortEfId
    ? undefined
    : await channel.send(readBinaryBySfi(JpkiFile.TOKEN_INFO, 0, TOKEN_LABEL_LENGTH), options);
  if (response !== undefined && (response.ok || response.sw === 0x6282)) {
    channel.fileSelected(JpkiFile.TOKEN_INFO);
  } else {
    if (response !== undefined && refusesShortEfId(response.sw)) channel.refusesShortEfId = true;
    else if (response !== undefined && response.sw !== 0x6a82) {
      throw new CardError('CARD_UNEXPECTED_STATUS', {
        sw: response.swHex,
        detail: { sw: response.swHex, step: 'READ token label' },
      });
    }
    const selected = await channel.selectFile(JpkiFile.TOKEN_INFO, options);
    if (selected.sw === 0x6a82) throw new CardError('CARD_NOT_MYNUMBER', { sw: selected.swHex });
    if (!selected.ok)
      throw new CardError('CARD_UNEXPECTED_STATUS', {
        sw: selected.swHex,
        detail: { sw: selected.swHex, step: 'SELECT token EF' },
      });
    response = await channel.send(readBinary(0, TOKEN_LABEL_LENGTH), options);
  }
  if (!response.ok && response.sw !== 0x6282) {
    throw new CardError('CARD_UNEXPECTED_STATUS', {
      sw: response.swHex,
      detail: { sw: response.swHex, step: 'READ token label' },
    });
  }
  return classifyTokenLabel(response.data);
}

/**
 * Asks the card on `transport` whether it has the JPKI AP and which token it is (never by ATR,
 * docs/reference/card-protocol.md#pitfalls): SELECT JPKI AP, then the token label. The first command after power-on is sent
 * again once when the card answers `6F00` (docs/reference/card-protocol.md#reset-behaviour). Leaves the JPKI AP selected.
 *
 * Resolves `undefined` for a card without the JPKI AP (another card on the reader); rejects
 * with link failures (`TransportError`, `CardError('CARD_REMOVED')`).
 * APDUs: 2 (SELECT AP, READ BINARY by short EF id); 1 for a card without the JPKI AP.
 *
 * @example
 * ```ts
 * const transport = await waitForCard({ accept: async (t) => (await probeCard(t)) !== undefined });
 * ```
 */
export async function probeCard(transport: Transport, options: OperationOptions = {}): Promise<CardProbe | undefined> {
  const channel = new CardChannel(transport);
  try {
    await channel.selectApplication(JPKI_AID, options);
    return { ...(await readTokenLabel(channel, options)), transport };
  } catch (error) {
    if (error instanceof CardError && error.code === 'CARD_NOT_MYNUMBER') return undefined;
    throw error;
  }
}
