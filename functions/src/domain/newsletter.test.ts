import { describe, expect, it } from 'vitest';
import { DEFAULT_TIERS } from '../shared/defaults';
import {
  audienceRank,
  batchesOf,
  newsletterProblem,
  scheduleProblem,
  sectionsFor,
  unsubscribeToken,
  verifyUnsubscribeToken,
} from './newsletter';

const tiers = DEFAULT_TIERS;
const sections = [
  { access: 'public', markdown: 'Intro for all' },
  { access: 'basic', markdown: 'Basic part' },
  { access: 'premium', markdown: 'Premium part' },
];

describe('audienceRank', () => {
  it.each([
    ['everyone', 10],
    ['free', 10],
    ['basic', 20],
    ['premium', 40],
    ['public', undefined],
    ['gold', undefined],
    ['constructor', undefined],
    ['toString', undefined],
  ])('%s -> %s', (audience, rank) => {
    expect(audienceRank(tiers, audience)).toBe(rank);
  });

  it('sends "everyone" to the lowest configured tier and up, whatever its id', () => {
    const custom = { tiers: { reader: { name: 'Reader', rank: 5, benefits: [] } } };
    expect(audienceRank(custom, 'everyone')).toBe(5);
  });
});

describe('sectionsFor: the same access check as the web', () => {
  it.each([
    [10, ['open', 'locked:basic', 'locked:premium']],
    [20, ['open', 'open', 'locked:premium']],
    [30, ['open', 'open', 'locked:premium']],
    [40, ['open', 'open', 'open']],
  ])('rank %i reads %j', (rank, expected) => {
    const views = sectionsFor(sections, rank, tiers).map((v) => (v.kind === 'open' ? 'open' : `locked:${v.tier?.id}`));
    expect(views).toEqual(expected);
  });

  it('never puts a locked section’s text in the view', () => {
    expect(JSON.stringify(sectionsFor(sections, 20, tiers))).not.toContain('Premium part');
  });
});

describe('validation', () => {
  const input = { subject: 'S', preview: '', sections, audience: 'basic', materialId: null };
  it('accepts known audience and levels', () => expect(newsletterProblem(input, tiers)).toBeNull());
  it('names an unknown audience', () =>
    expect(newsletterProblem({ ...input, audience: 'gold' }, tiers)).toBe('Unknown audience "gold"'));
  it('names an unknown section level', () =>
    expect(newsletterProblem({ ...input, sections: [{ access: 'vip', markdown: 'x' }] }, tiers)).toContain('"vip"'));
  it('refuses a schedule in the past or now', () => {
    const now = new Date('2026-11-25T10:00:00Z');
    expect(scheduleProblem(new Date('2026-11-25T09:59:00Z'), now)).toBe('Choose a time in the future');
    expect(scheduleProblem(now, now)).toBe('Choose a time in the future');
    expect(scheduleProblem(new Date('2026-11-25T10:01:00Z'), now)).toBeNull();
    expect(scheduleProblem(null, now)).toBeNull();
  });
});

describe('batchesOf', () => {
  it('cuts in order with a short last batch', () => {
    expect(batchesOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(batchesOf([], 3)).toEqual([]);
  });
});

describe('unsubscribe tokens', () => {
  const secrets = '2:test-secret,1:old-secret';
  it('verifies its own token and nothing else', () => {
    const t = unsubscribeToken('u1', secrets);
    expect(t).toMatch(/^v2\./);
    expect(verifyUnsubscribeToken('u1', t, secrets)).toBe(true);
    expect(verifyUnsubscribeToken('u2', t, secrets)).toBe(false);
    expect(verifyUnsubscribeToken('u1', t, '2:other-secret')).toBe(false);
    expect(verifyUnsubscribeToken('u1', t.slice(1), secrets)).toBe(false);
    expect(verifyUnsubscribeToken('u1', undefined, secrets)).toBe(false);
    expect(verifyUnsubscribeToken(['u1'], t, secrets)).toBe(false);
    expect(verifyUnsubscribeToken('', t, secrets)).toBe(false);
    expect(verifyUnsubscribeToken('u'.repeat(129), unsubscribeToken('u'.repeat(129), secrets), secrets)).toBe(false);
    expect(verifyUnsubscribeToken('u1', 'ünïcode', secrets)).toBe(false);
  });

  it('keeps links of an older version working while that version is listed', () => {
    const old = unsubscribeToken('u1', '1:old-secret');
    expect(verifyUnsubscribeToken('u1', old, secrets)).toBe(true);
    expect(verifyUnsubscribeToken('u1', old, '2:test-secret')).toBe(false);
  });
});
