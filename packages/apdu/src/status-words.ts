import { toHex } from './hex.js';

/** Broad class of a status word (ISO 7816-4 §5.1.3). */
export type StatusCategory = 'success' | 'more-data' | 'warning' | 'wrong-le' | 'error';

/** What one status word means. */
export interface StatusWordInfo {
  /** The status word, e.g. `0x63c2`. */
  readonly sw: number;
  /** Four upper-case hex digits. */
  readonly hex: string;
  readonly category: StatusCategory;
  readonly ja: string;
  readonly en: string;
  /** For `63Cx`: the tries left (x). */
  readonly triesLeft?: number;
  /** For `61xx`: bytes still available; for `6Cxx`: the exact Le to use (0 means 256). */
  readonly length?: number;
  /** True when the My Number Card is known to return this status (docs/reference/card-protocol.md#status-words). */
  readonly seenOnMyNumberCard: boolean;
}

type Entry = readonly [ja: string, en: string, seenOnMyNumberCard?: boolean];

/**
 * Fixed status words: ISO/IEC 7816-4 §5.1.3 tables 5-6, plus JICSAP statuses the My Number
 * Card returns (docs/reference/card-protocol.md#status-words; `true` marks those).
 */
const FIXED: ReadonlyMap<number, Entry> = new Map<number, Entry>([
  [0x9000, ['正常終了', 'success', true]],
  [0x6200, ['警告: 不揮発メモリの状態は変化なし', 'warning: state of non-volatile memory unchanged']],
  [0x6281, ['警告: 返すデータの一部が壊れている可能性', 'warning: part of returned data may be corrupted']],
  [
    0x6282,
    ['警告: Le バイト読む前にファイル終端に達した', 'warning: end of file reached before reading Le bytes', true],
  ],
  [0x6283, ['警告: 選択したファイルは無効化されている', 'warning: selected file deactivated']],
  [0x6284, ['警告: FCI の形式が不正', 'warning: file control information not formatted correctly']],
  [0x6285, ['警告: 選択したファイルは終了状態', 'warning: selected file in termination state']],
  [0x6286, ['警告: センサーからの入力なし', 'warning: no input data available from a sensor']],
  [0x6300, ['警告: 不揮発メモリが変化した(詳細なし)', 'warning: state of non-volatile memory changed']],
  [0x6381, ['警告: 最後の書き込みでファイルが満杯', 'warning: file filled up by the last write']],
  [0x6400, ['実行エラー: 不揮発メモリの状態は変化なし', 'execution error: state of non-volatile memory unchanged']],
  [0x6401, ['実行エラー: 外部装置からの即時応答が必要', 'execution error: immediate response required by the card']],
  [0x6500, ['実行エラー: 不揮発メモリが変化した', 'execution error: state of non-volatile memory changed']],
  [0x6581, ['実行エラー: メモリ障害', 'execution error: memory failure']],
  [0x6600, ['セキュリティ関連の問題', 'security-related issue']],
  [0x66f1, ['このAPではセッション鍵を設定できない', 'session key cannot be set on this application', true]],
  [0x6700, ['Lc/Le の長さが不正', 'wrong length', true]],
  [0x6800, ['CLA の機能がサポートされていない', 'functions in CLA not supported']],
  [0x6881, ['論理チャネルはサポートされていない', 'logical channel not supported', true]],
  [0x6882, ['セキュアメッセージングはサポートされていない', 'secure messaging not supported']],
  [0x6883, ['チェーンの最後のコマンドが必要', 'last command of the chain expected']],
  [0x6884, ['コマンドチェーンはサポートされていない', 'command chaining not supported']],
  [0x6900, ['コマンドは許可されていない', 'command not allowed']],
  [0x6981, ['ファイル構造と矛盾するコマンド', 'command incompatible with file structure', true]],
  [
    0x6982,
    [
      'セキュリティステータスが満たされていない(暗証番号の照合が必要)',
      'security status not satisfied (PIN verification needed)',
      true,
    ],
  ],
  [0x6983, ['認証方法がブロックされている', 'authentication method blocked']],
  [0x6984, ['参照データが使用できない(暗証番号がロックされている)', 'reference data not usable (PIN blocked)', true]],
  [0x6985, ['使用条件が満たされていない', 'conditions of use not satisfied', true]],
  [0x6986, ['コマンドは許可されていない(カレント EF なし)', 'command not allowed (no current EF)']],
  [0x6987, ['セキュアメッセージングのデータオブジェクトがない', 'expected secure messaging data objects missing']],
  [0x6988, ['セキュアメッセージングのデータオブジェクトが不正', 'incorrect secure messaging data objects']],
  [
    0x69fc,
    [
      'このAPではセキュアメッセージングの読み出しはできない',
      'secure messaging read not supported on this application',
      true,
    ],
  ],
  [0x6a00, ['P1/P2 が不正(詳細なし)', 'wrong parameters P1-P2']],
  [0x6a80, ['データフィールドのパラメータが不正', 'incorrect parameters in the data field', true]],
  [0x6a81, ['機能がサポートされていない', 'function not supported', true]],
  [0x6a82, ['ファイルまたはアプリケーションが見つからない', 'file or application not found', true]],
  [0x6a83, ['レコードが見つからない', 'record not found', true]],
  [0x6a84, ['ファイル内の空き容量が足りない', 'not enough memory space in the file']],
  [0x6a85, ['Lc が TLV 構造と矛盾', 'Nc inconsistent with TLV structure']],
  [0x6a86, ['P1/P2 が不正', 'incorrect parameters P1-P2', true]],
  [0x6a87, ['Lc が P1/P2 と矛盾', 'Nc inconsistent with parameters P1-P2']],
  [0x6a88, ['参照データまたはデータオブジェクトが見つからない', 'referenced data or data object not found', true]],
  [0x6a89, ['ファイルは既に存在する', 'file already exists']],
  [0x6a8a, ['DF 名は既に存在する', 'DF name already exists']],
  [
    0x6b00,
    ['P1/P2 が不正(オフセットがファイル終端を超えている)', 'wrong parameters P1-P2 (offset beyond end of file)', true],
  ],
  [0x6d00, ['INS がサポートされていない', 'instruction code not supported or invalid']],
  [0x6e00, ['CLA がサポートされていない', 'class not supported']],
  [
    0x6f00,
    [
      '原因不明のエラー(電源投入直後の最初のコマンドで返ることがある)',
      'no precise diagnosis (seen on the first command after power-on)',
      true,
    ],
  ],
]);

