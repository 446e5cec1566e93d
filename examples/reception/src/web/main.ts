/**
 * The reception desk page: card status, start a check, visual-confirmation dialog, PIN pad,
 * 複数該当 chooser, result card, 事後閲覧 list, and the portal/application forms. A switch over the
 * workflow's events, which the local server streams. Everything works from the keyboard: every
 * dialog has 中止 (and Esc tells the server), no answer is one Enter away when a dialog opens, and
 * the PIN can be typed on the keyboard or a USB テンキー.
 */
import type { CheckSummary, EligibilityResult, WorkflowEvent } from '@onshikit/eligibility';
import { renderForm, type FormView } from '@onshikit/example-forms/form-view';
import { FORM_DEFINITIONS } from '@onshikit/example-forms/forms';
import { modeName, outcomeName, resultRows, summaryTitle, type Lang } from '../present.js';
import { getJson, openEventStream, post } from './api.js';
import { renderChoices } from './chooser.js';
import { formatDate, formatLocalTime } from '../dates.js';
import { createPinPad } from './pin-pad.js';
import { createRegisterView } from './register-view.js';
import { enhanceForms, wireTabs } from './tabs.js';

type ServerEvent = WorkflowEvent | { type: 'card-status'; status: 'waiting' | 'present' | 'removed' };

const TEXT = new Map<string, { ja: string; en: string }>(
  Object.entries({
    title: { ja: 'オンライン資格確認 受付', en: 'Online eligibility check — reception' },
    tabReception: { ja: '受付', en: 'Reception' },
    tabHistory: { ja: '事後閲覧', en: 'Past checks' },
    tabForms: { ja: 'ポータル・申請フォーム', en: 'Portal & application forms' },
    patient: { ja: '患者(シミュレーター)', en: 'Patient (simulator)' },
    mode: { ja: '本人確認', en: 'Identity check' },
    modeVisual: { ja: '目視', en: 'Visual' },
    modePin: { ja: '暗証番号', en: 'PIN' },
    start: { ja: 'カードを置いて資格確認', en: 'Place card and check' },
    cancel: { ja: '中止', en: 'Cancel' },
    cancelCheck: { ja: '中止', en: 'Cancel check' },
    historyTitle: { ja: '事後閲覧(過去の資格確認)', en: 'Past eligibility checks' },
    hDate: { ja: '確認日時', en: 'Checked at' },
    hMode: { ja: '方法', en: 'Mode' },
    hOutcome: { ja: '結果', en: 'Outcome' },
    hInsurer: { ja: '保険者番号', en: 'Insurer' },
    hName: { ja: '氏名', en: 'Name' },
    visualTitle: { ja: '目視による本人確認', en: 'Visual identity check' },
    visualBody: {
      ja: 'マイナンバーカードの顔写真と、来院された方が同一人物か確認してください。',
      en: 'Check that the photo on the My Number Card shows the person in front of you.',
    },
    visualReject: { ja: '一致しない', en: 'Does not match' },
    visualConfirm: { ja: '本人と確認しました', en: 'Confirmed' },
    pinTitle: { ja: '暗証番号(4桁)を入力してください', en: 'Enter the 4-digit PIN' },
    pinHint: {
      ja: '画面のボタン、キーボード、テンキーのどれでも入力できます。Enter で決定、Esc で中止。',
      en: 'Use the buttons, the keyboard or a numeric keypad. Enter sends, Esc cancels.',
    },
    lastTryTitle: { ja: '暗証番号の残り回数は 1 回です', en: 'One PIN try left' },
    lastTryBody: {
      ja: '間違えるとカードがロックされ、市区町村の窓口での手続きが必要になります。入力しますか?',
      en: 'A wrong PIN locks the card and only the municipal office can reset it. Enter the PIN?',
    },
    lastTryDecline: { ja: '入力しない', en: 'Do not enter' },
    lastTryConfirm: { ja: '入力する', en: 'Enter PIN' },
    selectTitle: { ja: '複数の資格が見つかりました', en: 'Several qualifications were found' },
    selectBody: {
      ja: '保険証や患者さんに確認し、今回使う資格を選んでください。違う項目を強調しています。',
      en: 'Ask the patient or look at their insurance card, then choose the one to use. Fields that differ are highlighted.',
    },
    choose: { ja: 'これを使う', en: 'Use' },
    cardIdle: { ja: 'カード待ち', en: 'No card' },
    cardPresent: { ja: 'カードを読み取り中', en: 'Card on the reader' },
    cardRemoved: { ja: 'カードをお返しください', en: 'Return the card' },
    cardFailed: { ja: '確認できませんでした(カードをお返しください)', en: 'Not checked (return the card)' },
    failedTitle: { ja: '資格確認できませんでした', en: 'The eligibility check did not complete' },
    cancelledTitle: { ja: '資格確認を中止しました', en: 'The check was cancelled' },
    errorCode: { ja: 'サポート用コード', en: 'Code for support' },
    triesLeft: { ja: '残り回数', en: 'Tries left' },
    certSerial: { ja: '電子証明書シリアル', en: 'Certificate serial' },
    certValidUntil: { ja: '有効期限', en: 'Valid until' },
    clear: { ja: '訂正', en: 'Clear' },
    ok: { ja: '決定', en: 'OK' },
    reload: {
      ja: 'サーバーが再起動されました。ページを再読み込みしてください。',
      en: 'The server was restarted: reload the page.',
    },
  }),
);

