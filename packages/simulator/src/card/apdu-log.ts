/** What a command did to a file, for tests that prove what the driver touched. */
export type FileOperation = 'select' | 'read' | 'verify' | 'change-pin' | 'sign' | 'internal-authenticate';

/** One file access made by a command. */
export interface FileAccess {
  /** Upper-case hex AID of the application, or `'MF'`. */
  readonly aid: string;
  readonly fid: number;
  readonly operation: FileOperation;
}

/** One command the card received and what it answered. */
export interface ApduLogEntry {
  /** 1-based position since the card was created. */
  readonly index: number;
  /**
   * The command bytes with the data field of VERIFY / CHANGE REFERENCE DATA / CHANGE KEY zeroed,
   * so no PIN ever sits in a log (DEVELOPERS.md rules).
   */
  readonly command: Uint8Array;
  /** The response bytes (data + SW), or `undefined` when the card was removed during the command. */
  readonly response: Uint8Array | undefined;
  /** SW1 SW2 as a number, or `undefined` when the card was removed. */
  readonly sw: number | undefined;
  /** The file this command selected, read, verified or used, if any. */
  readonly access: FileAccess | undefined;
}

/** Listener for {@link ApduLogEntry}s as they happen. */
export type ApduListener = (entry: ApduLogEntry) => void;
