/**
 * The 新患登録 tab: with the patient's consent, read name, address, birth date and sex from the
 * card (券面事項入力補助AP) with its 4-digit PIN or with 照合番号B typed by staff, and show the draft
 * as a form staff can copy into the rececon. The card has no kana: that field stays empty with a
 * note. PIN and 照合番号B leave this page once, to the local server, and are cleared right after.
 */
import type { Lang } from '../present.js';
import { post } from './api.js';

const TEXT = new Map<string, { ja: string; en: string }>(
  Object.entries({
    regTitle: { ja: '新患登録(カードから読み取り)', en: 'New patient (read from the card)' },
    regIntro: {
      ja: 'カードの氏名・住所・生年月日・性別を読み取り、登録フォームの下書きにします。',
      en: 'Reads name, address, birth date and sex from the card as a draft for the registration form.',
    },
    regPatient: { ja: '患者(シミュレーター)', en: 'Patient (simulator)' },
    regConsent: {
      ja: 'カードの氏名・住所・生年月日・性別を読み取ることに、ご本人の同意を得ました',
      en: 'The patient agreed to have name, address, birth date and sex read from the card',
    },
    regCredential: { ja: '読み取りの方法', en: 'How to open the card' },
    regPin: { ja: '暗証番号 4 桁(ご本人が入力)', en: '4-digit PIN (typed by the patient)' },
    regNumberB: { ja: '照合番号B(職員が券面から入力)', en: 'Verification number B (typed by staff from the card)' },
    regBirth: { ja: '生年月日(和暦 YYMMDD)', en: 'Birth date (era YYMMDD)' },
    regExpiry: { ja: '有効期限の西暦年(YYYY)', en: 'Expiry year (YYYY)' },
    regCode: { ja: 'セキュリティコード(4 桁)', en: 'Security code (4 digits)' },
    regStart: { ja: 'カードを置いて読み取り', en: 'Place card and read' },
    regCancel: { ja: '中止', en: 'Cancel' },
    regPinLabel: { ja: '券面事項入力補助用暗証番号(4 桁)', en: 'Card-info PIN (4 digits)' },
    regPinSend: { ja: '決定', en: 'OK' },
    regDraftTitle: { ja: '登録フォームの下書き', en: 'Registration draft' },
    regName: { ja: '氏名', en: 'Name' },
    regFamily: { ja: '姓', en: 'Family name' },
    regGiven: { ja: '名', en: 'Given name' },
    regKana: { ja: 'フリガナ', en: 'Kana' },
    regAddress: { ja: '住所', en: 'Address' },
    regBirthWareki: { ja: '生年月日(和暦)', en: 'Birth date (Japanese era)' },
    regBirthIso: { ja: '生年月日(西暦)', en: 'Birth date (Gregorian)' },
    regSex: { ja: '性別', en: 'Sex' },
    regLastTryTitle: { ja: '暗証番号の残り回数は 1 回です', en: 'One try left' },
    regLastTryBody: {
      ja: '間違えるとロックされ、市区町村の窓口での手続きが必要になります。入力しますか?',
      en: 'A wrong entry locks it and only the municipal office can reset it. Continue?',
    },
    regLastTryDecline: { ja: '入力しない', en: 'Do not enter' },
    regLastTryConfirm: { ja: '入力する', en: 'Continue' },
    regReading: { ja: 'カードを読み取っています。', en: 'Reading the card.' },
    regPinAsk: {
      ja: 'ご本人に暗証番号(4 桁)を入力してもらってください。',
      en: 'Ask the patient to type the 4-digit PIN.',
    },
    regDone: {
      ja: '読み取りました。内容を確認して登録フォームに写してください。',
      en: 'Read. Check the draft and copy it into the registration form.',
    },
    regCancelled: { ja: '読み取りを中止しました。', en: 'The read was cancelled.' },
    regFailed: { ja: '読み取れませんでした。', en: 'The card could not be read.' },
    regNeedConsent: { ja: 'ご本人の同意を確認してください。', en: 'Confirm the patient’s consent first.' },
    regNumberInvalid: {
      ja: '照合番号Bは 6 桁・4 桁・4 桁の数字で入力してください。',
      en: 'Verification number B is 6, 4 and 4 digits.',
    },
    regTriesLeft: { ja: '残り回数', en: 'Tries left' },
    regWrong: { ja: '暗証番号が違います。残り回数', en: 'Wrong PIN. Tries left' },
    regCode2: { ja: 'サポート用コード', en: 'Code for support' },
  }),
);

