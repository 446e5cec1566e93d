/**
 * The doctor's one message catalogue (ja + en). Each code is a check result; `nextStep` says
 * what the clinic or the support desk does about it. docs/troubleshooting.md is generated from
 * this object, and test/messages.test.ts checks ja/en parity.
 */

/** Values a message may show (never a PIN, never the individual number). */
export interface DoctorMessageParams {
  readonly readers?: readonly string[];
  readonly reader?: string;
  readonly notAfter?: string;
  readonly daysLeft?: number;
  readonly triesLeft?: number;
  readonly timeoutSeconds?: number;
  readonly reason?: string;
}

/** A text in both languages: a fixed string or a function of {@link DoctorMessageParams}. */
export type DoctorText = string | ((params: DoctorMessageParams) => string);

/** One catalogue entry: the finding and, for problems, the next step. */
export interface DoctorMessage {
  readonly ja: DoctorText;
  readonly en: DoctorText;
  readonly nextStep?: { readonly ja: DoctorText; readonly en: DoctorText };
}

const list = (p: DoctorMessageParams): string => (p.readers && p.readers.length > 0 ? p.readers.join(', ') : '-');

/** Every finding code of the doctor with its Japanese and English text and next step. */
export const doctorMessages = {
  PCSC_OK: {
    ja: 'PC/SC サービスは動作しています。',
    en: 'The PC/SC service is running.',
  },
  PCSC_UNAVAILABLE: {
    ja: (p) => `PC/SC サービスに接続できません${p.reason ? `(${p.reason})` : ''}。`,
    en: (p) => `Cannot reach the PC/SC service${p.reason ? ` (${p.reason})` : ''}.`,
    nextStep: {
      ja: 'Linux: `sudo apt install pcscd` のあと `sudo systemctl enable --now pcscd.socket`。Windows: サービス「Smart Card」(SCardSvr) を開始してください。macOS: 再起動してください。',
      en: 'Linux: `sudo apt install pcscd`, then `sudo systemctl enable --now pcscd.socket`. Windows: start the "Smart Card" service (SCardSvr). macOS: restart the Mac.',
    },
  },
  PCSC_BINDING_MISSING: {
    ja: (p) =>
      `PC/SC のネイティブモジュール (@pokusew/pcsclite) を読み込めません${p.reason ? `(${p.reason})` : ''}。インストール時のビルドに失敗したか、別の Node/Electron 向けにビルドされています。`,
    en: (p) =>
      `The PC/SC native module (@pokusew/pcsclite) does not load${p.reason ? ` (${p.reason})` : ''}: its build failed at install time, or it was built for another Node/Electron version.`,
    nextStep: {
      ja: 'Linux: `sudo apt install libpcsclite-dev g++ make python3` のあと、アプリのフォルダで `npm rebuild @pokusew/pcsclite`。Windows: Visual Studio Build Tools (C++) を入れて再ビルドするか、製品を入れ直してください。Electron: ネイティブモジュールを Electron 向けに再ビルドしてください (docs/shipping.md)。',
      en: 'Linux: `sudo apt install libpcsclite-dev g++ make python3`, then `npm rebuild @pokusew/pcsclite` in the app folder. Windows: install Visual Studio Build Tools (C++) and rebuild, or reinstall the product. Electron: rebuild the native modules for Electron (docs/shipping.md).',
    },
  },
  READERS_FOUND: {
    ja: (p) => `カードリーダー: ${list(p)}`,
    en: (p) => `Card readers: ${list(p)}`,
  },
  PASORI_SETTINGS: {
    ja: 'Windows では「NFCポート/パソリ」の設定で PC/SC と Type B の検出を有効にしてください。',
    en: 'On Windows, enable PC/SC and Type B detection in the "NFC Port/PaSoRi" settings.',
  },
  NO_READER: {
    ja: 'カードリーダーが見つかりません。',
    en: 'No card reader found.',
    nextStep: {
      ja: 'USB ケーブルを挿し直し、別の USB ポートも試してください。PaSoRi (RC-S380/RC-S300) は Windows の「NFCポート/パソリ」設定で PC/SC を有効にし、検出対象を NFC-F だけに制限しないでください(Type B が必要)。Linux では `pcsc_scan` で確認できます。',
      en: 'Re-plug the USB cable and try another USB port. For a PaSoRi (RC-S380/RC-S300) on Windows, enable PC/SC in the "NFC Port/PaSoRi" settings and do not restrict detection to NFC-F (the card is Type B). On Linux, `pcsc_scan` shows what pcscd sees.',
    },
  },
  CARD_TIMEOUT: {
    ja: (p) => `${p.timeoutSeconds ?? '?'} 秒待ちましたがカードが置かれませんでした。`,
    en: (p) => `No card was presented within ${p.timeoutSeconds ?? '?'} s.`,
    nextStep: {
      ja: 'マイナンバーカードをリーダーの中央に置き、動かさずにもう一度実行してください(`--timeout` で待ち時間を延ばせます)。置いても反応しない場合は PaSoRi の NFC ポート設定で Type B が有効か確認してください。',
      en: 'Put the My Number Card flat on the centre of the reader, keep it still and run again (`--timeout` waits longer). If the card is not seen, check that Type B is enabled in the PaSoRi NFC port settings.',
    },
  },
  CARD_BUSY: {
    ja: (p) => `カードは置かれていますが、他のアプリケーションが使用中です${p.reader ? `(${p.reader})` : ''}。`,
    en: (p) => `A card is present but another application holds it${p.reader ? ` (${p.reader})` : ''}.`,
    nextStep: {
      ja: 'JPKI 利用者ソフト、ブラウザのマイナポータル、他のレセコンなどカードを使うアプリを閉じてから、もう一度実行してください。',
      en: 'Close the applications that use the card (JPKI client, Myna Portal in a browser, another rececon) and run again.',
    },
  },
  CARD_MUTE: {
    ja: (p) => `カードが応答しません${p.reader ? `(${p.reader})` : ''}。`,
    en: (p) => `The card does not answer${p.reader ? ` (${p.reader})` : ''}.`,
    nextStep: {
      ja: 'カードをいったん離し、リーダーの中央に置き直してください。金属の机や他の IC カードが近くにあると読めないことがあります。続く場合はカードの破損が考えられるため市区町村の窓口に相談してください。',
      en: 'Lift the card and put it back on the centre of the reader; metal desks and other IC cards nearby can block it. If it persists the card may be damaged: ask the municipal office.',
    },
  },
  CARD_READ_FAILED: {
    ja: (p) => `カードの読み取り中にエラーが起きました${p.reason ? `(${p.reason})` : ''}。`,
    en: (p) => `Reading the card failed${p.reason ? ` (${p.reason})` : ''}.`,
    nextStep: {
      ja: 'カードを置き直し、読み取りが終わるまで動かさないでください。他のアプリ(JPKI 利用者ソフトなど)がカードを使っていたら閉じてください。',
      en: 'Put the card back and keep it still until the check ends. Close other applications that use the card (such as the JPKI client).',
    },
  },
  NOT_MYNUMBER: {
    ja: 'マイナンバーカードではないカードです(JPKI アプリケーションがありません)。',
    en: 'This card is not a My Number Card (it has no JPKI application).',
    nextStep: {
      ja: 'マイナンバーカードを置いてください。交通系 IC カードなど他のカードはリーダーから離してください。',
      en: 'Present the My Number Card, and keep other cards (transit cards and the like) away from the reader.',
    },
  },
  JUKI_CARD: {
    ja: '住民基本台帳カード(住基カード)です。オンライン資格確認には使えません。',
    en: 'This is a Basic Resident Register card (住基カード); it cannot be used for the online eligibility check.',
    nextStep: {
      ja: 'マイナンバーカードを提示してもらってください(住基カードは 2015 年で発行終了)。',
      en: 'Ask for the My Number Card (住基カード issuance ended in 2015).',
    },
  },
  SMARTPHONE_TOKEN: {
    ja: 'スマートフォンの電子証明書(スマホ用電子証明書)です。このリーダーでの診断には対応していません。',
    en: 'This is a smartphone JPKI token (スマホ用電子証明書); the doctor does not check it through this reader.',
    nextStep: {
      ja: 'カードリーダーでの確認にはマイナンバーカード本体を置いてください。',
      en: 'Present the physical My Number Card for the reader check.',
    },
  },
  MYNUMBER_CARD: {
    ja: 'マイナンバーカードを確認しました。',
    en: 'My Number Card found.',
  },
  CERT_VALID: {
    ja: (p) => `利用者証明用電子証明書は有効です(有効期限 ${p.notAfter ?? '?'}、残り ${p.daysLeft ?? '?'} 日)。`,
    en: (p) =>
      `The user-authentication certificate is valid (until ${p.notAfter ?? '?'}, ${p.daysLeft ?? '?'} days left).`,
  },
  CERT_EXPIRING: {
    ja: (p) => `利用者証明用電子証明書の有効期限が近づいています(${p.notAfter ?? '?'}、残り ${p.daysLeft ?? '?'} 日)。`,
    en: (p) =>
      `The user-authentication certificate expires soon (${p.notAfter ?? '?'}, ${p.daysLeft ?? '?'} days left).`,
    nextStep: {
      ja: 'お住まいの市区町村の窓口で電子証明書の更新手続きをしてください(有効期限の 3 か月前から更新できます)。',
      en: 'Renew the certificate at the municipal office (renewal opens 3 months before expiry).',
    },
  },
  CERT_EXPIRED: {
    ja: (p) => `利用者証明用電子証明書の有効期限が切れています(${p.notAfter ?? '?'})。`,
    en: (p) => `The user-authentication certificate has expired (${p.notAfter ?? '?'}).`,
    nextStep: {
      ja: '市区町村の窓口で電子証明書を更新してください。期限切れから 3 か月間は健康保険証として資格確認できる場合があります。',
      en: 'Renew the certificate at the municipal office. For 3 months after expiry the card may still be accepted as a health insurance card.',
    },
  },
  CERT_UNREADABLE: {
    ja: '利用者証明用電子証明書を読み取れませんでした。',
    en: 'The user-authentication certificate could not be read.',
    nextStep: {
      ja: 'カードを置き直してもう一度実行してください。続く場合は市区町村の窓口に相談してください。',
      en: 'Put the card back and run again; if it persists, ask the municipal office.',
    },
  },
  PIN_OK: {
    ja: (p) => `利用者証明用暗証番号: 残り ${p.triesLeft ?? '?'} 回(回数は消費していません)。`,
    en: (p) => `Authentication PIN: ${p.triesLeft ?? '?'} tries left (no try was used).`,
  },
  PIN_LAST_TRY: {
    ja: '利用者証明用暗証番号: 残り 1 回です。次に間違えるとロックされます。',
    en: 'Authentication PIN: 1 try left. One more mistake blocks it.',
    nextStep: {
      ja: '暗証番号が確実に分かる場合だけ入力してください。分からなければ目視確認で受付し、市区町村の窓口で暗証番号を再設定してください。',
      en: 'Enter the PIN only if the holder is sure of it. Otherwise confirm the holder visually at the desk and have the PIN reset at the municipal office.',
    },
  },
  PIN_BLOCKED: {
    ja: '利用者証明用暗証番号がロックされています。',
    en: 'The authentication PIN is blocked.',
    nextStep: {
      ja: 'ロック解除はお住まいの市区町村の窓口でのみできます。本日は目視確認などで受付してください。',
      en: 'Only the municipal office can unblock it. Today, use visual confirmation at the desk.',
    },
  },
  PIN_UNUSABLE: {
    ja: '利用者証明用暗証番号を使えません(ロックされているか、暗証番号のない顔認証マイナンバーカードです。カードはどちらかを答えません)。',
    en: 'The authentication PIN cannot be used (it is locked, or this is a face-authentication card without one; the card does not say which).',
    nextStep: {
      ja: '目視確認で受付してください。暗証番号を設定したのにロックされている場合は、市区町村の窓口で初期化できます。',
      en: 'Confirm the holder visually at the desk. If the holder set a PIN and it is locked, the municipal office can reset it.',
    },
  },
  FACE_AUTH_CARD: {
    ja: '顔認証マイナンバーカードです(暗証番号が設定されていません)。',
    en: 'This is a face-authentication My Number Card (no PIN is set).',
    nextStep: {
      ja: '暗証番号入力はできません。目視確認で受付してください(資格確認限定型の本人確認は目視と暗証番号だけです。15 歳未満で暗証番号がロックされたカードも同じに見えます)。',
      en: 'PIN entry is not possible: confirm the holder visually (the limited-type check offers visual and PIN identity checks only; a blocked card of a holder under 15 looks the same).',
    },
  },
  VERDICT: {
    ja: '判定:',
    en: 'Verdict:',
  },
  ALL_GOOD: {
    ja: '問題は見つかりませんでした。オンライン資格確認に使えます。',
    en: 'No problem found. Ready for the online eligibility check.',
  },
} satisfies Record<string, DoctorMessage>;

/** A finding code of the doctor. */
export type DoctorCode = keyof typeof doctorMessages;

/** The language of the doctor's output. */
export type DoctorLang = 'ja' | 'en';

function render(text: DoctorText, params: DoctorMessageParams): string {
  return typeof text === 'function' ? text(params) : text;
}

/** The finding text of `code` in `lang`. */
export function doctorText(code: DoctorCode, lang: DoctorLang, params: DoctorMessageParams = {}): string {
  return render((doctorMessages[code] as DoctorMessage)[lang], params);
}

/** The next step for `code` in `lang`, or undefined when there is nothing to do. */
export function doctorNextStep(
  code: DoctorCode,
  lang: DoctorLang,
  params: DoctorMessageParams = {},
): string | undefined {
  const next = (doctorMessages[code] as DoctorMessage).nextStep;
  return next ? render(next[lang], params) : undefined;
}