let lang: Lang = 'ja';
const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const t = (key: string) => TEXT.get(key)?.[lang] ?? key;
const DIALOGS = ['#visual-dialog', '#pin-dialog', '#last-try-dialog', '#select-dialog'];

let lastSummary: CheckSummary | undefined;
let lastResult: EligibilityResult | undefined;
let lastMessage: { message: { ja: string; en: string }; error: boolean } | undefined;
let choices: readonly EligibilityResult[] = [];
/** A certificate notice (expiring, or lapsed within the grace) kept beside the result. */
let certificateNotice: { ja: string; en: string } | undefined;
let formViews: FormView[] = [];
const registerView = createRegisterView();

function applyLanguage(): void {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n!);
  const toggle = $('#lang-toggle');
  toggle.textContent = lang === 'ja' ? 'English' : '日本語';
  toggle.lang = lang === 'ja' ? 'en' : 'ja';
  for (const view of formViews) view.setLanguage(lang);
  registerView.setLanguage(lang);
  if (lastMessage) showMessage(lastMessage.message, lastMessage.error);
  renderResult();
  if ($<HTMLDialogElement>('#select-dialog').open) showChoices();
  pinPad.render();
  void loadPatients();
  void loadHistory();
}

function showMessage(message: { ja: string; en: string }, error = false): void {
  lastMessage = { message, error };
  const el = $('#message');
  el.textContent = message[lang];
  el.classList.toggle('error', error);
}

function setCardStatus(state: 'idle' | 'present' | 'busy' | 'error', text: string): void {
  $('#card-status').dataset.state = state;
  $('#card-status-text').textContent = text;
}

async function loadPatients(): Promise<void> {
  const patients = await getJson<{ id: string; ja: string; en: string }[]>('/api/patients');
  for (const select of [$<HTMLSelectElement>('#patient'), $<HTMLSelectElement>('#register-patient')]) {
    const chosen = select.value || 'valid';
    select.replaceChildren(
      ...patients.map((p) => {
        const option = document.createElement('option');
        option.value = p.id;
        option.textContent = p[lang];
        return option;
      }),
    );
    select.value = chosen;
  }
}

async function loadHistory(): Promise<void> {
  const rows =
    await getJson<{ checkedAt: string; mode: string; outcome: string; insurerNumber: string; name: string }[]>(
      '/api/history',
    );
  $('#history tbody').replaceChildren(
    ...rows.map((row) => {
      const tr = document.createElement('tr');
      tr.dataset.outcome = row.outcome;
      for (const text of [
        formatLocalTime(row.checkedAt, lang),
        modeName(row.mode, lang),
        outcomeName(row.outcome, lang),
        row.insurerNumber,
        row.name,
      ]) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.append(td);
      }
      return tr;
    }),
  );
}

