import { describe, expect, it } from 'vitest';
import { formJsonSchemas } from '@onshikit/portal-forms';

describe('JSON Schema export', () => {
  const schemas = formJsonSchemas();

  it('stays stable (snapshot)', async () => {
    await expect(JSON.stringify(schemas, null, 2) + '\n').toMatchFileSnapshot('./__snapshots__/forms.schema.json');
  });

  it('lists the fields with Japanese and English titles', () => {
    const user = schemas.userRegistration as {
      properties: Record<string, { title?: string; 'x-title-en'?: string }>;
      required: string[];
    };
    expect(Object.keys(user.properties)).toContain('registrationSymbolNumber');
    for (const [key, field] of Object.entries(user.properties)) {
      expect(field.title, key).toBeTruthy();
      expect(field['x-title-en'], key).toBeTruthy();
    }
    expect(user.required).not.toContain('practitionerNumber');
    const usage = schemas.usageStartApplication as { oneOf: { properties: Record<string, unknown> }[] };
    expect(usage.oneOf).toHaveLength(2);
    expect(usage.oneOf[0]!.properties.deviceCount).toMatchObject({ type: 'integer', minimum: 1, maximum: 20 });
    expect((schemas.appSettings as { properties: Record<string, unknown> }).properties.accountId).toMatchObject({
      title: 'ID',
    });
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(schemas))).toEqual(schemas);
  });
});
