/** A reader appeared (at start-up or hot-plugged). */
export interface ReaderAttachedEvent {
  readonly type: 'reader-attached';
  readonly reader: string;
}

/** A reader went away (unplugged, or the PC/SC service stopped). */
export interface ReaderDetachedEvent {
  readonly type: 'reader-detached';
  readonly reader: string;
}

/** A card is in a reader (also emitted for cards already present when a reader attaches). */
export interface CardPresentEvent {
  readonly type: 'card-present';
  readonly reader: string;
  /** ATR as the reader reports it (docs/reference/card-protocol.md#atr: informative only, never a gate). */
  readonly atr: Uint8Array;
}

/** The card left the reader. */
export interface CardRemovedEvent {
  readonly type: 'card-removed';
  readonly reader: string;
}

/** Every event a {@link PcscReaderMonitor} emits, as one discriminated union. */
export type ReaderEvent = ReaderAttachedEvent | ReaderDetachedEvent | CardPresentEvent | CardRemovedEvent;

/** Event name → event payload. */
export interface ReaderEventMap {
  'reader-attached': ReaderAttachedEvent;
  'reader-detached': ReaderDetachedEvent;
  'card-present': CardPresentEvent;
  'card-removed': CardRemovedEvent;
}

/** Names of {@link ReaderEventMap}. */
export type ReaderEventType = keyof ReaderEventMap;
