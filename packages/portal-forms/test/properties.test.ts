import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  appSettingsSchema,
  insuredBranchNumberSchema,
  insuredCardNumberSchema,
  insuredCardSymbolSchema,
  insurerNumberSchema,
  isPortalFormsErrorCode,
  passwordSchema,
  phoneNumberSchema,
  publicExpensePayerNumberSchema,
  publicExpenseRecipientNumberSchema,
  registrationSymbolNumberSchema,
  toFormErrors,
  usageStartApplicationSchema,
  userRegistrationSchema,
  validateForm,
  validateFormAsync,
  validateInsurerNumber,
  validatePhoneNumber,
  validatePublicExpensePayerNumber,
  validatePublicExpenseRecipientNumber,
  validateRegistrationSymbolNumber,
  withCheckDigit,
} from '@onshikit/portal-forms';
import { typedRegistration } from './support/forms.js';

const anyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.stringMatching(/^[0-9０-９\-ー 協契SHR年月日.]{0,16}$/),
);

const FIELD_SCHEMAS: [string, z.ZodType][] = [
  ['insurer', insurerNumberSchema],
  ['payer', publicExpensePayerNumberSchema],
  ['recipient', publicExpenseRecipientNumberSchema],
  ['symbol', insuredCardSymbolSchema],
  ['number', insuredCardNumberSchema],
  ['branch', insuredBranchNumberSchema],
  ['phone', phoneNumberSchema],
  ['registration', registrationSymbolNumberSchema],
  ['password', passwordSchema],
];

describe('no input makes a schema throw: only issues', () => {
  it('any string in any field schema', () => {
    for (const [name, schema] of FIELD_SCHEMAS) {
      fc.assert(
        fc.property(anyString, (s) => {
          const r = schema.safeParse(s);
          if (!r.success)
            for (const e of toFormErrors(r.error.issues)) expect(e.message.ja && e.message.en, name).toBeTruthy();
        }),
        { numRuns: 300 },
      );
    }
  });

  it('any string in any field of the forms', () => {
    const userFields = Object.keys(typedRegistration);
    fc.assert(
      fc.property(fc.constantFrom(...userFields), anyString, (field, s) => {
        const r = validateForm(userRegistrationSchema, { ...typedRegistration, [field]: s });
        if (!r.success)
          for (const e of r.errors) expect(e.path === '' || userFields.includes(e.path.split('.')[0]!)).toBe(true);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(
        fc.constantFrom('institutionCode', 'institutionName', 'accountId', 'password', 'passcode', 'activationCode'),
        anyString,
        (field, s) => {
          validateForm(appSettingsSchema, { [field]: s });
        },
      ),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(
        fc.constantFrom(
          'facilityConfirmationMethod',
          'managerBirthDate',
          'staffCount',
          'deviceCount',
          'agreeToLimitedTypeTerms',
        ),
        anyString,
        (field, s) => {
          validateForm(usageStartApplicationSchema, { facilityConfirmationMethod: 'records', [field]: s });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('any value at all as a whole form', async () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        for (const schema of [userRegistrationSchema, appSettingsSchema, usageStartApplicationSchema]) {
          const r = validateForm(schema, v);
          if (!r.success) for (const e of r.errors) expect(typeof e.code).toBe('string');
        }
      }),
      { numRuns: 300 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({ facilityConfirmationMethod: fc.constant('document'), receiptNotice: fc.anything() }),
        async (v) => {
          await validateFormAsync(usageStartApplicationSchema, v);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the plain validators return typed failures for any string', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        for (const r of [
          validateInsurerNumber(s),
          validatePublicExpensePayerNumber(s),
          validatePublicExpenseRecipientNumber(s),
          validatePhoneNumber(s),
          validateRegistrationSymbolNumber(s),
        ]) {
          if (!r.ok) expect(isPortalFormsErrorCode(r.error.code)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('schemas and validators agree', () => {
  it('insurer numbers built with the generator pass both; a changed check digit fails both at the same position', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('01', '06', '31', '39', '67'),
        fc.integer({ min: 1, max: 47 }),
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 1, max: 9 }),
        (hb, pref, serial, delta) => {
          const number = withCheckDigit(hb + String(pref).padStart(2, '0') + String(serial).padStart(3, '0'));
          expect(validateInsurerNumber(number).ok).toBe(true);
          expect(insurerNumberSchema.safeParse(number).success).toBe(true);
          const wrong = number.slice(0, 7) + String((Number(number[7]) + delta) % 10);
          const r = validateForm(insurerNumberSchema, wrong);
          expect(r.success ? undefined : r.errors[0]).toMatchObject({ code: 'FORM_CHECK_DIGIT', position: 7 });
        },
      ),
      { numRuns: 500 },
    );
  });
});
