/**
 * 新患登録 in the web demo: the routes that read a {@link PatientDraft} from the simulated card
 * slot with the patient's consent, behind the same guards as every other route (the server checks
 * Host, Origin, token, JSON and body size before a handler runs).
 *
 * - `POST /api/registrations` `{ patient, consent, credential: 'pin' | 'verification-number-b',
 *   verificationNumber?: { birthDateEraYymmdd, expiryYear, securityCode } }` starts a read (202).
 *   `consent` is a required boolean; 照合番号B is typed by staff (demo only: never logged or echoed).
 * - `POST /api/registrations/current/pin` `{ digits }` answers the PIN request (4 digits), as the
 *   check's `/api/pin` does: the bytes are handed over once and zeroed after the one VERIFY.
 * - `POST /api/registrations/current/last-try` `{ confirm }` answers the last-try question.
 * - `POST /api/registrations/current/cancel` stops the read.
 *
 * The outcome arrives on the event stream (token required): `registration-pin-required`,
 * `registration-pin-wrong`, `registration-last-try-required`, then `registration-done` with the
 * draft or `registration-failed` with a catalogue code and message (never a typed value).
 */
import type { ServerResponse } from 'node:http';
import { isOnshikitError } from '@onshikit/apdu';
import { createCallbackPinSource, KANA_NOTE, PatientRegistration, type PatientDraft } from '@onshikit/eligibility';
import { MyNumberCard } from '@onshikit/mynumber';
import type { Desk } from '../desk.js';
import { DEMO_PATIENTS, findPatient } from '../patients.js';
import { sendJson, ServerError } from './http-errors.js';
import type { JsonFields } from './json-body.js';
import { digitsField, pinBytes } from './pin-field.js';

/** A POST handler of the server. */
export type RouteHandler = (fields: JsonFields, res: ServerResponse) => Promise<void> | void;

/** What the registration routes need from the server. */
export interface RegistrationRoutesOptions {
  readonly desk: Desk;
  /** Sends an event to the page's event streams. */
  broadcast(event: object): void;
  /** True while a reception check uses the card slot. */
  checkRunning(): boolean;
}

/** The routes and whether a read is under way (a check must not start meanwhile). */
export interface RegistrationRoutes {
  readonly posts: ReadonlyMap<string, RouteHandler>;
  running(): boolean;
  /** Stops a read under way (server closing). */
  cancel(): void;
}

const VERIFICATION_PARTS = [
  ['birthDateEraYymmdd', 6],
  ['expiryYear', 4],
  ['securityCode', 4],
] as const;

/** The draft as the page shows it: only the fields the registration form takes. */
function draftView(draft: PatientDraft): object {
  return {
    name: draft.name,
    nameParts: draft.nameParts ?? null,
    address: draft.address,
    birthDate: { iso: draft.birthDate.iso, wareki: draft.birthDate.wareki ?? null },
    sex: draft.sex,
    credential: draft.credential,
    kanaNote: KANA_NOTE, // shown under the empty kana field
    notes: draft.notes.filter((note) => note !== KANA_NOTE),
  };
}

function verificationNumberOf(value: unknown): {
  birthDateEraYymmdd: string;
  expiryYear: string;
  securityCode: string;
} {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ServerError('INVALID_FIELD');
  const out = Object.create(null) as Record<string, string>;
  for (const [key, length] of VERIFICATION_PARTS) {
    out[key] = digitsField(Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined, length);
  }
  return out as { birthDateEraYymmdd: string; expiryYear: string; securityCode: string };
}

