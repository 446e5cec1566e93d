/**
 * `pnpm demo`: a whole reception check in the terminal, against the built-in simulator unless
 * flags say otherwise. Exit code 0 when the check completed, 3 when it ended in a failure the
 * workflow reported (the message and next step are printed), 2 for bad flags, 1 for a crash.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { STATE_MESSAGES, createCallbackPinSource } from '@onshikit/eligibility';
import type { CheckSummary, WorkflowEvent } from '@onshikit/eligibility';
import { Desk, usesSimulatedCard, type ReaderChoice } from '../desk.js';
import { DEMO_PATIENTS, findPatient, type DemoPatient } from '../patients.js';
import { formatDate, formatLocalTime } from '../dates.js';
import { modeName, outcomeName, resultRows, summaryTitle, type Lang } from '../present.js';
import { Prompter, Spinner, renderTable } from './terminal.js';

const HELP = `onshi-kit reception demo / 受付デモ

usage: pnpm demo [options]

  --patient <id>     simulated patient (default valid): ${DEMO_PATIENTS.map((p) => p.id).join(', ')}
  --mode <m>         identity check: visual (目視, default) or pin (暗証番号)
  --reader <r>       sim (built-in virtual card, default), ble-sim (the virtual card on a simulated BLE reader),
                     pcsc (a USB reader through PC/SC) or ble (an ACS ACR1255U-J1 over Bluetooth)
  --service <s>      http (simulated HTTP service, default), filelink (simulated 資格確認端末: the card is read
                     at the terminal's own reader and the desk waits for its face result) or an http(s):// URL
  --lang <l>         ja (default) or en
  --yes              confirm the visual check and the last PIN try without asking (for scripts)
  --data-dir <dir>   where the SQLite store lives (default: a new temp folder)
  --history          print the 事後閲覧 list after the check
  --list-patients    print the simulated patients and exit
  --help             this text
`;

interface Flags {
  patient: string;
  mode: 'visual' | 'pin';
  reader: ReaderChoice;
  service: string;
  lang: Lang;
  yes: boolean;
  dataDir: string | undefined;
  history: boolean;
}

function parseFlags(argv: string[]): Flags | 'help' | 'list' {
  const { values } = parseArgs({
    args: argv,
    options: {
      patient: { type: 'string', default: 'valid' },
      mode: { type: 'string', default: 'visual' },
      reader: { type: 'string', default: 'sim' },
      service: { type: 'string', default: 'http' },
      lang: { type: 'string', default: 'ja' },
      yes: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      history: { type: 'boolean', default: false },
      'list-patients': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return 'help';
  if (values['list-patients']) return 'list';
  const mode = values.mode;
  if (mode !== 'visual' && mode !== 'pin') throw new UsageError(`--mode must be visual or pin (got ${mode})`);
  const reader = values.reader;
  if (reader !== 'sim' && reader !== 'pcsc' && reader !== 'ble-sim' && reader !== 'ble')
    throw new UsageError(`--reader must be sim, ble-sim, pcsc or ble (got ${reader})`);
  const lang = values.lang;
  if (lang !== 'ja' && lang !== 'en') throw new UsageError(`--lang must be ja or en (got ${lang})`);
  findPatientOrUsage(values.patient);
  return {
    patient: values.patient,
    mode,
    reader,
    service: values.service,
    lang,
    yes: values.yes,
    dataDir: values['data-dir'],
    history: values.history,
  };
}

class UsageError extends Error {}

function findPatientOrUsage(id: string): void {
  try {
    findPatient(id);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

const TEXT = {
  title: { ja: 'onshi-kit 受付デモ', en: 'onshi-kit reception demo' },
  reader: { ja: 'カードリーダー', en: 'Reader' },
  service: { ja: '資格確認サービス', en: 'Eligibility service' },
  store: { ja: '保存先', en: 'Store' },
  patient: { ja: '患者', en: 'Patient' },
  mode: { ja: '本人確認', en: 'Identity check' },
  sim: { ja: '内蔵シミュレーター(仮想マイナンバーカード)', en: 'built-in simulator (virtual My Number Card)' },
  'ble-sim': {
    ja: '模擬 BLE カードリーダー(ACR1255U-J1)と仮想マイナンバーカード',
    en: 'simulated BLE reader (ACR1255U-J1) with a virtual My Number Card',
  },
  pcsc: { ja: 'PC/SC カードリーダー', en: 'PC/SC card reader' },
  ble: { ja: 'BLE カードリーダー(ACR1255U-J1)', en: 'BLE card reader (ACR1255U-J1)' },
  terminalReader: {
    ja: '資格確認端末(模擬)のカードリーダー',
    en: 'the reader of the (simulated) 資格確認端末',
  },
  ambiguousQuestion: {
    ja: '受付中の患者の結果の番号を選んでください(該当なしは 0): ',
    en: 'Choose the result of the patient at the desk (0: none of these): ',
  },
  visualQuestion: {
    ja: '目視確認: カードの顔写真と来院者は同一人物ですか?',
    en: 'Visual check: does the photo on the card match the patient?',
  },
  lastTryQuestion: {
    ja: '暗証番号の残りは 1 回です。間違えるとロックされます。入力しますか?',
    en: 'One PIN try left; a wrong PIN locks the card. Enter it?',
  },
  pinQuestion: { ja: '暗証番号(4桁)を入力してください: ', en: 'Enter the 4-digit PIN: ' },
  selectQuestion: {
    ja: '複数の資格が該当しました。番号を選んでください: ',
    en: 'Several qualifications match. Choose one: ',
  },
  saved: { ja: 'レセコンに保存しました', en: 'Saved to the rececon' },
  history: { ja: '事後閲覧(保存済みの資格確認)', en: 'Past checks (事後閲覧)' },
} as const;

async function main(): Promise<number> {
  if (process.argv.includes('--register')) return (await import('./register.js')).runRegistration();
  let flags: Flags | 'help' | 'list';
  try {
    flags = parseFlags(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (flags === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (flags === 'list') {
    for (const p of DEMO_PATIENTS) process.stdout.write(`${p.id.padEnd(18)} ${p.ja} / ${p.en}\n`);
    return 0;
  }
  const lang = flags.lang;
  const t = (key: keyof typeof TEXT) => TEXT[key][lang];
  const prompter = new Prompter();
  const spinner = new Spinner();
  const dataDir = flags.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'onshikit-demo-')));
  const patient = findPatient(flags.patient);
  const pinSource = createCallbackPinSource(async ({ digits, triesLeft }) => {
    spinner.stop();
    const hint = triesLeft === undefined ? '' : lang === 'ja' ? `(残り ${triesLeft} 回)` : `(${triesLeft} tries left) `;
    return prompter.askPin(`${hint}${t('pinQuestion')}`, digits);
  });

  const terminalReader = flags.service === 'filelink';
  const desk = await Desk.open({
    reader: flags.reader,
    service: flags.service,
    mode: flags.mode,
    dataDir,
    pinSource,
    terminalReader,
  });
  try {
    process.stdout.write(`${t('title')}\n`);
    process.stdout.write(`  ${t('reader')}: ${t(terminalReader ? 'terminalReader' : flags.reader)}\n`);
    process.stdout.write(`  ${t('service')}: ${desk.serviceName}\n`);
    process.stdout.write(`  ${t('store')}: SQLite ${path.join(dataDir, 'rececon.sqlite')}\n`);
    process.stdout.write(`  ${t('mode')}: ${modeName(flags.mode, lang)}\n`);
    if (usesSimulatedCard(flags.reader) || terminalReader)
      process.stdout.write(`  ${t('patient')}: ${patient[lang]} (--patient ${patient.id})\n\n`);

    if (terminalReader) {
      const summary = await terminalCheck(desk, patient, lang, t, prompter, spinner);
      spinner.stop();
      printSummary(summary, lang, t);
      if (flags.history) await printHistory(desk, lang, t);
      return summary.state === 'done' ? 0 : 3;
    }

    const decisions: Promise<void>[] = [];
    const check = desk.workflow.startCheck({
      identityMode: flags.mode,
      onEvent: (event) => decisions.push(onEvent(event)),
    });
    if (usesSimulatedCard(flags.reader)) await desk.presentPatient(patient);

    async function onEvent(event: WorkflowEvent): Promise<void> {
      switch (event.type) {
        case 'state':
          if (event.state !== 'done' && event.state !== 'failed' && event.state !== 'cancelled')
            spinner.update(event.message[lang]);
          return;
        case 'progress':
          spinner.update(event.message[lang], event.percent);
          return;
        case 'face-card-detected':
        case 'certificate-expiring':
        case 'pin-wrong':
        case 'pin-unusable':
          spinner.stop(`! ${event.message[lang]}`);
          return;
        case 'card-released':
          // The card's part is over before the service answers: the patient can take it back now.
          spinner.stop(`✔ ${event.message[lang]}`);
          return;
        case 'visual-confirmation-required': {
          spinner.stop();
          const ok =
            flags !== 'help' && flags !== 'list' && flags.yes ? true : await prompter.confirm(t('visualQuestion'));
          if (ok) check.confirmVisual();
          else check.rejectVisual();
          return;
        }
        case 'last-try-confirmation-required': {
          spinner.stop(`! ${event.message[lang]}`);
          const ok =
            flags !== 'help' && flags !== 'list' && flags.yes ? true : await prompter.confirm(t('lastTryQuestion'));
          if (ok) check.confirmLastTry();
          else check.declineLastTry();
          return;
        }
        case 'selection-required': {
          spinner.stop(event.message[lang]);
          for (const [i, r] of event.results.entries()) {
            process.stdout.write(`  ${i + 1}) ${r.insurerNumber} ${r.insurerName ?? ''} ${r.name}\n`);
          }
          const answer = Number.parseInt(await prompter.ask(t('selectQuestion')), 10);
          check.selectResult(
            Number.isInteger(answer) && answer >= 1 && answer <= event.results.length ? answer - 1 : 0,
          );
          return;
        }
        default:
          return;
      }
    }

    const summary = await check.done;
    await Promise.allSettled(decisions);
    spinner.stop();
    printSummary(summary, lang, t);
    if (flags.history) await printHistory(desk, lang, t);
    return summary.state === 'done' ? 0 : 3;
  } finally {
    spinner.stop();
    prompter.close();
    await desk.close();
  }
}

/**
 * A clinic with a 資格確認端末: the patient presents the card at the terminal's own reader and the
 * desk waits for the face result of the registered patient (name + birth date), then saves it.
 */
