import { describe, expect, it } from 'vitest';
import { snapshot, withoutStale } from './form-state';

describe('withoutStale', () => {
  const before = snapshot({ title: '', tags: 'a', sections: [{ markdown: '' }], files: [] });

  it('drops the errors of the fields that changed and keeps the others', () => {
    const errors = { title: 'Give it a title', tags: 'Too many tags', 'sections.0.markdown': 'Write something' };
    const after = snapshot({ title: 'Hello', tags: 'a', sections: [{ markdown: '' }], files: [] });
    expect(withoutStale(errors, before, after)).toEqual({
      tags: 'Too many tags',
      'sections.0.markdown': 'Write something',
    });
    const edited = snapshot({ title: '', tags: 'a', sections: [{ markdown: 'Hi' }], files: [] });
    expect(withoutStale(errors, before, edited)).toEqual({ title: 'Give it a title', tags: 'Too many tags' });
  });

  it('keeps the same object when nothing changed or nothing is wrong', () => {
    const errors = { title: 'Give it a title' };
    expect(withoutStale(errors, before, before)).toBe(errors);
    const other = snapshot({ title: '', tags: 'b', sections: [{ markdown: '' }], files: [] });
    expect(withoutStale(errors, before, other)).toBe(errors);
    const none = {};
    expect(withoutStale(none, before, other)).toBe(none);
  });

  it('a form-level error (no field) stays', () => {
    const after = snapshot({ title: 'x', tags: 'a', sections: [{ markdown: '' }], files: [] });
    expect(withoutStale({ form: 'Could not save' }, before, after)).toEqual({ form: 'Could not save' });
  });
});
