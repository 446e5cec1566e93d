import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  createUsageStartApplicationSchema,
  usageStartApplicationSchema,
  validateForm,
  validateFormAsync,
  type AttachmentInput,
  type UsageStartApplication,
} from '@onshikit/portal-forms';
import { codes } from './support/forms.js';
import { LazyBlob, PDF, PNG } from './support/files.js';

const schema = createUsageStartApplicationSchema({ today: () => ({ year: 2026, month: 11, day: 26 }) });
const records = {
  facilityConfirmationMethod: 'records',
  managerBirthDate: '昭和55年2月17日',
  staffCount: '３',
  deviceCount: '2',
  agreeToLimitedTypeTerms: true,
};
const check = (patch: Record<string, unknown>) => validateForm(schema, { ...records, ...patch });

describe('usage-start application (利用開始申請), 照合', () => {
  it('converts 和暦 to a Western date and counts to numbers', () => {
    const r = validateForm(schema, records);
    expect(r.success).toBe(true);
    if (!r.success) return;
    const data: UsageStartApplication = r.data;
    expect(data).toEqual({
      facilityConfirmationMethod: 'records',
      managerBirthDate: '1980-02-17',
      staffCount: 3,
      deviceCount: 2,
      agreeToLimitedTypeTerms: true,
    });
  });

  it('accepts 和暦 and 西暦 in the forms people type', () => {
    for (const [typed, iso] of [
      ['S55.2.17', '1980-02-17'],
      ['令和元年5月1日', '2019-05-01'],
      ['Ｈ２．３．４', '1990-03-04'],
      ['1980/2/17', '1980-02-17'],
    ] as const) {
      const r = check({ managerBirthDate: typed });
      expect(r.success && r.data.facilityConfirmationMethod === 'records' && r.data.managerBirthDate, typed).toBe(iso);
    }
  });

  it('rejects impossible, out-of-era, unreadable and future dates', () => {
    expect(codes(check({ managerBirthDate: '昭和55年2月30日' }))).toEqual(['managerBirthDate: FORM_DATE_IMPOSSIBLE']);
    expect(codes(check({ managerBirthDate: '昭和64年1月8日' }))).toEqual(['managerBirthDate: FORM_DATE_ERA_RANGE']);
    expect(codes(check({ managerBirthDate: 'きのう' }))).toEqual(['managerBirthDate: FORM_DATE_FORMAT']);
    expect(codes(check({ managerBirthDate: '2026-11-27' }))).toEqual(['managerBirthDate: FORM_DATE_FUTURE']);
    expect(codes(check({ managerBirthDate: '令和8年11月26日' }))).toEqual([]);
    expect(codes(check({ managerBirthDate: '' }))).toEqual(['managerBirthDate: FORM_REQUIRED']);
    expect(codes(check({ managerBirthDate: '1868-01-24' }))).toEqual(['managerBirthDate: FORM_DATE_OUT_OF_RANGE']);
    expect(codes(check({ managerBirthDate: '1868-01-25' }))).toEqual([]);
  });

  it('uses Japan’s today by default', () => {
    const r = validateForm(usageStartApplicationSchema, { ...records, managerBirthDate: '9999-12-31' });
    expect(codes(r)).toEqual(['managerBirthDate: FORM_DATE_FUTURE']);
  });

  it('needs a positive whole number of staff', () => {
    expect(codes(check({ staffCount: '0' }))).toEqual(['staffCount: FORM_STAFF_COUNT']);
    expect(codes(check({ staffCount: '-1' }))).toEqual(['staffCount: FORM_INTEGER']);
    expect(codes(check({ staffCount: '1.5' }))).toEqual(['staffCount: FORM_INTEGER']);
    expect(codes(check({ staffCount: 1.5 }))).toEqual(['staffCount: FORM_INTEGER']);
    expect(codes(check({ staffCount: '三' }))).toEqual(['staffCount: FORM_INTEGER']);
    expect(codes(check({ staffCount: '' }))).toEqual(['staffCount: FORM_REQUIRED']);
    expect(codes(check({ staffCount: 120 }))).toEqual([]);
  });

  it('allows 1 to 20 devices', () => {
    expect(codes(check({ deviceCount: '1' }))).toEqual([]);
    expect(codes(check({ deviceCount: '２０' }))).toEqual([]);
    expect(codes(check({ deviceCount: '21' }))).toEqual(['deviceCount: FORM_DEVICE_COUNT']);
    expect(codes(check({ deviceCount: 0 }))).toEqual(['deviceCount: FORM_DEVICE_COUNT']);
  });

  it('requires the 資格確認限定型 terms', () => {
    expect(codes(check({ agreeToLimitedTypeTerms: false }))).toEqual([
      'agreeToLimitedTypeTerms: FORM_AGREEMENT_REQUIRED',
    ]);
  });
});

describe('usage-start application, 書類添付', () => {
  const doc = { facilityConfirmationMethod: 'document', agreeToLimitedTypeTerms: true };

  it('accepts the notice as bytes or as a Blob', async () => {
    expect(validateForm(schema, { ...doc, receiptNotice: PNG }).success).toBe(true);
    const r = await validateFormAsync(schema, { ...doc, receiptNotice: new LazyBlob(3_000_000, PDF) });
    expect(r.success).toBe(true);
  });

  it('rejects a missing, oversized or non-document file', async () => {
    expect(codes(validateForm(schema, doc))).toEqual(['receiptNotice: FORM_FILE_REQUIRED']);
    expect(
      codes(await validateFormAsync(schema, { ...doc, receiptNotice: new LazyBlob(100 * 1024 * 1024 + 1, PDF) })),
    ).toEqual(['receiptNotice: FORM_FILE_TOO_LARGE']);
    expect(
      codes(
        await validateFormAsync(schema, {
          ...doc,
          receiptNotice: new LazyBlob(10, new TextEncoder().encode('MZ'), 'notice.pdf'),
        }),
      ),
    ).toEqual(['receiptNotice: FORM_FILE_TYPE']);
  });

  it('does not ask for the 照合 fields', () => {
    expect(validateForm(schema, { ...doc, receiptNotice: PDF, managerBirthDate: 'nonsense' }).success).toBe(true);
  });
});

describe('types', () => {
  it('z.infer gives a discriminated union with numbers and ISO dates', () => {
    type Records = Extract<UsageStartApplication, { facilityConfirmationMethod: 'records' }>;
    type Documents = Extract<UsageStartApplication, { facilityConfirmationMethod: 'document' }>;
    expectTypeOf<Records['staffCount']>().toEqualTypeOf<number>();
    expectTypeOf<Records['managerBirthDate']>().toEqualTypeOf<string>();
    expectTypeOf<Documents['receiptNotice']>().toEqualTypeOf<AttachmentInput>();
    expectTypeOf<UsageStartApplication['agreeToLimitedTypeTerms']>().toEqualTypeOf<boolean>();
  });
});

describe('施設の確認方法', () => {
  it('must be chosen', () => {
    expect(codes(validateForm(schema, { agreeToLimitedTypeTerms: true }))).toEqual([
      'facilityConfirmationMethod: FORM_CHOICE_REQUIRED',
    ]);
    expect(codes(validateForm(schema, { facilityConfirmationMethod: 'fax' }))).toEqual([
      'facilityConfirmationMethod: FORM_CHOICE_REQUIRED',
    ]);
  });
});
