/**
 * The reception desk page: card status, start a check, visual-confirmation dialog, on-screen PIN
 * pad, result card, 事後閲覧 list, and the portal/application forms. A switch over the workflow's
 * events, which the local server streams (server-sent events).
 */
import type { CheckSummary, EligibilityResult, WorkflowEvent } from '@onshikit/eligibility';
import { renderForm, type FormView } from '@onshikit/example-forms/form-view';
import { FORM_DEFINITIONS } from '@onshikit/example-forms/forms';
import { modeName, resultRows, summaryTitle, type Lang } from '../present.js';
import { getJson, openEventStream, post } from './api.js';

type ServerEvent = WorkflowEvent | { type: 'card-status'; status: 'waiting' | 'present' | 'removed' };

const TEXT: Record<string, { ja: string; en: string }> = {
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
  historyTitle: { ja: '事後閲覧(過去の資格確認)', en: 'Past eligibility checks' },
  hDate: { ja: '確認日時', en: 'Checked at' },
  hMode: { ja: '方法', en: 'Mode' },
  hOutcome: { ja: '結果', en: 'Outcome' },
  hInsurer: { ja: '保険者番号', en: 'Insurer' },
  hName: { ja: '氏名', en: 'Name' },
  visualTitle: { ja: '目視による本人確認', en: 'Visual identity check' },
  visualBody: { ja: 'マイナンバーカードの顔写真と、来院された方が同一人物か確認してください。', en: 'Check that the photo on the My Number Card shows the person in front of you.' },
  visualReject: { ja: '一致しない', en: 'Does not match' },
  visualConfirm: { ja: '本人と確認しました', en: 'Confirmed' },
  pinTitle: { ja: '暗証番号(4桁)を入力してください', en: 'Enter the 4-digit PIN' },
  lastTryTitle: { ja: '暗証番号の残り回数は 1 回です', en: 'One PIN try left' },
  lastTryBody: { ja: '間違えるとカードがロックされ、市区町村の窓口での手続きが必要になります。入力しますか?', en: 'A wrong PIN locks the card and only the municipal office can reset it. Enter the PIN?' },
  lastTryDecline: { ja: '入力しない', en: 'Do not enter' },
  lastTryConfirm: { ja: '入力する', en: 'Enter PIN' },
  cardIdle: { ja: 'カード待ち', en: 'No card' },
  cardPresent: { ja: 'カードを読み取り中', en: 'Card on the reader' },
  cardRemoved: { ja: 'カードをお返しください', en: 'Return the card' },
  triesLeft: { ja: '残り回数', en: 'Tries left' },
  certSerial: { ja: '電子証明書シリアル', en: 'Certificate serial' },
  certValidUntil: { ja: '有効期限', en: 'Valid until' },
  clear: { ja: '訂正', en: 'Clear' },
  ok: { ja: '決定', en: 'OK' },
  reload: { ja: 'サーバーが再起動されました。ページを再読み込みしてください。', en: 'The server was restarted: reload the page.' },
};

let lang: Lang = 'ja';
const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const t = (key: string) => TEXT[key]?.[lang] ?? key;

let lastSummary: CheckSummary | undefined;
let lastResult: EligibilityResult | undefined;
let lastMessage: { ja: string; en: string } | undefined;
let formViews: FormView[] = [];

function applyLanguage(): void {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n!);
  $('#lang-toggle').textContent = lang === 'ja' ? 'English' : '日本語';
  for (const view of formViews) view.setLanguage(lang);
  if (lastMessage) showMessage(lastMessage);
  renderResult();
  void loadPatients();
  void loadHistory();
}

function showMessage(message: { ja: string; en: string }, error = false): void {
  lastMessage = message;
  const el = $('#message');
  el.textContent = message[lang];
  el.classList.toggle('error', error);
}

function setCardStatus(state: 'idle' | 'present' | 'busy' | 'error', text: string): void {
  $('#card-status').dataset.state = state;
  $('#card-status-text').textContent = text;
}

