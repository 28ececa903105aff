import { z } from 'zod';

/** Longest in-app path we carry through sign-in, checkout and mails. */
export const MAX_RETURN_PATH_LENGTH = 1000;

/**
 * Whether `value` is a path inside the app, safe to send the browser to after sign-in, sign-up or checkout
 * (`returnTo`, `redirect`, `next`): it starts with exactly one `/`, holds no `//` and no `\` (browsers read
 * `/\evil` as `//evil`, another host), no scheme, no whitespace or control characters, and is bounded.
 * Anything else would be an open redirect.
 */
export function isSafeReturnPath(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_RETURN_PATH_LENGTH) return false;
  if (!value.startsWith('/') || value.includes('//') || value.includes('\\')) return false;
  // Whitespace and control characters: a tab or newline inside `//` is dropped by URL parsers.
  if (/[\s\u0000-\u001f\u007f-\u009f]/.test(value)) return false;
  // A scheme can only hide behind an encoding here (`/%2F%2Fevil`, `/%5Cevil`): refuse encoded slashes.
  if (/%(2f|5c)/i.test(value)) return false;
  return true;
}

/** `value` when it is a safe in-app path, else `fallback`. */
export function safeReturnPath(value: unknown, fallback: string): string {
  return isSafeReturnPath(value) ? value : fallback;
}

/** The zod field for a `returnTo`/`next` path in a request (an open redirect is a bug). */
export const returnPath = z
  .string()
  .refine(isSafeReturnPath, { message: 'must be a path in the app, starting with one "/"' });
