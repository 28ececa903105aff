import { describe, expect, it } from 'vitest';
import { DEFAULT_TIERS } from '@shared/defaults';
import { emptyShowcaseForm, showcaseLevel, showcaseRequest, submitAccess, validateShowcaseForm } from './showcase';

describe('showcaseLevel', () => {
  it('the stored level, else the seed default', () => {
    expect(showcaseLevel('basic')).toBe('basic');
    expect(showcaseLevel(null)).toBe('main');
  });
});

describe('submitAccess', () => {
  it.each([
    ['a visitor', false, null, 'main', 'sign-in'],
    ['a basic member', true, { tier: 'basic', rank: 20 }, 'main', 'upgrade'],
    ['a main member', true, { tier: 'main', rank: 30 }, 'main', 'submit'],
    ['a premium member', true, { tier: 'premium', rank: 40 }, 'main', 'submit'],
    ['a basic member when basic submits', true, { tier: 'basic', rank: 20 }, 'basic', 'submit'],
    ['a free admin', true, { tier: 'free', rank: 10, admin: true }, 'main', 'submit'],
    ['anyone, for a level that is no plan', true, { tier: 'premium', rank: 40 }, 'nope', 'upgrade'],
  ] as const)('%s', (_who, signedIn, claims, level, kind) => {
    expect(submitAccess(signedIn, claims, DEFAULT_TIERS, level).kind).toBe(kind);
  });

  it('names the plan to upgrade to', () => {
    expect(submitAccess(true, { tier: 'basic', rank: 20 }, DEFAULT_TIERS, 'main')).toEqual({
      kind: 'upgrade',
      plan: 'main',
    });
  });
});

describe('the submit form', () => {
  const form = {
    ...emptyShowcaseForm(),
    title: 'Pipeline doctor',
    summary: 'Finds the slow steps of a dbt project.',
    repoUrl: 'https://github.com/ada/doctor',
    images: ' https://img.example.com/a.png \n\n',
  };

  it('images one a line, blanks dropped', () => {
    expect(showcaseRequest(form, null).images).toEqual(['https://img.example.com/a.png']);
  });

  it('is valid, and names each wrong field with the callable’s schema', () => {
    expect(validateShowcaseForm(form, null)).toEqual({});
    const errors = validateShowcaseForm({ ...form, repoUrl: 'http://x.com/a', images: 'ftp://a' }, null);
    expect(Object.keys(errors).sort()).toEqual(['images', 'repoUrl']);
  });
});
