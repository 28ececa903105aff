import { HttpsError } from 'firebase-functions/v2/https';
import type { z } from 'zod';
import { describeIssues } from '../shared/validation';
import { Refusal } from './refusal';

/** Parse a callable payload or answer `invalid-argument` with a message a person can act on. */
export function parseOrThrow<T extends z.ZodType>(schema: T, data: unknown): z.infer<T> {
  const result = schema.safeParse(data);
  if (!result.success) throw new HttpsError('invalid-argument', describeIssues(result.error));
  return result.data;
}

export function requireAdmin(auth: { token: Record<string, unknown> } | undefined): void {
  if (!auth) throw new HttpsError('unauthenticated', 'Sign in first');
  if (auth.token.admin !== true) throw new HttpsError('permission-denied', 'Only admins can do this');
}

/** Runs a callable's work, answering a Refusal with its code and message (anything else stays internal). */
export async function asHttpsError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof Refusal) throw new HttpsError(err.code, err.message);
    throw err;
  }
}
