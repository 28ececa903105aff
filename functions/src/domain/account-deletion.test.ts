import { describe, expect, it } from 'vitest';
import {
  addressHash,
  adminDeletionProblem,
  deletionMailKey,
  registrationOnDeletion,
  seatAfterDeletion,
  stepsLeft,
  subscriptionsToCancel,
} from './account-deletion';
import { confirmsAddress } from '../shared/account-deletion';

describe('stepsLeft', () => {
  it.each([
    [{}, ['signOut', 'subscriptions', 'seat', 'auth', 'documents', 'mail']],
    [{ signOut: 1, subscriptions: 2 }, ['seat', 'auth', 'documents', 'mail']],
    [{ signOut: 1, subscriptions: 2, seat: 3, auth: 4, documents: 5 }, ['mail']],
    [{ signOut: 1, subscriptions: 2, seat: 3, auth: 4, documents: 5, mail: 6 }, []],
    [{ signOut: 1, seat: null }, ['subscriptions', 'seat', 'auth', 'documents', 'mail']],
  ])('%j leaves %j', (done, left) => {
    expect(stepsLeft(done)).toEqual(left);
  });
});

describe('seatAfterDeletion', () => {
  it.each([
    [null, null],
    ['invited', 'to-deactivate'],
    ['active', 'to-deactivate'],
    ['to-deactivate', 'to-deactivate'],
    ['to-reactivate', 'deactivated'],
    ['deactivated', 'deactivated'],
  ] as const)('%s becomes %s', (current, next) => {
    expect(seatAfterDeletion(current)).toBe(next);
  });
});

describe('subscriptionsToCancel', () => {
  it('keeps every status that may still bill', () => {
    const subs = ['active', 'trialing', 'past_due', 'unpaid', 'incomplete', 'canceled', 'incomplete_expired'].map(
      (status, i) => ({ id: `sub_${i}`, status }),
    );
    expect(subscriptionsToCancel(subs).map((s) => s.status)).toEqual([
      'active',
      'trialing',
      'past_due',
      'unpaid',
      'incomplete',
    ]);
  });
});

describe('registrationOnDeletion', () => {
  it.each([
    [{ status: 'published', ended: false }, 'withdraw'],
    [{ status: 'draft', ended: false }, 'withdraw'],
    [{ status: 'published', ended: true }, 'anonymise'],
    [{ status: 'cancelled', ended: false }, 'anonymise'],
  ])('%j: %s', (event, action) => {
    expect(registrationOnDeletion(event)).toBe(action);
  });
});

describe('confirmation and guards', () => {
  it.each([
    ['ann@example.com', 'ann@example.com', true],
    [' Ann@Example.com ', 'ann@example.com', true],
    ['ann@example.co', 'ann@example.com', false],
    ['', 'ann@example.com', false],
    ['ann@example.com', undefined, false],
  ])('typed %j for %j confirms: %s', (typed, email, ok) => {
    expect(confirmsAddress(typed, email)).toBe(ok);
  });

  it('an admin cannot delete themself from the members list', () => {
    expect(adminDeletionProblem('a', 'a')).toMatch(/account page/);
    expect(adminDeletionProblem('a', 'b')).toBeNull();
  });

  it('hashes addresses as addresses compare, and keys one mail per account', () => {
    expect(addressHash(' Ann@Example.com')).toBe(addressHash('ann@example.com'));
    expect(addressHash('ann@example.com')).toMatch(/^[0-9a-f]{64}$/);
    expect(addressHash('ann@example.com')).not.toBe(addressHash('bob@example.com'));
    expect(deletionMailKey('u1')).toBe('u1_account-deleted');
  });
});
