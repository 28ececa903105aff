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

describe('a link', () => {
  const link = {
    ...emptyMaterialForm('public'),
    id: 'a-good-read',
    kind: 'link' as const,
    title: 'A good read',
    summary: 'Why it is worth reading, briefly.',
  };

  it('needs an https URL and a source', () => {
    expect(Object.keys(validateMaterialForm(link, 'published')).sort()).toEqual(['source', 'url']);
    expect(validateMaterialForm({ ...link, url: 'http://x.example.com', source: 'X' }, 'published')).toHaveProperty(
      'url',
    );
    expect(validateMaterialForm({ ...link, url: 'https://x.example.com', source: 'X' }, 'published')).toEqual({});
  });

  it('other kinds carry no URL or source', () => {
    const input = formToInput({ ...link, kind: 'article', url: 'https://x.example.com', source: 'X' }, 'draft');
    expect(input).not.toHaveProperty('url');
    expect(input).not.toHaveProperty('source');
  });
});
