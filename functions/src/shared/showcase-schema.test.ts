import { describe, expect, it } from 'vitest';
import { moderateShowcaseSchema, submitShowcaseSchema } from './showcase-schema';

const ok = {
  id: null,
  title: 'Pipeline doctor',
  summary: 'Finds the slow steps of a dbt project and says why.',
  repoUrl: 'https://github.com/ada/pipeline-doctor',
  demoUrl: '',
  images: [],
  access: 'public',
};
const problem = (data: unknown) => {
  const r = submitShowcaseSchema.safeParse(data);
  return r.success ? null : r.error.issues.map((i) => i.path.join('.')).join(',');
};

describe('submitShowcaseSchema', () => {
  it.each([
    ['an http repository', { ...ok, repoUrl: 'http://github.com/a/b' }, 'repoUrl'],
    ['a javascript: demo', { ...ok, demoUrl: 'javascript:alert(1)' }, 'demoUrl'],
    ['a relative image', { ...ok, images: ['/a.png'] }, 'images.0'],
    ['five images', { ...ok, images: Array(5).fill('https://i.example.com/a.png') }, 'images'],
    ['a long URL', { ...ok, repoUrl: `https://e.com/${'a'.repeat(500)}` }, 'repoUrl'],
    ['a short summary', { ...ok, summary: 'short' }, 'summary'],
    ['an id with a slash', { ...ok, id: 'a/b' }, 'id'],
    ['an unknown key', { ...ok, status: 'approved' }, ''],
    ['no access', { ...ok, access: '' }, 'access'],
  ])('refuses %s', (_what, data, field) => {
    expect(problem(data)).toBe(field);
  });

  it('accepts a valid submission and normalises URLs', () => {
    const r = submitShowcaseSchema.parse({ ...ok, demoUrl: ' https://Demo.example.com ' });
    expect(r.demoUrl).toBe('https://demo.example.com/');
  });
});

describe('moderateShowcaseSchema', () => {
  it('a rejection needs a reason, an approval does not', () => {
    expect(moderateShowcaseSchema.safeParse({ id: 'p', decision: 'reject', reason: ' ' }).success).toBe(false);
    expect(moderateShowcaseSchema.safeParse({ id: 'p', decision: 'approve', reason: '' }).success).toBe(true);
  });
});