/**
 * Describes any status word in Japanese and English. Parametrised statuses are decoded:
 * `61xx` (bytes still available), `6Cxx` (exact Le), `63Cx` (tries left).
 */
export function describeStatusWord(sw: number): StatusWordInfo {
  const hex = toHex(Uint8Array.of((sw >> 8) & 0xff, sw & 0xff));
  const sw1 = (sw >> 8) & 0xff;
  const sw2 = sw & 0xff;
  const fixed = FIXED.get(sw);
  if (fixed) {
    return { sw, hex, category: categoryOf(sw1), ja: fixed[0], en: fixed[1], seenOnMyNumberCard: fixed[2] === true };
  }
  if (sw1 === 0x61) {
    const length = sw2 === 0 ? 256 : sw2;
    return {
      sw,
      hex,
      category: 'more-data',
      ja: `応答データが残っている(${length} バイト、GET RESPONSE で取得)`,
      en: `${length} more response bytes available (GET RESPONSE)`,
      length,
      seenOnMyNumberCard: false,
    };
  }
  if (sw1 === 0x6c) {
    const length = sw2 === 0 ? 256 : sw2;
    return {
      sw,
      hex,
      category: 'wrong-le',
      ja: `Le が不正(正しい Le は ${length})`,
      en: `wrong Le (exact length is ${length})`,
      length,
      seenOnMyNumberCard: false,
    };
  }
  if (sw1 === 0x63 && (sw2 & 0xf0) === 0xc0) {
    const triesLeft = sw2 & 0x0f;
    return {
      sw,
      hex,
      category: 'warning',
      ja: triesLeft === 0 ? '照合失敗: 残り回数 0(ロック)' : `照合失敗または残り回数: あと ${triesLeft} 回`,
      en:
        triesLeft === 0
          ? 'verification failed: no tries left (blocked)'
          : `verification failed or tries query: ${triesLeft} tries left`,
      triesLeft,
      seenOnMyNumberCard: true,
    };
  }
  if (sw1 === 0x62 || sw1 === 0x63) {
    return { sw, hex, category: 'warning', ja: '警告', en: 'warning', seenOnMyNumberCard: false };
  }
  if (sw1 === 0x64 || sw1 === 0x65) {
    return { sw, hex, category: 'error', ja: '実行エラー', en: 'execution error', seenOnMyNumberCard: false };
  }
  return { sw, hex, category: 'error', ja: '不明なステータス', en: 'unknown status', seenOnMyNumberCard: false };
}

function categoryOf(sw1: number): StatusCategory {
  if (sw1 === 0x90) return 'success';
  if (sw1 === 0x62 || sw1 === 0x63) return 'warning';
  return 'error';
}

/** `63Cx` → x; anything else → `undefined`. */
export function triesLeftFromStatus(sw: number): number | undefined {
  return (sw & 0xfff0) === 0x63c0 ? sw & 0x0f : undefined;
}

/** Every status word in the fixed catalogue (for documentation and tests). */
export function listKnownStatusWords(): StatusWordInfo[] {
  return [...FIXED.keys()].map(describeStatusWord);
}
