/**
 * マイナ資格確認アプリ 利用開始申請 (seed guide ④; docs/reference/portal-rules.md#usage-application): a discriminated
 * union on 施設の確認方法 — `records` (照合: match against data filed with 支払基金 or the
 * 地方厚生(支)局) or `document` (書類添付: attach the 受領委任承諾通知書) — plus agreement to the
 * 資格確認限定型 system terms.
 * @module
 */
import { z } from 'zod';
import {
  attachmentHead,
  attachmentSize,
  detectAttachmentType,
  isAttachmentInput,
  readBlobHead,
  RECEIPT_NOTICE_MAX_BYTES,
  type AttachmentInput,
} from '../file-type.js';
import { normalizeFormValue } from '../normalize.js';
import {
  compareCalendarDates,
  ERAS,
  formatIsoDate,
  parseJapaneseDate,
  todayInJapan,
  type CalendarDate,
} from '../japanese-calendar.js';
import { addFormIssue, agreementField, labelled, normalized, reportValidation } from './field.js';

/** Most devices one application may ask for (seed guide: 20台まで). */
export const DEVICE_COUNT_MAX = 20;

/** 施設の確認方法 choices. */
export const FACILITY_CONFIRMATION_METHODS = [
  {
    value: 'records',
    ja: '支払基金または地方厚生(支)局に提出済みの情報との照合',
    en: 'Match against information already filed',
  },
  { value: 'document', ja: '書類(受領委任承諾通知書)の添付', en: 'Attach a document (acceptance notice)' },
] as const;

/** Options of {@link createUsageStartApplicationSchema}. */
export interface UsageStartApplicationOptions {
  /** Today's date for the "not in the future" rule; Japan's date by default. */
  today?: () => CalendarDate;
  /** Largest file accepted; {@link RECEIPT_NOTICE_MAX_BYTES} by default. */
  maxFileBytes?: number;
}

/** Turns "３" / "3" into 3 and "" into undefined; other values pass to the number schema. */
function toCount(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const s = normalizeFormValue(v, 'digits');
  if (s === '') return undefined;
  return /^[0-9]{1,15}$/.test(s) ? Number(s) : s;
}

/** A date in 西暦 or 和暦, returned as `YYYY-MM-DD`; impossible and future dates are rejected. */
export function birthDateSchema(today: () => CalendarDate = () => todayInJapan()) {
  return labelled(
    normalized(
      (v) => {
        if (typeof v !== 'string') return v;
        const parsed = parseJapaneseDate(v);
        return parsed.ok ? parsed.value.iso : normalizeFormValue(v, 'date');
      },
      z.string().superRefine((v, ctx) => {
        const parsed = parseJapaneseDate(v);
        if (!reportValidation(ctx, parsed)) return;
        const now = today();
        if (compareCalendarDates(parsed.value.date, now) > 0)
          return addFormIssue(ctx, 'FORM_DATE_FUTURE', { detail: { today: formatIsoDate(now) } });
        // Before 明治 is outside what the 和暦 conversion covers, and no living practitioner was born then.
        const first = ERAS[0]!.start;
        if (compareCalendarDates(parsed.value.date, first) < 0) {
          addFormIssue(ctx, 'FORM_DATE_OUT_OF_RANGE', {
            detail: { minimum: formatIsoDate(first), maximum: formatIsoDate(now) },
          });
        }
      }),
    ),
    {
      title: '施術管理者の生年月日',
      'x-title-en': "Managing practitioner's date of birth",
      format: 'date',
      description: '西暦(1980-02-17)でも和暦(昭和55年2月17日, S55.2.17)でも入力可。西暦 YYYY-MM-DD に変換',
    },
  );
}

