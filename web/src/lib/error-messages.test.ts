import { describe, expect, it } from 'vitest';
import { errorMessage, GENERIC_MESSAGE, isNetworkError, NETWORK_MESSAGE } from './error-messages';

const err = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('errorMessage', () => {
  it.each([
    // A callable's refusal is our own sentence: kept, without the SDK's prefix and HTTP status.
    ['a refusal', err('functions/invalid-argument', 'title: Give it a title [400]'), 'title: Give it a title'],
    [
      'a precondition',
      err('functions/failed-precondition', 'Firebase: Verify your email first.'),
      'Verify your email first.',
    ],
    // What the SDK made itself: told by code, never its text.
    ['a callable internal', err('functions/internal', 'internal'), GENERIC_MESSAGE],
    [
      'a bare code as text',
      err('functions/not-found', 'not-found'),
      'This no longer exists. It may have been deleted.',
    ],
    [
      'a callable timeout',
      err('functions/deadline-exceeded', 'deadline-exceeded'),
      'This took too long. Check your connection and try again.',
    ],
    [
      'an expired session',
      err('functions/unauthenticated', 'unauthenticated'),
      'Your session has ended. Sign in again, then try again.',
    ],
    ['Firestore offline', err('unavailable', 'Failed to get document because the client is offline.'), NETWORK_MESSAGE],
    [
      'a missing index',
      err('failed-precondition', 'The query requires an index. You can create it here: https://console.firebase…'),
      GENERIC_MESSAGE,
    ],
    [
      'Firestore refused',
      err('permission-denied', 'Missing or insufficient permissions.'),
      'You do not have access to this. Sign in with an account that has, or ask an admin.',
    ],
    [
      'Storage refused',
      err('storage/unauthorized', 'Firebase Storage: User does not have permission'),
      'You do not have access to this file.',
    ],
    ['an unknown SDK code', err('firestore/data-loss', 'Raw SDK words'), GENERIC_MESSAGE],
    // Auth has its own sentences (auth-errors.ts).
    ['Auth', err('auth/invalid-credential', 'Firebase: Error (auth/invalid-credential).'), 'Wrong email or password.'],
    [
      'Auth offline',
      err('auth/network-request-failed', 'Firebase: Error (auth/network-request-failed).'),
      NETWORK_MESSAGE,
    ],
    // Our own errors and strings.
    ['our own Error', new Error('Choose a file under 50 MB.'), 'Choose a file under 50 MB.'],
    ['a string', 'Upload failed: the file is empty.', 'Upload failed: the file is empty.'],
    ['a fetch that never answered', new TypeError('Failed to fetch'), NETWORK_MESSAGE],
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'x')"), GENERIC_MESSAGE],
    ['nothing', null, GENERIC_MESSAGE],
    ['an empty Error', new Error(''), GENERIC_MESSAGE],
  ])('%s', (_what, error, expected) => {
    expect(errorMessage(error, true)).toBe(expected);
  });

  it('while the browser is offline, an SDK failure reads as the network', () => {
    expect(errorMessage(err('functions/internal', 'internal'), false)).toBe(NETWORK_MESSAGE);
    expect(errorMessage(err('functions/internal', 'internal'), true)).toBe(GENERIC_MESSAGE);
    // A refusal stays a refusal.
    expect(errorMessage(err('functions/invalid-argument', 'email: Enter a valid email address'), false)).toBe(
      'email: Enter a valid email address',
    );
  });
});

describe('isNetworkError', () => {
  it.each([
    [err('unavailable', 'offline'), true, true],
    [err('functions/unavailable', 'unavailable'), true, true],
    [err('auth/network-request-failed', ''), true, true],
    [new TypeError('Failed to fetch'), true, true],
    [err('functions/internal', 'internal'), true, false],
    [err('functions/internal', 'internal'), false, true],
    [err('permission-denied', 'Missing or insufficient permissions.'), false, false],
    [err('functions/invalid-argument', 'title: Give it a title'), false, false],
  ])('%o (online %s) → %s', (error, online, expected) => {
    expect(isNetworkError(error, online)).toBe(expected);
  });
});
