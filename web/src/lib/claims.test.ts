import { describe, expect, it } from 'vitest';
import { accessClaims, isTokenCurrent, msUntilCurrent, needsTokenRefresh } from './claims';

describe('accessClaims', () => {
  it('keeps tier, rank and admin only', () => {
    expect(accessClaims({ tier: 'main', rank: 30, admin: true, iss: 'x', aud: 'y' })).toEqual({
      tier: 'main',
      rank: 30,
      admin: true,
    });
    expect(accessClaims({ iss: 'x' })).toEqual({});
  });
});

describe('needsTokenRefresh', () => {
  const issued = Date.parse('2026-11-24T10:00:00Z');
  it('refreshes on the first snapshot only when the claims changed after the token was issued', () => {
    expect(needsTokenRefresh(undefined, issued - 60_000, issued)).toBe(false);
    expect(needsTokenRefresh(undefined, issued + 400, issued)).toBe(true);
    expect(needsTokenRefresh(undefined, undefined, issued)).toBe(false);
  });
  it('refreshes whenever the stamp moves afterwards', () => {
    expect(needsTokenRefresh(issued - 60_000, issued - 60_000, issued)).toBe(false);
    expect(needsTokenRefresh(issued - 60_000, issued - 30_000, issued)).toBe(true);
  });
});

describe('isTokenCurrent', () => {
  const stamp = 1_700_000_000;
  it('accepts only tokens issued in a later second than the downgrade', () => {
    expect(isTokenCurrent((stamp - 1) * 1000, stamp)).toBe(false);
    expect(isTokenCurrent(stamp * 1000 + 999, stamp)).toBe(false);
    expect(isTokenCurrent((stamp + 1) * 1000, stamp)).toBe(true);
  });

  it('accepts any token when the member was never downgraded', () => {
    expect(isTokenCurrent(0, undefined)).toBe(true);
    expect(isTokenCurrent(0, 'not a number')).toBe(true);
  });

  it('waits until the second after the stamp', () => {
    expect(msUntilCurrent(stamp, stamp * 1000 + 300)).toBe(700);
    expect(msUntilCurrent(stamp, (stamp + 2) * 1000)).toBe(0);
  });
});