function renderResult(): void {
  const article = $('#result');
  if (!lastSummary) {
    article.hidden = true;
    return;
  }
  article.hidden = false;
  article.classList.toggle('invalid', lastResult?.validity !== 1);
  const title = document.createElement('h2');
  title.tabIndex = -1;
  const parts: HTMLElement[] = [title];
  if (lastResult) {
    title.textContent = summaryTitle(lastSummary, lang);
    const dl = document.createElement('dl');
    for (const [label, value] of resultRows(lastResult, lang, lastSummary.mode, formatDate)) {
      const dt = document.createElement('dt');
      dt.textContent = label;
      const dd = document.createElement('dd');
      dd.textContent = value;
      dl.append(dt, dd);
    }
    parts.push(dl);
    if (certificateNotice) {
      const notice = document.createElement('p');
      notice.className = 'notice';
      notice.textContent = certificateNotice[lang];
      parts.push(notice);
    }
  } else {
    // The message itself is shown once, above (#message); here the headline and the support code.
    title.textContent = t(lastSummary.state === 'cancelled' ? 'cancelledTitle' : 'failedTitle');
    if (lastSummary.error) {
      const code = document.createElement('p');
      code.className = 'code';
      code.textContent = `${t('errorCode')}: ${lastSummary.error.code}`;
      parts.push(code);
    }
  }
  article.replaceChildren(...parts);
}

// --- dialogs: each opens with focus on its title (no answer is one Enter away) ---
function openDialog(id: string, focus: string): void {
  const dialog = $<HTMLDialogElement>(id);
  if (!dialog.open) dialog.showModal();
  $(focus).focus();
}
function closeDialogs(): void {
  for (const id of DIALOGS) $<HTMLDialogElement>(id).close();
}
function cancelCheck(): void {
  closeDialogs();
  pinPad.reset();
  void post('/api/checks/current/cancel');
}
function decide(id: string, route: string, body: unknown): void {
  $<HTMLDialogElement>(id).close();
  void post(route, body);
}

const pinPad = createPinPad({
  dialog: $<HTMLDialogElement>('#pin-dialog'),
  pad: $('#pin-pad'),
  dots: $('#pin-dots'),
  digits: 4,
  labels: () => ({ clear: t('clear'), ok: t('ok') }),
  submit: (digits) => decide('#pin-dialog', '/api/pin', { digits }),
});

function showChoices(): void {
  renderChoices($('#select-list'), choices, lang, formatDate, { choose: t('choose') }, (index) =>
    decide('#select-dialog', '/api/checks/current/select', { index }),
  );
}

