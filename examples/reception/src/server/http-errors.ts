/**
 * The reception server's error answers: one catalogue of stable codes with Japanese and English
 * messages. An answer carries only the code and these fixed texts, never anything from the
 * request (a PIN sent in a broken body must not come back in the error).
 */
import type { ServerResponse } from 'node:http';

/** Every error the server answers with, its HTTP status and its messages. */
export const SERVER_ERRORS = {
  HOST_NOT_ALLOWED: {
    status: 421,
    ja: 'このアドレスでは受け付けていません。',
    en: 'This server does not answer to that host name.',
  },
  ORIGIN_NOT_ALLOWED: {
    status: 403,
    ja: 'ほかのサイトからの操作は受け付けません。',
    en: 'Requests from other sites are refused.',
  },
  TOKEN_REQUIRED: {
    status: 403,
    ja: '受付画面を開き直してください(認証トークンがありません)。',
    en: 'Reload the reception page (the session token is missing or wrong).',
  },
  BAD_REQUEST: { status: 400, ja: '要求の形式が正しくありません。', en: 'The request is malformed.' },
  JSON_REQUIRED: {
    status: 415,
    ja: '本文は application/json で送ってください。',
    en: 'Send the body as application/json.',
  },
  BAD_JSON: {
    status: 400,
    ja: '本文が正しい JSON オブジェクトではありません。',
    en: 'The body is not a valid JSON object.',
  },
  BODY_TOO_LARGE: { status: 413, ja: '本文が大きすぎます。', en: 'The body is too large.' },
  INVALID_FIELD: { status: 400, ja: '入力値が正しくありません。', en: 'A field has an invalid value.' },
  PIN_INVALID: {
    status: 400,
    ja: '暗証番号は 4 桁の数字で入力してください。',
    en: 'The PIN must be exactly 4 digits.',
  },
  NOT_FOUND: { status: 404, ja: '見つかりません。', en: 'Not found.' },
  METHOD_NOT_ALLOWED: { status: 405, ja: 'この操作は使えません。', en: 'Method not allowed.' },
  CHECK_RUNNING: {
    status: 409,
    ja: '資格確認の途中です。終わるか中止してから始めてください。',
    en: 'A check is running: let it finish or cancel it first.',
  },
  REGISTRATION_RUNNING: {
    status: 409,
    ja: '新患登録の読み取り中です。終わるか中止してから始めてください。',
    en: 'A new-patient card read is running: let it finish or cancel it first.',
  },
  NOT_WAITING: { status: 409, ja: 'いまはその操作を待っていません。', en: 'The check is not waiting for that.' },
  INTERNAL: { status: 500, ja: 'サーバー内部でエラーが発生しました。', en: 'Internal server error.' },
} as const satisfies Record<string, { status: number; ja: string; en: string }>;

/** A stable error code of the reception server. */
export type ServerErrorCode = keyof typeof SERVER_ERRORS;

/** Thrown by a handler to answer with one of the catalogue's errors. */
export class ServerError extends Error {
  readonly code: ServerErrorCode;
  constructor(code: ServerErrorCode) {
    super(code);
    this.name = 'ServerError';
    this.code = code;
  }
}

/** Headers every answer carries: no caching, no sniffing, no use by other origins. */
export const BASE_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
};

/** Answers with JSON (`cache-control: no-store`). */
export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  extra: Record<string, string> = {},
): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    ...BASE_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    ...extra,
  });
  res.end(body);
}

/**
 * Answers with a catalogue error and closes the connection (the rest of a refused body is not
 * read). Does nothing when the answer has already started.
 */
export function sendError(res: ServerResponse, code: ServerErrorCode): void {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  const { status, ja, en } = SERVER_ERRORS[code];
  sendJson(res, status, { error: { code, messages: { ja, en } } }, { connection: 'close' });
}
