import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  MemoryRececonStore,
  PatientRegistration,
  createCallbackPinSource,
  outcomeOfValidity,
  parseAppText,
} from '@onshikit/eligibility';
import { FaceXmlRececonStore, FaceXmlSink } from '@onshikit/eligibility/node';
import { MyNumberCard } from '@onshikit/mynumber';
import { VirtualMyNumberCard, cardProfiles, createInProcessTransport } from '@onshikit/simulator';

// A 資格確認限定型 clinic: the official マイナ資格確認アプリ does the eligibility query itself.
// onshi-kit reads the card for identity and registration, imports the app's result text, keeps
// it for 事後閲覧 and writes it as a face result for a rececon that reads face files.
const card = new MyNumberCard(createInProcessTransport(await VirtualMyNumberCard.create(cardProfiles.standard())));

// 1. Identity: the certificate is readable without a PIN (目視 at the desk, or the PIN with the app).
const certificate = await card.readAuthCertificate();
console.log('certificate valid until', certificate.notAfter.getFullYear() > 2000);

// 2. 新患登録: with the patient's consent, the basic four items prefill the registration form.
const faceFolder = await mkdtemp(path.join(os.tmpdir(), 'onshikit-face-'));
const store = new FaceXmlRececonStore(
  new MemoryRececonStore(),
  new FaceXmlSink({ dir: faceFolder, institutionCode: '1312345678' }),
);
const registration = new PatientRegistration({
  store,
  operator: 'desk-1',
  pinSource: createCallbackPinSource(async () => '1234'), // the patient types the 4-digit 券面事項入力補助用暗証番号
});
const draft = await registration.readDraft({ card, consent: true, credential: { kind: 'input-support-pin' } });
console.log(
  draft.nameParts?.family,
  draft.nameParts?.given,
  draft.birthDate.wareki,
  draft.notes[0]?.ja.includes('フリガナ'),
);
// → 試験 花子 昭和55年2月17日 true

// 3. The app's result, copied as text by the staff, becomes a result the rececon can use.
const { result } = parseAppText(`資格有効性\t有効
氏名\t試験　花子
生年月日\t昭和55年2月17日
保険者番号\t06270015
記号\t１２３
番号\t４５６
確認日\t令和8年11月26日`);

// 4. Kept for 事後閲覧, and written as OQSsiquc01res_face_*.xml for the rececon.
await store.saveCheck({
  checkId: 'app-0001',
  checkedAt: new Date().toISOString(),
  operator: 'desk-1',
  mode: 'visual',
  outcome: outcomeOfValidity(result.validity),
  insurerNumber: result.insurerNumber,
  result,
});
console.log(
  (await store.listChecks()).items.length,
  'check kept;',
  (await readdir(faceFolder)).filter((n) => n.startsWith('OQSsiquc01res_face_')).length,
  'face file',
);
// → 1 check kept; 1 face file
await rm(faceFolder, { recursive: true, force: true });
