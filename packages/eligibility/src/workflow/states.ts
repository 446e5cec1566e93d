/**
 * States of the reception workflow (issue 7 §1) with the message a desk screen shows for each,
 * and the allowed transitions, so a vendor's screen is a switch over events.
 * @module
 */
import type { LocalizedMessage } from '@onshikit/apdu';

/** Where a check stands. `done`, `failed` and `cancelled` are terminal. */
export type WorkflowState =
  | 'idle'
  | 'waiting-for-card'
  | 'card-detected'
  | 'identity-check'
  | 'querying'
  | 'result'
  | 'saving'
  | 'done'
  | 'failed'
  | 'cancelled';

/** The terminal states: every check ends in exactly one of them. */
export const TERMINAL_STATES: readonly WorkflowState[] = ['done', 'failed', 'cancelled'];

/** Screen message per state. */
export const STATE_MESSAGES: Readonly<Record<WorkflowState, LocalizedMessage>> = {
  idle: { ja: '受付待ちです。', en: 'Ready.' },
  'waiting-for-card': {
    ja: 'マイナンバーカードをカードリーダーに置いてください。',
    en: 'Place the My Number Card on the reader.',
  },
  'card-detected': {
    ja: 'カードを読み取っています。カードを動かさないでください。',
    en: 'Reading the card. Do not move it.',
  },
  'identity-check': { ja: '本人確認を行っています。', en: 'Checking identity.' },
  querying: { ja: '資格情報を照会しています。', en: 'Querying eligibility.' },
  result: { ja: '資格確認の結果を受け取りました。', en: 'Eligibility result received.' },
  saving: { ja: 'レセコンに保存しています。', en: 'Saving to the rececon.' },
  done: { ja: '資格確認が完了しました。カードをお返しください。', en: 'Eligibility check complete. Return the card.' },
  failed: { ja: '資格確認を完了できませんでした。', en: 'The eligibility check could not be completed.' },
  cancelled: { ja: '資格確認を中止しました。', en: 'The eligibility check was cancelled.' },
};

/** Allowed transitions; every waiting state can go to `failed` and `cancelled`. */
export const TRANSITIONS: Readonly<Record<WorkflowState, readonly WorkflowState[]>> = {
  idle: ['waiting-for-card', 'querying', 'failed', 'cancelled'],
  'waiting-for-card': ['card-detected', 'failed', 'cancelled'],
  'card-detected': ['identity-check', 'failed', 'cancelled'],
  'identity-check': ['querying', 'failed', 'cancelled'],
  querying: ['result', 'failed', 'cancelled'],
  result: ['saving', 'done', 'failed', 'cancelled'],
  saving: ['done', 'failed', 'cancelled'],
  done: [],
  failed: [],
  cancelled: [],
};

/** Progress steps with the percent a bar shows. */
export type ProgressStep =
  | 'waiting-for-card'
  | 'reading-certificate'
  | 'checking-pin'
  | 'signing'
  | 'querying'
  | 'saving'
  | 'done';

/** Screen message per progress step. */
export const PROGRESS_MESSAGES: Readonly<Record<ProgressStep, LocalizedMessage>> = {
  'waiting-for-card': { ja: 'カードを待っています。', en: 'Waiting for the card.' },
  'reading-certificate': { ja: '電子証明書を読み取っています。', en: 'Reading the certificate.' },
  'checking-pin': { ja: '暗証番号を確認しています。', en: 'Checking the PIN.' },
  signing: { ja: '電子署名を作成しています。', en: 'Signing.' },
  querying: { ja: '資格情報を照会しています。', en: 'Querying eligibility.' },
  saving: { ja: '保存しています。', en: 'Saving.' },
  done: { ja: '完了しました。', en: 'Done.' },
};