async function loadPatients(): Promise<void> {
  const select = $<HTMLSelectElement>('#patient');
  const chosen = select.value || 'valid';
  const patients = await getJson<{ id: string; ja: string; en: string }[]>('/api/patients');
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

async function loadHistory(): Promise<void> {
  const rows = await getJson<{ checkedAt: string; mode: string; outcome: string; insurerNumber: string; name: string }[]>('/api/history');
  $('#history tbody').replaceChildren(
    ...rows.map((row) => {
      const tr = document.createElement('tr');
      for (const text of [new Date(row.checkedAt).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB'), modeName(row.mode, lang), row.outcome, row.insurerNumber, row.name]) {
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
  article.classList.toggle('invalid', !lastResult || lastResult.validity !== 1);
  const title = document.createElement('h2');
  title.textContent = summaryTitle(lastSummary, lang);
  const dl = document.createElement('dl');
  if (lastResult) {
    for (const [label, value] of resultRows(lastResult, lang, lastSummary.mode)) {
      const dt = document.createElement('dt');
      dt.textContent = label;
      const dd = document.createElement('dd');
      dd.textContent = value;
      dl.append(dt, dd);
    }
  } else if (lastSummary.error) {
    const dt = document.createElement('dt');
    dt.textContent = lastSummary.error.code;
    const dd = document.createElement('dd');
    dd.textContent = lastSummary.error.messages[lang];
    dl.append(dt, dd);
  }
  article.replaceChildren(title, dl);
}

// --- the on-screen PIN pad: digits stay in this closure until sent, then are dropped ---
let pinDigits = '';
function renderPinDots(): void {
  $('#pin-dots')
    .querySelectorAll('span')
    .forEach((dot, i) => dot.classList.toggle('filled', i < pinDigits.length));
}
function buildPinPad(): void {
  const pad = $('#pin-pad');
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'ok'];
  pad.replaceChildren(
    ...keys.map((key) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.key = key;
      button.textContent = key === 'clear' ? t('clear') : key === 'ok' ? t('ok') : key;
      button.addEventListener('click', () => void pressPinKey(key));
      return button;
    }),
  );
}
async function pressPinKey(key: string): Promise<void> {
  if (key === 'clear') pinDigits = '';
  else if (key === 'ok') {
    if (pinDigits.length !== 4) return;
    const digits = pinDigits;
    pinDigits = '';
    $<HTMLDialogElement>('#pin-dialog').close();
    await post('/api/pin', { digits });
  } else if (pinDigits.length < 4) pinDigits += key;
  renderPinDots();
}

function onEvent(event: ServerEvent): void {
  switch (event.type) {
    case 'card-status':
      if (event.status === 'present') setCardStatus('busy', t('cardPresent'));
      else if (event.status === 'removed' && document.body.dataset.check !== 'failed') setCardStatus('idle', t('cardIdle'));
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
    case 'face-card-detected':
    case 'certificate-expiring':
    case 'pin-wrong':
      showMessage(event.message, event.type === 'pin-wrong');
      return;
    case 'visual-confirmation-required': {
      $('#visual-cert').textContent = `${t('certSerial')}: ${event.certificate.serial} / ${t('certValidUntil')}: ${event.certificate.notAfter.slice(0, 10)}`;
      $<HTMLDialogElement>('#visual-dialog').showModal();
      return;
    }
    case 'pin-required':
      pinDigits = '';
      renderPinDots();
      $('#pin-tries').textContent = `${t('triesLeft')}: ${event.triesLeft}`;
      $<HTMLDialogElement>('#pin-dialog').showModal();
      return;
    case 'last-try-confirmation-required':
      $<HTMLDialogElement>('#last-try-dialog').showModal();
      return;
    case 'selection-required':
      showMessage(event.message);
      void post('/api/checks/current/select', { index: 0 });
      return;
    case 'result':
      lastResult = event.selected ?? event.response.results[0];
      return;
    case 'done':
    case 'failed':
    case 'cancelled':
      lastSummary = event.summary;
      lastResult = event.summary.result;
      showMessage(event.type === 'done' ? event.message : (event.summary.error?.messages ?? event.message), event.type !== 'done');
      setCardStatus(event.type === 'done' ? 'idle' : 'error', event.type === 'done' ? t('cardRemoved') : event.summary.error?.code ?? '');
      $('#progress').hidden = true;
      for (const id of ['#visual-dialog', '#pin-dialog', '#last-try-dialog']) $<HTMLDialogElement>(id).close();
      $<HTMLButtonElement>('#start').disabled = false;
      $<HTMLButtonElement>('#cancel').disabled = true;
      document.body.dataset.check = event.type;
      renderResult();
      void loadHistory();
      return;
    default:
      return;
  }
}

function wire(): void {
  for (const tab of document.querySelectorAll<HTMLButtonElement>('.tab')) {
    tab.addEventListener('click', () => {
      for (const other of document.querySelectorAll<HTMLButtonElement>('.tab')) other.classList.toggle('active', other === tab);
      for (const name of ['reception', 'history', 'forms']) $(`#tab-${name}`).hidden = name !== tab.dataset.tab;
      if (tab.dataset.tab === 'history') void loadHistory();
    });
  }
  $('#lang-toggle').addEventListener('click', () => {
    lang = lang === 'ja' ? 'en' : 'ja';
    applyLanguage();
    buildPinPad();
  });
  $<HTMLFormElement>('#start-form').addEventListener('submit', (e) => {
    e.preventDefault();
    lastSummary = undefined;
    lastResult = undefined;
    renderResult();
    document.body.dataset.check = 'running';
    $<HTMLButtonElement>('#start').disabled = true;
    $<HTMLButtonElement>('#cancel').disabled = false;
    void post('/api/checks', { patient: $<HTMLSelectElement>('#patient').value, mode: $<HTMLSelectElement>('#mode').value });
  });
  $('#cancel').addEventListener('click', () => void post('/api/checks/current/cancel'));
  $('#visual-confirm').addEventListener('click', () => {
    $<HTMLDialogElement>('#visual-dialog').close();
    void post('/api/checks/current/visual', { confirm: true });
  });
  $('#visual-reject').addEventListener('click', () => {
    $<HTMLDialogElement>('#visual-dialog').close();
    void post('/api/checks/current/visual', { confirm: false });
  });
  $('#last-try-confirm').addEventListener('click', () => {
    $<HTMLDialogElement>('#last-try-dialog').close();
    void post('/api/checks/current/last-try', { confirm: true });
  });
  $('#last-try-decline').addEventListener('click', () => {
    $<HTMLDialogElement>('#last-try-dialog').close();
    void post('/api/checks/current/last-try', { confirm: false });
  });
  openEventStream({
    onEvent: (data) => onEvent(JSON.parse(data) as ServerEvent),
    onOpen: () => (document.body.dataset.connected = 'true'),
    onRefused: () => {
      document.body.dataset.connected = 'refused';
      showMessage(TEXT.reload!, true);
    },
  });
  formViews = FORM_DEFINITIONS.map((definition) => renderForm(definition, $('#forms-root'), { language: lang }));
}

wire();
buildPinPad();
setCardStatus('idle', t('cardIdle'));
applyLanguage();