function onEvent(event: ServerEvent): void {
  if (registerView.onEvent(event)) return;
  switch (event.type) {
    case 'card-status':
      if (event.status === 'present') setCardStatus('busy', t('cardPresent'));
      else if (event.status === 'removed' && document.body.dataset.check !== 'failed')
        setCardStatus('idle', t('cardIdle'));
      return;
    case 'state':
      showMessage(event.message);
      return;
    case 'progress': {
      $('#progress').hidden = false;
      $('#progress-fill').style.width = `${event.percent}%`;
      $('#progress-text').textContent = event.message[lang];
      return;
    }
    case 'certificate-expiring':
      certificateNotice = event.message;
      showMessage(event.message);
      return;
    case 'face-card-detected':
    case 'pin-wrong':
    case 'pin-unusable':
      showMessage(event.message, event.type === 'pin-wrong');
      return;
    case 'card-released':
      // The card's part is over before the service answers: the patient can take it back now.
      setCardStatus('idle', event.message[lang]);
      showMessage(event.message);
      return;
    case 'visual-confirmation-required':
      $('#visual-cert').textContent =
        `${t('certSerial')}: ${event.certificate.serial} / ${t('certValidUntil')}: ${formatDate(event.certificate.notAfter, lang)}`;
      openDialog('#visual-dialog', '#visual-title');
      return;
    case 'pin-required':
      pinPad.reset();
      $('#pin-tries').textContent = `${t('triesLeft')}: ${event.triesLeft}`;
      openDialog('#pin-dialog', '#pin-title');
      return;
    case 'last-try-confirmation-required':
      openDialog('#last-try-dialog', '#last-try-title');
      return;
    case 'selection-required':
      showMessage(event.message);
      choices = event.results;
      showChoices();
      openDialog('#select-dialog', '#select-title');
      return;
    case 'result':
      lastResult = event.selected ?? event.response.results[0];
      return;
    case 'done':
    case 'failed':
    case 'cancelled':
      lastSummary = event.summary;
      lastResult = event.summary.result;
      showMessage(
        event.type === 'done' ? event.message : (event.summary.error?.messages ?? event.message),
        event.type !== 'done',
      );
      setCardStatus(event.type === 'done' ? 'idle' : 'error', t(event.type === 'done' ? 'cardRemoved' : 'cardFailed'));
      $('#progress').hidden = true;
      closeDialogs();
      pinPad.reset();
      $<HTMLButtonElement>('#start').disabled = false;
      $<HTMLButtonElement>('#cancel').disabled = true;
      document.body.dataset.check = event.type;
      renderResult();
      $('#start').focus(); // the next patient is one Enter away; the outcome was announced above
      void loadHistory();
      return;
    default:
      return;
  }
}

function wire(): void {
  wireTabs($('[role="tablist"]'), (name) => {
    if (name === 'history') void loadHistory();
  });
  $('#lang-toggle').addEventListener('click', () => {
    lang = lang === 'ja' ? 'en' : 'ja';
    applyLanguage();
  });
  $<HTMLFormElement>('#start-form').addEventListener('submit', (e) => {
    e.preventDefault();
    lastSummary = undefined;
    lastResult = undefined;
    certificateNotice = undefined;
    renderResult();
    document.body.dataset.check = 'running';
    $<HTMLButtonElement>('#start').disabled = true;
    $<HTMLButtonElement>('#cancel').disabled = false;
    $('#cancel').focus();
    void post('/api/checks', {
      patient: $<HTMLSelectElement>('#patient').value,
      mode: $<HTMLSelectElement>('#mode').value,
    });
  });
  $('#cancel').addEventListener('click', cancelCheck);
  for (const button of document.querySelectorAll<HTMLButtonElement>('dialog [data-action="cancel"]'))
    button.addEventListener('click', cancelCheck);
  // Esc closes a dialog: tell the server instead of leaving the check waiting.
  for (const id of DIALOGS) {
    $<HTMLDialogElement>(id).addEventListener('cancel', (event) => {
      event.preventDefault();
      if (id === '#last-try-dialog') decide(id, '/api/checks/current/last-try', { confirm: false });
      else cancelCheck();
    });
  }
  $('#visual-confirm').addEventListener('click', () =>
    decide('#visual-dialog', '/api/checks/current/visual', { confirm: true }),
  );
  $('#visual-reject').addEventListener('click', () =>
    decide('#visual-dialog', '/api/checks/current/visual', { confirm: false }),
  );
  $('#last-try-confirm').addEventListener('click', () =>
    decide('#last-try-dialog', '/api/checks/current/last-try', { confirm: true }),
  );
  $('#last-try-decline').addEventListener('click', () =>
    decide('#last-try-dialog', '/api/checks/current/last-try', { confirm: false }),
  );
  openEventStream({
    onEvent: (data) => onEvent(JSON.parse(data) as ServerEvent),
    onOpen: () => (document.body.dataset.connected = 'true'),
    onRefused: () => {
      document.body.dataset.connected = 'refused';
      showMessage(TEXT.get('reload')!, true);
    },
  });
  formViews = FORM_DEFINITIONS.map((definition) => renderForm(definition, $('#forms-root'), { language: lang }));
  enhanceForms($('#forms-root'), formViews);
}

wire();
setCardStatus('idle', t('cardIdle'));
applyLanguage();
