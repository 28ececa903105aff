import { describe, expect, it } from 'vitest';
import { claimsEqual, isBootstrapAdmin, isDowngrade, isStaleClaims, mergeClaims, tokensValidAfter } from './claims';

describe('mergeClaims', () => {
  it('keeps admin and foreign claims while changing the tier', () => {
    expect(mergeClaims({ admin: true, org: 'x', tier: 'free', rank: 10 }, { tier: 'main', rank: 30 })).toEqual({
      admin: true,
      org: 'x',
      tier: 'main',
      rank: 30,
    });
  });

  it('sets or removes admin only when asked', () => {
    expect(mergeClaims(undefined, { tier: 'free', rank: 10, admin: true })).toEqual({
      tier: 'free',
      rank: 10,
      admin: true,
    });
    expect(mergeClaims({ admin: true }, { tier: 'free', rank: 10, admin: false })).toEqual({ tier: 'free', rank: 10 });
  });

  it('compares claims by value', () => {
    expect(claimsEqual({ tier: 'free', rank: 10 }, { rank: 10, tier: 'free' })).toBe(true);
    expect(claimsEqual(undefined, { tier: 'free', rank: 10 })).toBe(false);
    expect(claimsEqual({ tier: 'free', rank: 10, admin: true }, { tier: 'free', rank: 10 })).toBe(false);
  });
});

describe('isBootstrapAdmin', () => {
  it('matches ADMIN_EMAILS ignoring case and spaces', () => {
    expect(isBootstrapAdmin('Ada@Example.com', ' bob@example.com , ada@example.com')).toBe(true);
    expect(isBootstrapAdmin('eve@example.com', 'ada@example.com')).toBe(false);
    expect(isBootstrapAdmin(undefined, 'ada@example.com')).toBe(false);
    expect(isBootstrapAdmin('ada@example.com', '')).toBe(false);
  });
});

describe('isDowngrade', () => {
  it.each([
    ['a lower rank', { tier: 'main', rank: 30 }, { tier: 'basic', rank: 20 }, true],
    ['the admin claim removed', { tier: 'free', rank: 10, admin: true }, { tier: 'free', rank: 10 }, true],
    ['a higher rank', { tier: 'basic', rank: 20 }, { tier: 'main', rank: 30 }, false],
    ['the admin claim added', { tier: 'free', rank: 10 }, { tier: 'free', rank: 10, admin: true }, false],
    ['the same claims', { tier: 'free', rank: 10 }, { tier: 'free', rank: 10 }, false],
    ['first claims of a new account', undefined, { tier: 'free', rank: 10 }, false],
    ['a rank that was not a number', { rank: 'x' }, { tier: 'free', rank: 10 }, false],
  ])('%s: %s', (_what, before, after, expected) => {
    expect(isDowngrade(before, after)).toBe(expected);
  });
});

describe('tokensValidAfter', () => {
  it('is the second of the change, so a token minted in that same second counts as old', () => {
    expect(tokensValidAfter(new Date(1_700_000_000_999))).toBe(1_700_000_000);
    expect(tokensValidAfter(new Date(1_700_000_001_000))).toBe(1_700_000_001);
  });
});

describe('isStaleClaims', () => {
  const member = { tokensValidAfter: 1000, rank: 10, admin: false };
  it.each([
    ['an old token claiming a rank the member lost', { iat: 999, rank: 30 }, member, true],
    ['an old token from the very second of the downgrade', { iat: 1000, rank: 30 }, member, true],
    ['an old admin token after the admin claim went', { iat: 999, rank: 10, admin: true }, member, true],
    ['an old token claiming no more than the member holds', { iat: 999, rank: 10 }, member, false],
    ['a token issued after the downgrade', { iat: 1001, rank: 30 }, member, false],
    ['a member never downgraded', { iat: 0, rank: 40 }, { rank: 10 }, false],
    ['no member document', { iat: 0, rank: 40 }, undefined, false],
  ])('%s: %s', (_what, token, doc, expected) => {
    expect(isStaleClaims(token, doc)).toBe(expected);
  });
});
