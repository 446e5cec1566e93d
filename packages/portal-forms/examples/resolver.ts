import type { z } from 'zod';
import { toFieldErrors, validateFormAsync } from '@onshikit/portal-forms';

/** A react-hook-form style resolver: `useForm({ resolver: portalFormsResolver(userRegistrationSchema) })`. */
export function portalFormsResolver<S extends z.ZodType>(schema: S, language: 'ja' | 'en' = 'ja') {
  return async (
    values: unknown,
  ): Promise<{
    values: z.output<S> | Record<string, never>;
    errors: Record<string, { type: string; message: string }>;
  }> => {
    const result = await validateFormAsync(schema, values);
    if (result.success) return { values: result.data, errors: {} };
    // react-hook-form wants { field: { type, message } }; nested paths are dotted ("a.b").
    return { values: {}, errors: toFieldErrors(result.errors, language) };
  };
}