const SEX: Record<string, { ja: string; en: string }> = {
  male: { ja: '男', en: 'Male' },
  female: { ja: '女', en: 'Female' },
  'not-applicable': { ja: '適用不能', en: 'Not applicable' },
  unknown: { ja: '不明', en: 'Unknown' },
  other: { ja: 'その他', en: 'Other' },
};

/** The draft as the server sends it. */
interface DraftView {
  readonly name: string;
  readonly nameParts: { readonly family: string; readonly given: string } | null;
  readonly address: string;
  readonly birthDate: { readonly iso: string; readonly wareki: string | null };
  readonly sex: string;
  readonly kanaNote: { readonly ja: string; readonly en: string };
  readonly notes: readonly { readonly ja: string; readonly en: string }[];
}

/** The registration events of the server's event stream. */
export type RegistrationEvent =
  | { type: 'registration-pin-required'; triesLeft: number | null }
  | { type: 'registration-pin-wrong'; triesLeft: number }
  | { type: 'registration-last-try-required' }
  | { type: 'registration-done'; draft: DraftView }
  | { type: 'registration-failed'; code: string; message?: { ja: string; en: string } };

/** The tab's controls for the page. */
export interface RegisterView {
  setLanguage(lang: Lang): void;
  /** Handles a `registration-*` event; false for any other event. */
  onEvent(event: { type: string }): boolean;
}

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** Wires the tab (elements in index.html under `#tab-register`). */
export function createRegisterView(): RegisterView {
  let lang: Lang = 'ja';
  let draft: DraftView | undefined;
  let status: { key?: string; text?: { ja: string; en: string }; suffix?: string; error: boolean } | undefined;
  const t = (key: string) => TEXT.get(key)?.[lang] ?? key;
  const form = byId<HTMLFormElement>('register-form');
  const numberB = byId<HTMLFieldSetElement>('register-number-b');
  const pinForm = byId<HTMLFormElement>('register-pin-form');
  const pinInput = byId<HTMLInputElement>('register-pin');
  const start = byId<HTMLButtonElement>('register-start');
  const cancel = byId<HTMLButtonElement>('register-cancel');
  const lastTry = byId<HTMLDialogElement>('register-last-try-dialog');
  const message = byId('register-message');

  const show = (next: typeof status) => {
    status = next;
    message.textContent = next ? `${next.text ? next.text[lang] : t(next.key ?? '')}${next.suffix ?? ''}` : '';
    message.classList.toggle('error', next?.error ?? false);
  };
  const credential = () => form.querySelector<HTMLInputElement>('input[name="credential"]:checked')?.value ?? 'pin';
  const syncCredential = () => {
    numberB.hidden = credential() !== 'verification-number-b';
  };
  const setBusy = (busy: boolean) => {
    start.disabled = busy;
    cancel.disabled = !busy;
    if (!busy) pinForm.hidden = true;
  };
  const clearNumberB = () => {
    for (const input of numberB.querySelectorAll('input')) input.value = '';
  };

  const renderDraft = () => {
    const section = byId('register-draft');
    section.hidden = draft === undefined;
    if (!draft) return;
    const values = new Map<string, string>([
      ['register-name', draft.name],
      ['register-family', draft.nameParts?.family ?? ''],
      ['register-given', draft.nameParts?.given ?? ''],
      ['register-kana', ''],
      ['register-address', draft.address],
      ['register-birth-wareki', draft.birthDate.wareki ?? ''],
      ['register-birth-iso', draft.birthDate.iso],
      ['register-sex', SEX[draft.sex]?.[lang] ?? draft.sex],
    ]);
    for (const [id, value] of values) byId<HTMLInputElement>(id).value = value;
    // Family/given only when the card separates them; otherwise those fields are not shown.
    for (const el of document.querySelectorAll<HTMLElement>('[data-name-part]')) el.hidden = draft.nameParts === null;
    byId('register-kana-note').textContent = draft.kanaNote[lang];
    byId('register-notes').replaceChildren(
      ...draft.notes.map((note) => Object.assign(document.createElement('li'), { textContent: note[lang] })),
    );
  };

  const applyLanguage = () => {
    for (const el of document.querySelectorAll<HTMLElement>('[data-i18n-register]'))
      el.textContent = t(el.dataset.i18nRegister ?? '');
    show(status);
    renderDraft();
  };

  /** The server's catalogue message (e.g. a check is running), or a plain failure. */
  const showRefusal = async (response: Response): Promise<void> => {
    let messages: { ja: string; en: string } | undefined;
    try {
      messages = ((await response.json()) as { error?: { messages?: { ja: string; en: string } } }).error?.messages;
    } catch {
      messages = undefined; // not JSON: the plain failure below
    }
    show(messages ? { text: messages, error: true } : { key: 'regFailed', error: true });
  };

  form.addEventListener('change', syncCredential);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const consent = byId<HTMLInputElement>('register-consent').checked;
    if (!consent) {
      show({ key: 'regNeedConsent', error: true });
      byId('register-consent').focus();
      return;
    }
    const body: Record<string, unknown> = {
      patient: byId<HTMLSelectElement>('register-patient').value || 'valid',
      consent,
      credential: credential(),
    };
    if (credential() === 'verification-number-b') {
      const part = (id: string) => byId<HTMLInputElement>(id).value.trim();
      const parts = {
        birthDateEraYymmdd: part('register-b-birth'),
        expiryYear: part('register-b-expiry'),
        securityCode: part('register-b-code'),
      };
      const valid =
        /^[0-9]{6}$/.test(parts.birthDateEraYymmdd) &&
        /^[0-9]{4}$/.test(parts.expiryYear) &&
        /^[0-9]{4}$/.test(parts.securityCode);
      if (!valid) {
        show({ key: 'regNumberInvalid', error: true });
        byId('register-b-birth').focus();
        return;
      }
      body.verificationNumber = parts;
    }
    draft = undefined;
    renderDraft();
    setBusy(true);
    show({ key: 'regReading', error: false });
    cancel.focus();
    void post('/api/registrations', body).then((response) => {
      clearNumberB();
      if (response.ok) return;
      setBusy(false);
      void showRefusal(response);
    });
  });
  cancel.addEventListener('click', () => {
    lastTry.close();
    pinInput.value = '';
    void post('/api/registrations/current/cancel');
  });
  pinForm.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    cancel.click(); // Esc in the PIN field stops the read on the server
  });
  pinForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const digits = pinInput.value;
    pinInput.value = '';
    if (!/^[0-9]{4}$/.test(digits)) {
      pinInput.focus();
      return;
    }
    pinForm.hidden = true;
    cancel.focus();
    void post('/api/registrations/current/pin', { digits });
  });
  const answerLastTry = (confirm: boolean) => {
    lastTry.close();
    void post('/api/registrations/current/last-try', { confirm });
  };
  byId('register-last-try-confirm').addEventListener('click', () => answerLastTry(true));
  byId('register-last-try-decline').addEventListener('click', () => answerLastTry(false));
  lastTry.addEventListener('cancel', (event) => {
    event.preventDefault();
    answerLastTry(false); // Esc: the last try is not used
  });

  syncCredential();
  return {
    setLanguage(next) {
      lang = next;
      applyLanguage();
    },
    onEvent(event) {
      const e = event as RegistrationEvent;
      switch (e.type) {
        case 'registration-pin-required':
          pinForm.hidden = false;
          byId('register-pin-tries').textContent = e.triesLeft === null ? '' : `${t('regTriesLeft')}: ${e.triesLeft}`;
          if (status?.key !== 'regWrong') show({ key: 'regPinAsk', error: false }); // keep "wrong PIN" in view
          pinInput.focus();
          return true;
        case 'registration-pin-wrong':
          show({ key: 'regWrong', suffix: `: ${e.triesLeft}`, error: true });
          return true;
        case 'registration-last-try-required':
          if (!lastTry.open) lastTry.showModal();
          byId('register-last-try-title').focus(); // neither answer is one Enter away
          return true;
        case 'registration-done':
          draft = e.draft;
          setBusy(false);
          renderDraft();
          show({ key: 'regDone', error: false });
          byId('register-draft-title').focus();
          return true;
        case 'registration-failed':
          setBusy(false);
          lastTry.close();
          show(
            e.code === 'CANCELLED'
              ? { key: 'regCancelled', error: false }
              : e.message
                ? { text: e.message, suffix: ` (${t('regCode2')}: ${e.code})`, error: true }
                : { key: 'regFailed', suffix: ` (${e.code})`, error: true },
          );
          start.focus();
          return true;
        default:
          return false;
      }
    },
  };
}
