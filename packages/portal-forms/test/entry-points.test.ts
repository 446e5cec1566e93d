import { describe, expect, it } from 'vitest';
import * as main from '@onshikit/portal-forms';
import * as numbers from '@onshikit/portal-forms/numbers';
import * as wareki from '@onshikit/portal-forms/wareki';

describe('entry points', () => {
  it('./wareki gives the calendar on its own', () => {
    expect(wareki.formatWareki(wareki.toWareki({ year: 2019, month: 5, day: 1 }))).toBe('令和元年5月1日');
    expect(Object.keys(wareki)).not.toContain('userRegistrationSchema');
  });

  it('./numbers gives the validators on its own', () => {
    expect(numbers.validateInsurerNumber('39131156').ok).toBe(true);
    expect(numbers.withCheckDigit('0113001')).toBe('01130012');
    expect(Object.keys(numbers)).not.toContain('formJsonSchemas');
  });

  it('PortalFormsError instanceof holds across bundle copies (brand, not identity)', () => {
    const r = numbers.validateInsurerNumber('39131157');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBeInstanceOf(main.PortalFormsError);
    expect(r.error).toBeInstanceOf(Error);
    expect(r.error).toBe(r.error); // built once, on first access
    expect(r.code).toBe(r.error.code);
    expect({}).not.toBeInstanceOf(main.PortalFormsError);
    expect(new Error('x')).not.toBeInstanceOf(main.PortalFormsError);
    // What a second bundle's copy of the class produces: an object with the same brand.
    const foreign = Object.defineProperty(new Error('copy'), Symbol.for('@onshikit/error:PortalFormsError'), {
      value: true,
    });
    expect(foreign).toBeInstanceOf(wareki.PortalFormsError);
  });
});
