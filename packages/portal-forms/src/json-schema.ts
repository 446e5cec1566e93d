/**
 * JSON Schema of each form (z.toJSONSchema, draft 2020-12) so UIs not written in TypeScript can
 * reuse the field list, labels (`title` ja, `x-title-en`) and the representable rules. The schema
 * describes the normalised value of each field; the domain checks (check digits, dates, phone
 * prefixes, file contents) run only in the zod schemas. A snapshot test keeps the output stable.
 * @module
 */
import { z } from 'zod';
import { formFieldRegistry } from './schemas/field.js';
import { appSettingsSchema } from './schemas/app-settings.js';
import { usageStartApplicationSchema } from './schemas/usage-start-application.js';
import { userRegistrationSchema } from './schemas/user-registration.js';

/** A JSON Schema document. */
export type FormJsonSchema = z.core.JSONSchema.BaseSchema;

/** The JSON Schema of one form schema, with this package's field labels. */
export function formJsonSchema(schema: z.ZodType): FormJsonSchema {
  return z.toJSONSchema(schema, {
    metadata: formFieldRegistry,
    unrepresentable: 'any',
    io: 'input',
    target: 'draft-2020-12',
  });
}

/** JSON Schemas of the three forms. */
export function formJsonSchemas(): {
  userRegistration: FormJsonSchema;
  usageStartApplication: FormJsonSchema;
  appSettings: FormJsonSchema;
} {
  return {
    userRegistration: formJsonSchema(userRegistrationSchema),
    usageStartApplication: formJsonSchema(usageStartApplicationSchema),
    appSettings: formJsonSchema(appSettingsSchema),
  };
}
