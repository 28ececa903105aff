import { describe, expect, it } from 'vitest';
import { authErrorMessage } from './auth-errors';

describe('authErrorMessage', () => {
  it('explains known codes and falls back to the error text', () => {
    expect(authErrorMessage({ code: 'auth/invalid-credential' })).toBe('Wrong email or password.');
    expect(authErrorMessage(Object.assign(new Error('Firebase: Boom (auth/x).'), { code: 'auth/x' }))).toBe(
      'Boom (auth/x).',
    );
    expect(authErrorMessage(null)).toBe('Something went wrong.');
  });
});