async function terminalCheck(
  desk: Desk,
  patient: DemoPatient,
  lang: Lang,
  t: (key: keyof typeof TEXT) => string,
  prompter: Prompter,
  spinner: Spinner,
): Promise<CheckSummary> {
  const terminal = desk.terminal;
  if (terminal === undefined) throw new Error('the file-link desk has no terminal');
  const running = terminal.check.run({
    checkId: randomUUID(),
    patient: desk.registeredPatient(patient),
    timeoutMs: 10_000,
    onEvent: (event) => {
      if (event.type === 'waiting-for-face-result') spinner.update(event.message[lang]);
      else if (event.type === 'face-match-ambiguous' || event.type === 'selection-required')
        spinner.stop(event.message[lang]);
    },
    chooseFaceResult: async (candidates) => {
      for (const [i, c] of candidates.entries()) {
        const r = c.response.results[0];
        process.stdout.write(
          `  ${i + 1}) ${r?.insurerNumber ?? ''} ${r?.insurerName ?? ''} ${r?.name ?? ''} (${c.file})\n`,
        );
      }
      const answer = Number.parseInt(await prompter.ask(t('ambiguousQuestion')), 10);
      return Number.isInteger(answer) && answer >= 1 ? candidates[answer - 1]?.file : undefined;
    },
    chooseResult: async (results) => {
      for (const [i, r] of results.entries())
        process.stdout.write(`  ${i + 1}) ${r.insurerNumber} ${r.insurerName ?? ''} ${r.name}\n`);
      const answer = Number.parseInt(await prompter.ask(t('selectQuestion')), 10);
      return Number.isInteger(answer) && answer >= 1 && answer <= results.length ? answer - 1 : 0;
    },
  });
  await desk.presentAtTerminal(patient);
  return await running;
}