/** Builds the registration routes over the desk's simulated card slot. */
export function createRegistrationRoutes(options: RegistrationRoutesOptions): RegistrationRoutes {
  const { desk, broadcast } = options;
  let current: AbortController | undefined;
  let pendingPin: { answer: (pin: Uint8Array) => void } | undefined;
  let pendingLastTry: { answer: (confirm: boolean) => void } | undefined;

  const waitAbortable = <T>(signal: AbortSignal, register: (answer: (value: T) => void) => void): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(new Error('cancelled'));
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      register((value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      });
    });

  async function read(
    controller: AbortController,
    consent: boolean,
    credential:
      | { kind: 'input-support-pin' }
      | { kind: 'verification-number-b'; birthDateEraYymmdd: string; expiryYear: string; securityCode: string },
  ): Promise<void> {
    const { signal } = controller;
    const pinSource = createCallbackPinSource(({ triesLeft }) => {
      broadcast({ type: 'registration-pin-required', triesLeft: triesLeft ?? null });
      return waitAbortable<Uint8Array>(signal, (answer) => {
        pendingPin = { answer };
      });
    });
    const registration = new PatientRegistration({
      pinSource,
      store: desk.store,
      operator: 'demo-desk',
      confirmLastTry: () => {
        broadcast({ type: 'registration-last-try-required' });
        return waitAbortable<boolean>(signal, (answer) => {
          pendingLastTry = { answer };
        });
      },
      onPinWrong: (triesLeft) => broadcast({ type: 'registration-pin-wrong', triesLeft }),
    });
    try {
      const transport = await desk.slot.connect({ signal });
      try {
        const card = new MyNumberCard(transport);
        const draft = await registration.readDraft({ card, consent, credential, signal });
        broadcast({ type: 'registration-done', draft: draftView(draft) });
      } finally {
        await transport.close();
      }
    } catch (error) {
      // Only the catalogue code and its fixed messages: never the cause, which may quote input.
      if (signal.aborted) broadcast({ type: 'registration-failed', code: 'CANCELLED' });
      else if (isOnshikitError(error))
        broadcast({ type: 'registration-failed', code: error.code, message: error.messages });
      else {
        console.error(`reception server: registration failed (${error instanceof Error ? error.name : typeof error})`);
        broadcast({ type: 'registration-failed', code: 'INTERNAL' });
      }
    } finally {
      pendingPin = undefined;
      pendingLastTry = undefined;
      desk.slot.remove();
      broadcast({ type: 'card-status', status: 'removed' });
      if (current === controller) current = undefined;
    }
  }

  const posts = new Map<string, RouteHandler>([
    [
      '/api/registrations',
      async (fields, res) => {
        const patientId = fields.get('patient') ?? 'valid';
        const consent = fields.get('consent');
        const kind = fields.get('credential') ?? 'pin';
        if (typeof patientId !== 'string' || !DEMO_PATIENTS.some((p) => p.id === patientId))
          throw new ServerError('INVALID_FIELD');
        if (typeof consent !== 'boolean') throw new ServerError('INVALID_FIELD');
        if (kind !== 'pin' && kind !== 'verification-number-b') throw new ServerError('INVALID_FIELD');
        const credential =
          kind === 'pin'
            ? ({ kind: 'input-support-pin' } as const)
            : ({ kind: 'verification-number-b', ...verificationNumberOf(fields.get('verificationNumber')) } as const);
        if (current !== undefined) throw new ServerError('REGISTRATION_RUNNING');
        if (options.checkRunning()) throw new ServerError('CHECK_RUNNING');
        const controller = new AbortController();
        current = controller;
        desk.slot.remove();
        try {
          await desk.presentPatient(findPatient(patientId));
        } catch (error) {
          current = undefined;
          throw error;
        }
        broadcast({ type: 'card-status', status: 'present' });
        void read(controller, consent, credential);
        sendJson(res, 202, {});
      },
    ],
    [
      '/api/registrations/current/pin',
      (fields, res) => {
        const pending = pendingPin;
        if (!pending) throw new ServerError('NOT_WAITING');
        const pin = pinBytes(fields.get('digits'), 4);
        pendingPin = undefined;
        pending.answer(pin); // the pin source copies and zeroes these bytes
        sendJson(res, 200, {});
      },
    ],
    [
      '/api/registrations/current/last-try',
      (fields, res) => {
        const confirm = fields.get('confirm');
        if (typeof confirm !== 'boolean') throw new ServerError('INVALID_FIELD');
        const pending = pendingLastTry;
        if (!pending) throw new ServerError('NOT_WAITING');
        pendingLastTry = undefined;
        pending.answer(confirm);
        sendJson(res, 200, {});
      },
    ],
    [
      '/api/registrations/current/cancel',
      (_fields, res) => {
        current?.abort();
        sendJson(res, 200, {});
      },
    ],
  ]);

  return {
    posts,
    running: () => current !== undefined,
    cancel: () => current?.abort(),
  };
}
