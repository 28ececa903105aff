import { describe, expect, it } from 'vitest';
import { authErrorMessage, endsSession, SIGN_IN_REFUSED } from './auth-errors';

describe('authErrorMessage', () => {
  it('explains known codes and falls back to the error text', () => {
    expect(authErrorMessage({ code: 'auth/invalid-credential' })).toBe('Wrong email or password.');
    expect(authErrorMessage(Object.assign(new Error('Firebase: Boom (auth/x).'), { code: 'auth/x' }))).toBe(
      'Boom (auth/x).',
    );
    expect(authErrorMessage(null)).toBe('Something went wrong.');
  });

  it('answers a wrong password, an unknown address and a disabled account alike', () => {
    const answers = ['auth/invalid-credential', 'auth/wrong-password', 'auth/user-not-found', 'auth/user-disabled'].map(
      (code) => authErrorMessage({ code }),
    );
    expect(new Set(answers)).toEqual(new Set([SIGN_IN_REFUSED]));
    expect(SIGN_IN_REFUSED).not.toMatch(/account|exist|member|create/i);
  });
});

describe('endsSession', () => {
  it.each([
    ['auth/user-token-expired', true],
    ['auth/user-disabled', true],
    ['auth/invalid-user-token', true],
    ['auth/user-not-found', true],
    ['auth/network-request-failed', false],
    ['auth/too-many-requests', false],
    ['permission-denied', false],
    [undefined, false],
  ])('%s → %s', (code, ended) => {
    expect(endsSession(code === undefined ? new Error('x') : { code })).toBe(ended);
  });
  it('is false for nothing', () => expect(endsSession(null)).toBe(false));
});
