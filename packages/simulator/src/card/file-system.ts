import type { KeyObject } from 'node:crypto';

/**
 * A PIN / password / 照合番号 key (IEF) with its retry counter. `value === null` is a key that
 * was never set (顔認証マイナンバーカード) and behaves like a key blocked from issuance
 * (docs/reference/card-protocol.md#input-support-files `0012`: query `63C0`, VERIFY `6984`).
 */
export interface PinKey {
  value: Uint8Array | null;
  triesLeft: number;
  readonly maxTries: number;
}

/** Transparent EF readable with READ BINARY. `readKeys`: any one verified key of the DF unlocks it; empty = free. */
export interface BinaryFile {
  readonly kind: 'binary';
  readonly fid: number;
  data: Uint8Array;
  readonly readKeys: readonly number[];
}

/** Record EF (common/住基 APs, docs/reference/card-protocol.md#common-aps) read with READ RECORD. */
export interface RecordFile {
  readonly kind: 'record';
  readonly fid: number;
  readonly records: readonly Uint8Array[];
  readonly readKeys: readonly number[];
}

/** A PIN EF (`0018`, `001B`, `0011`, …). */
export interface PinFile {
  readonly kind: 'pin';
  readonly fid: number;
  readonly pin: PinKey;
}

/** A private-key EF used by COMPUTE DIGITAL SIGNATURE / INTERNAL AUTHENTICATE. */
export interface KeyFile {
  readonly kind: 'private-key';
  readonly fid: number;
  readonly key: KeyObject;
  /** PIN EFs of the DF of which one must be verified; empty = usable without PIN. */
  readonly useKeys: readonly number[];
}

/** A selectable EF whose content no command reads (key references such as JPKI `0016`). */
export interface OpaqueFile {
  readonly kind: 'opaque';
  readonly fid: number;
}

/** Any EF. */
export type ElementaryFile = BinaryFile | RecordFile | PinFile | KeyFile | OpaqueFile;

/** One application DF. */
export interface ApplicationDf {
  /** Upper-case hex AID. */
  readonly aid: string;
  readonly name: string;
  readonly files: ReadonlyMap<number, ElementaryFile>;
}

/** Builds the file map of a DF. */
export function filesOf(list: readonly ElementaryFile[]): Map<number, ElementaryFile> {
  return new Map(list.map((f) => [f.fid, f]));
}

/** A PIN key from its ASCII value (`null` = not set). */
export function pinKey(
  setting: { value: string; triesLeft: number; maxTries: number } | null,
  fallbackMaxTries = 3,
): PinKey {
  if (!setting) return { value: null, triesLeft: 0, maxTries: fallbackMaxTries };
  return { value: new TextEncoder().encode(setting.value), triesLeft: setting.triesLeft, maxTries: setting.maxTries };
}
