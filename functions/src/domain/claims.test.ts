import { describe, expect, it } from 'vitest';
import { claimsEqual, isBootstrapAdmin, mergeClaims } from './claims';

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
