// The one mapping from errors (Firestore, Functions, Auth, Storage, the network) to sentences a person can act
// on. No SDK text reaches the page: a callable's refusal carries our own sentence (functions' `Refusal`), so it
// is kept; everything else is told by its code. Tested in error-messages.test.ts.
import { authErrorMessage } from './auth-errors';

export const NETWORK_MESSAGE =
  'You seem to be offline, or the connection dropped. Check your connection and try again.';
export const GENERIC_MESSAGE = 'Something went wrong. Please try again in a moment.';

/** By code (without the `functions/`, `firestore/` or `storage/` prefix), when the error's own text is not ours. */
const BY_CODE: Record<string, string> = {
  unavailable: NETWORK_MESSAGE,
  'deadline-exceeded': 'This took too long. Check your connection and try again.',
  unauthenticated: 'Your session has ended. Sign in again, then try again.',
  'permission-denied': 'You do not have access to this. Sign in with an account that has, or ask an admin.',
  'not-found': 'This no longer exists. It may have been deleted.',
  'resource-exhausted': 'Too many requests right now. Wait a minute and try again.',
  'already-exists': 'This exists already.',
  cancelled: 'This was cancelled. Try again.',
  unauthorized: 'You do not have access to this file.',
  'quota-exceeded': 'Storage is full right now. Ask an admin.',
  'retry-limit-exceeded': NETWORK_MESSAGE,
};

/** Codes whose text is never ours: the SDK's own failure, shown by code or as generic. */
const SDK_ONLY = new Set(['internal', 'unknown', 'unavailable', 'deadline-exceeded', 'cancelled', 'data-loss']);

/** The Functions SDK ends a callable's message with the HTTP status: `… [400]`. */
const HTTP_STATUS = / \[\d{3}\]$/;
/** A bare code as text (`internal`, `not-found`): nothing a person can act on. */
const BARE_CODE = /^[a-z]+(?:[-/][a-z]+)*$/;

interface Parts {
  code: string;
  message: string;
}

function parts(err: unknown): Parts {
  if (typeof err === 'string') return { code: '', message: err };
  if (!err || typeof err !== 'object') return { code: '', message: '' };
  const e = err as { code?: unknown; message?: unknown };
  return {
    code: typeof e.code === 'string' ? e.code : '',
    message:
      typeof e.message === 'string'
        ? e.message
            .replace(/^Firebase: /, '')
            .replace(HTTP_STATUS, '')
            .trim()
        : '',
  };
}

/**
 * Whether `err` is the network's doing (offline, a dropped connection, a fetch that never answered), so that
 * the page offers "Try again" and retries by itself when the browser is back online. `online`: the browser's
 * `navigator.onLine`, given for tests.
 */
export function isNetworkError(err: unknown, online = globalThis.navigator?.onLine ?? true): boolean {
  const { code, message } = parts(err);
  const bare = code.replace(/^(functions|firestore|storage)\//, '');
  if (code === 'auth/network-request-failed' || bare === 'unavailable' || bare === 'retry-limit-exceeded') return true;
  if (err instanceof TypeError && /fetch|network|load failed/i.test(message)) return true;
  return !online && (SDK_ONLY.has(bare) || (!code && /fetch|network|offline/i.test(message)));
}

/** A sentence for any error: ours as it is, the SDK's by its code, the network's as the network's. */
export function errorMessage(err: unknown, online = globalThis.navigator?.onLine ?? true): string {
  if (isNetworkError(err, online)) return NETWORK_MESSAGE;
  const { code, message } = parts(err);
  if (code.startsWith('auth/')) return authErrorMessage(err);
  if (code.startsWith('functions/')) {
    // A callable's refusal: its text is ours (functions' Refusal), unless the SDK made the error itself.
    const bare = code.slice('functions/'.length);
    if (!SDK_ONLY.has(bare) && message && !BARE_CODE.test(message)) return message;
    return BY_CODE[bare] ?? GENERIC_MESSAGE;
  }
  if (code) return BY_CODE[code.replace(/^(firestore|storage)\//, '')] ?? GENERIC_MESSAGE;
  // No code: a string or an Error of our own making (never an SDK's, which all carry codes).
  if (err instanceof TypeError || !message || BARE_CODE.test(message)) return GENERIC_MESSAGE;
  return message;
}