function printSummary(summary: CheckSummary, lang: Lang, t: (key: keyof typeof TEXT) => string): void {
  if (summary.result) {
    process.stdout.write(
      `${renderTable(summaryTitle(summary, lang), resultRows(summary.result, lang, summary.mode, formatDate))}\n`,
    );
    if (summary.saved) process.stdout.write(`✔ ${t('saved')} (check id ${summary.checkId})\n`);
    return;
  }
  // The message once, in plain words (it says the next step); the code only for the support desk.
  const error = summary.error;
  if (!error) {
    process.stdout.write(`✖ ${STATE_MESSAGES[summary.state][lang]}\n`);
    return;
  }
  process.stdout.write(
    `✖ ${error.messages[lang]}\n  (${lang === 'ja' ? 'サポート用コード' : 'code for support'}: ${error.code})\n`,
  );
}

async function printHistory(desk: Desk, lang: Lang, t: (key: keyof typeof TEXT) => string): Promise<void> {
  const page = await desk.store.listChecks({});
  const rows = page.items.map((c): [string, string] => [
    formatLocalTime(c.checkedAt, lang),
    `${modeName(c.mode, lang)} ${outcomeName(c.outcome, lang)} ${c.result?.insurerNumber ?? ''}`,
  ]);
  if (rows.length > 0) process.stdout.write(`${renderTable(t('history'), rows)}\n`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
