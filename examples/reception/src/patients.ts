/**
 * The simulated patients the demo can present: a card variant (which card the patient holds)
 * and a population scenario (what the eligibility service answers for that card).
 */
import { cardProfiles, type CardProfile } from '@onshikit/simulator';
import type { PopulationScenario } from '@onshikit/simulator-service';

export interface DemoPatient {
  readonly id: string;
  readonly ja: string;
  readonly en: string;
  readonly card: () => CardProfile;
  readonly scenario: PopulationScenario;
}

const standard = () => cardProfiles.standard();

/** Every `--patient` value, in the order the web page lists them. */
export const DEMO_PATIENTS: readonly DemoPatient[] = [
  { id: 'valid', ja: '有効な資格(本人)', en: 'valid qualification', card: standard, scenario: 'valid' },
  { id: 'lost', ja: '資格喪失', en: 'qualification lost', card: standard, scenario: 'lost' },
  {
    id: 'new-qualification',
    ja: '新しい資格あり',
    en: 'newer qualification exists',
    card: standard,
    scenario: 'new-qualification',
  },
  { id: 'not-found', ja: '該当資格なし', en: 'no qualification found', card: standard, scenario: 'not-found' },
  { id: 'multiple', ja: '複数該当', en: 'several qualifications', card: standard, scenario: 'multiple' },
  { id: 'late-elderly', ja: '後期高齢者', en: 'late-stage elderly (75+)', card: standard, scenario: 'late-elderly' },
  { id: 'age-70-74', ja: '70〜74歳(高齢受給者)', en: 'aged 70-74', card: standard, scenario: 'age-70-74' },
  { id: 'preschool', ja: '未就学児', en: 'preschool child', card: standard, scenario: 'preschool' },
  {
    id: 'face-card',
    ja: '顔認証マイナンバーカード(暗証番号なし)',
    en: 'face-auth card (no PIN)',
    card: () => cardProfiles.faceAuthOnly(),
    scenario: 'valid',
  },
  {
    id: 'last-try',
    ja: '暗証番号の残り 1 回',
    en: 'one PIN try left',
    card: () => cardProfiles.lastTry(),
    scenario: 'valid',
  },
  { id: 'blocked', ja: '暗証番号ロック', en: 'PIN blocked', card: () => cardProfiles.blocked(), scenario: 'valid' },
  {
    id: 'expiring-soon',
    ja: '電子証明書の有効期限まで 30 日',
    en: 'certificate expires in 30 days',
    card: () => cardProfiles.expiringSoon(),
    scenario: 'valid',
  },
  {
    id: 'expired-grace',
    ja: '電子証明書の期限切れ(3か月の猶予期間内)',
    en: 'certificate expired, within the 3-month grace',
    card: () => cardProfiles.expiredInGracePeriod(),
    scenario: 'valid',
  },
  {
    id: 'expired',
    ja: '電子証明書の有効期限切れ',
    en: 'expired certificate',
    card: () => cardProfiles.expiredAuth(),
    scenario: 'valid',
  },
  {
    id: 'revoked',
    ja: '電子証明書の失効',
    en: 'revoked certificate',
    card: () => cardProfiles.revoked(),
    scenario: 'valid',
  },
  { id: 'juki', ja: '住基カード', en: 'old Juki card', card: () => cardProfiles.jukiCard(), scenario: 'valid' },
];

/** The patient with this id; throws with the list of valid ids otherwise. */
export function findPatient(id: string): DemoPatient {
  const patient = DEMO_PATIENTS.find((p) => p.id === id);
  if (!patient) throw new Error(`unknown patient "${id}" / 不明な患者: ${DEMO_PATIENTS.map((p) => p.id).join(', ')}`);
  return patient;
}
