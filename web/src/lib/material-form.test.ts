import { describe, expect, it } from 'vitest';
import { emptyMaterialForm, formToInput, parseTags, validateMaterialForm } from './material-form';

describe('material form', () => {
  it('parses comma separated tags', () => {
    expect(parseTags(' SQL, dbt ,, sql ')).toEqual(['sql', 'dbt']);
    expect(parseTags('')).toEqual([]);
  });

  it('reports schema errors per field', () => {
    const errors = validateMaterialForm({ ...emptyMaterialForm('free'), id: 'hi', title: 'Hi' }, 'published');
    expect(errors.title).toBe('Title is too short');
    expect(errors.summary).toBe('Write a teaser of at least 10 characters');
    expect(errors.id).toBeUndefined();
  });

  it('accepts a complete form', () => {
    const form = {
      ...emptyMaterialForm('free'),
      id: 'streaming-joins',
      title: 'Streaming joins',
      summary: 'Interval joins and temporal joins.',
      tags: 'kafka, Architecture',
      access: 'basic',
    };
    expect(validateMaterialForm(form, 'draft')).toEqual({});
    expect(formToInput(form, 'draft').tags).toEqual(['kafka', 'architecture']);
  });

  it('refuses a bad address', () => {
    expect(
      validateMaterialForm(
        { ...emptyMaterialForm('free'), id: 'Not OK', title: 'A title', summary: 'A long enough teaser' },
        'draft',
      ).id,
    ).toBe('Use lowercase letters, digits and dashes');
  });
});
