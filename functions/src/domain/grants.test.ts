import { describe, expect, it } from 'vitest';
import { DEFAULT_TIERS } from '../shared/defaults';
import { grantRequestSchema } from '../shared/grant-schema';
import { TEST_NOW as now } from '../testing/factories';
import { validateGrant } from './grants';

const parse = (v: unknown) => grantRequestSchema.parse(v);

describe('grant requests', () => {
  it('accepts an email or a uid, a tier and an optional end date', () => {
    expect(parse({ email: ' Ada@Example.com ', tier: 'main' })).toEqual({
      email: 'ada@example.com',
      tier: 'main',
      endsAt: null,
      note: '',
    });
    expect(
      validateGrant(parse({ uid: 'u1', tier: 'main', endsAt: '2027-01-31' }), DEFAULT_TIERS, now).endsAt?.toISOString(),
    ).toBe('2027-01-31T23:59:59.999Z');
  });

  it.each([
    [{ tier: 'main' }],
    [{ email: 'a@b.co', uid: 'u', tier: 'main' }],
    [{ email: 'nope', tier: 'main' }],
    [{ email: 'a@b.co', tier: 'main', endsAt: 'soon' }],
    [{ email: 'a@b.co', tier: 'main', admin: true }],
    [{ uid: 'a/b', tier: 'main' }],
    [{ uid: 'u', tier: '__proto__' }],
    [{ email: `${'a'.repeat(250)}@b.co`, tier: 'main' }],
  ])('rejects %j', (input) => {
    expect(grantRequestSchema.safeParse(input).success).toBe(false);
  });

  it('rejects unknown tiers and past end dates with readable messages', () => {
    expect(() => validateGrant(parse({ uid: 'u', tier: 'gold' }), DEFAULT_TIERS, now)).toThrow(/Unknown tier "gold"/);
    for (const tier of ['constructor', 'toString', 'hasOwnProperty']) {
      expect(() => validateGrant(parse({ uid: 'u', tier }), DEFAULT_TIERS, now)).toThrow(/Unknown tier/);
    }
    expect(() => validateGrant(parse({ uid: 'u', tier: 'main', endsAt: '2026-11-01' }), DEFAULT_TIERS, now)).toThrow(
      /future/,
    );
  });
});
