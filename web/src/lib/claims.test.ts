import { describe, expect, it } from 'vitest';
import { accessClaims, needsTokenRefresh } from './claims';

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