/** The 受領委任承諾通知書 file: PDF/JPEG/PNG/HEIC by magic bytes, at most `maxBytes`. */
export function receiptNoticeFileSchema(maxBytes: number = RECEIPT_NOTICE_MAX_BYTES) {
  return labelled(
    z.custom<AttachmentInput>().superRefine((value, ctx): void | Promise<void> => {
      if (value === undefined || value === null || (value as unknown) === '')
        return addFormIssue(ctx, 'FORM_FILE_REQUIRED');
      if (!isAttachmentInput(value)) return addFormIssue(ctx, 'FORM_FILE_REQUIRED');
      const size = attachmentSize(value);
      if (size === 0) return addFormIssue(ctx, 'FORM_FILE_EMPTY');
      if (size > maxBytes) return addFormIssue(ctx, 'FORM_FILE_TOO_LARGE', { detail: { size, maximum: maxBytes } });
      if (value instanceof Uint8Array || value instanceof ArrayBuffer) {
        if (detectAttachmentType(attachmentHead(value)) === undefined) addFormIssue(ctx, 'FORM_FILE_TYPE');
        return;
      }
      return readBlobHead(value).then(
        (head) => {
          if (detectAttachmentType(head) === undefined) addFormIssue(ctx, 'FORM_FILE_TYPE');
        },
        () => addFormIssue(ctx, 'FORM_FILE_UNREADABLE'),
      );
    }),
    {
      title: '受領委任承諾通知書',
      'x-title-en': 'Acceptance notice (受領委任承諾通知書)',
      description: 'PDF・JPEG・PNG・HEIC、100MB まで(中身で判定)。Uint8Array / ArrayBuffer / Blob',
    },
  );
}

/**
 * Builds the usage-start application schema. A Blob attachment is read asynchronously: use
 * `safeParseAsync` / {@link validateFormAsync} (bytes also work with the synchronous calls).
 */
export function createUsageStartApplicationSchema(options: UsageStartApplicationOptions = {}) {
  const agree = labelled(agreementField(), {
    title: '資格確認限定型 利用規約に同意',
    'x-title-en': 'Agree to the 資格確認限定型 system terms',
    const: true,
  });
  const records = z.object({
    facilityConfirmationMethod: labelled(z.literal('records'), {
      title: '施設の確認方法',
      'x-title-en': 'How the facility is confirmed',
      description: FACILITY_CONFIRMATION_METHODS[0].ja,
    }),
    managerBirthDate: birthDateSchema(options.today),
    staffCount: labelled(
      normalized(
        toCount,
        z.int().superRefine((n, ctx) => {
          if (n < 1) addFormIssue(ctx, 'FORM_STAFF_COUNT');
        }),
      ),
      { title: '職員数', 'x-title-en': 'Number of staff', minimum: 1 },
    ),
    deviceCount: labelled(
      normalized(
        toCount,
        z.int().superRefine((n, ctx) => {
          if (n < 1 || n > DEVICE_COUNT_MAX)
            addFormIssue(ctx, 'FORM_DEVICE_COUNT', { detail: { minimum: 1, maximum: DEVICE_COUNT_MAX } });
        }),
      ),
      { title: '申請台数', 'x-title-en': 'Number of devices', minimum: 1, maximum: DEVICE_COUNT_MAX },
    ),
    agreeToLimitedTypeTerms: agree,
  });
  const document = z.object({
    facilityConfirmationMethod: labelled(z.literal('document'), {
      title: '施設の確認方法',
      'x-title-en': 'How the facility is confirmed',
      description: FACILITY_CONFIRMATION_METHODS[1].ja,
    }),
    receiptNotice: receiptNoticeFileSchema(options.maxFileBytes),
    agreeToLimitedTypeTerms: agree,
  });
  return z.discriminatedUnion('facilityConfirmationMethod', [records, document]);
}

/** The usage-start application with the default options (Japan's today, 100 MiB). */
export const usageStartApplicationSchema = createUsageStartApplicationSchema();

/** What a valid usage-start application gives (dates as `YYYY-MM-DD`, counts as numbers). */
export type UsageStartApplication = z.infer<typeof usageStartApplicationSchema>;
