/**
 * `pnpm demo --register`: 新患登録 prefill from the simulated patient's card. With the patient's
 * consent the card's 基本4情報 are read with the 4-digit 券面事項入力補助用暗証番号 (or, with
 * `--verification-number`, with 照合番号B typed by staff) and shown as the registration form would
 * take them; the read is audited in the demo's SQLite store (which items, never the values).
 * Exit code 0 when the draft was read, 3 when the read ended in a reported failure, 2 for bad flags.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PatientRegistration, createCallbackPinSource, type PatientDraft } from '@onshikit/eligibility';
import { isOnshikitError } from '@onshikit/apdu';
import { MyNumberCard } from '@onshikit/mynumber';
import { Desk } from '../desk.js';
import { findPatient } from '../patients.js';
import { Prompter, renderTable } from './terminal.js';

const HELP = `onshi-kit reception demo: 新患登録 / new-patient registration prefill

usage: pnpm demo --register [options]

  --patient <id>          simulated patient whose card is read (default valid; see --list-patients)
  --verification-number   staff type 照合番号B (birth date 和暦 YYMMDD, expiry year, security code) instead of the PIN
  --lang <l>              ja (default) or en
  --yes                   consent given, last try confirmed, 照合番号B taken from the simulated card (for scripts)
  --data-dir <dir>        where the SQLite store (with the audit entry) lives (default: a new temp folder)
`;

const TEXT = {
  title: { ja: '新患登録(カードから読み取り)', en: 'New patient (read from the card)' },
  consent: {
    ja: 'カードの氏名・住所・生年月日・性別を読み取ることに、ご本人の同意を得ましたか?',
    en: 'Has the patient agreed to have name, address, birth date and sex read from the card?',
  },
  lastTry: {
    ja: '残り 1 回です。間違えるとロックされます。続けますか?',
    en: 'One try left; a wrong entry locks it. Continue?',
  },
  pin: { ja: '券面事項入力補助用暗証番号(4桁): ', en: 'Card-info PIN (4 digits): ' },
  birth: { ja: '生年月日(和暦 YYMMDD): ', en: 'Birth date (era YYMMDD): ' },
  expiry: { ja: '有効期限の西暦年(YYYY): ', en: 'Expiry year (YYYY): ' },
  code: { ja: 'セキュリティコード(4桁): ', en: 'Security code (4 digits): ' },
  name: { ja: '氏名', en: 'Name' },
  family: { ja: '姓', en: 'Family name' },
  given: { ja: '名', en: 'Given name' },
  kana: { ja: 'フリガナ', en: 'Kana' },
  address: { ja: '住所', en: 'Address' },
  birthDate: { ja: '生年月日', en: 'Birth date' },
  sex: { ja: '性別', en: 'Sex' },
  notSplit: { ja: '(分けていません)', en: '(not split)' },
  none: { ja: '(カードにありません)', en: '(not on the card)' },
  audited: { ja: '監査記録に残しました(項目のみ、値は残しません)', en: 'Audited (which items, never their values)' },
} as const;

const SEX = {
  male: { ja: '男', en: 'male' },
  female: { ja: '女', en: 'female' },
  'not-applicable': { ja: '適用不能', en: 'not applicable' },
  unknown: { ja: '不明', en: 'unknown' },
  other: { ja: 'その他', en: 'other' },
} as const;

/** Runs the registration prefill; `argv` is the demo's arguments (with `--register`). */
export async function runRegistration(argv: string[] = process.argv.slice(2)): Promise<number> {
  let values: {
    patient: string;
    lang: string;
    yes: boolean;
    'verification-number': boolean;
    'data-dir'?: string | undefined;
    help: boolean;
  };
  try {
    values = parseArgs({
      args: argv,
      options: {
        register: { type: 'boolean', default: true },
        patient: { type: 'string', default: 'valid' },
        lang: { type: 'string', default: 'ja' },
        yes: { type: 'boolean', default: false },
        'verification-number': { type: 'boolean', default: false },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
    if (values.lang !== 'ja' && values.lang !== 'en') throw new Error(`--lang must be ja or en (got ${values.lang})`);
    findPatient(values.patient);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const lang = values.lang as 'ja' | 'en';
  const t = (key: keyof typeof TEXT): string => TEXT[key][lang];
  const yes = values.yes;
  const prompter = new Prompter();
  const pinSource = createCallbackPinSource(async ({ digits, triesLeft }) => {
    const hint = triesLeft === undefined ? '' : lang === 'ja' ? `(残り ${triesLeft} 回)` : `(${triesLeft} tries left) `;
    return prompter.askPin(`${hint}${t('pin')}`, digits);
  });
  const dataDir = values['data-dir'] ?? (await mkdtemp(path.join(tmpdir(), 'onshikit-demo-')));
  const desk = await Desk.open({ reader: 'sim', service: 'http', mode: 'visual', dataDir, pinSource });
  try {
    const virtual = await desk.presentPatient(findPatient(values.patient));
    const card = new MyNumberCard(await desk.slot.connect({ signal: new AbortController().signal }));
    const registration = new PatientRegistration({
      pinSource,
      store: desk.store,
      operator: 'demo-desk',
      confirmLastTry: async () => yes || prompter.confirm(t('lastTry')),
      onPinWrong: (triesLeft) =>
        process.stdout.write(
          lang === 'ja' ? `! 違います(残り ${triesLeft} 回)\n` : `! Wrong (${triesLeft} tries left)\n`,
        ),
    });
    const consent = yes || (await prompter.confirm(t('consent')));
    const printed = virtual.verificationNumberB; // what the simulated card face shows
    const credential = values['verification-number']
      ? {
          kind: 'verification-number-b' as const,
          birthDateEraYymmdd: yes ? printed.slice(0, 6) : await prompter.ask(t('birth')),
          expiryYear: yes ? printed.slice(6, 10) : await prompter.ask(t('expiry')),
          securityCode: yes ? printed.slice(10, 14) : await prompter.ask(t('code')),
        }
      : { kind: 'input-support-pin' as const };
    const draft = await registration.readDraft({ card, consent, credential });
    process.stdout.write(`${renderTable(t('title'), rows(draft, lang, t))}\n`);
    for (const note of draft.notes) process.stdout.write(`! ${note[lang]}\n`);
    process.stdout.write(`✔ ${t('audited')}\n`);
    return 0;
  } catch (error) {
    if (isOnshikitError(error)) {
      process.stdout.write(`✖ ${error.messages[lang]}\n  (${error.code})\n`);
      return 3;
    }
    throw error;
  } finally {
    prompter.close();
    await desk.close();
  }
}

function rows(draft: PatientDraft, lang: 'ja' | 'en', t: (key: keyof typeof TEXT) => string): [string, string][] {
  return [
    [t('name'), draft.name],
    [t('family'), draft.nameParts?.family ?? t('notSplit')],
    [t('given'), draft.nameParts?.given ?? t('notSplit')],
    [t('kana'), t('none')],
    [t('address'), draft.address],
    [
      t('birthDate'),
      draft.birthDate.wareki === undefined ? draft.birthDate.iso : `${draft.birthDate.wareki}(${draft.birthDate.iso})`,
    ],
    [t('sex'), SEX[draft.sex][lang]],
  ];
}
