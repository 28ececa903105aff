/**
 * A request refused for a reason the caller can act on ("Unknown plan", "Nothing failed"). Stores throw
 * it without knowing about callables; `asHttpsError` (app/errors.ts) turns it into an HttpsError.
 */
export class Refusal extends Error {
  constructor(
    readonly code: 'invalid-argument' | 'not-found' | 'failed-precondition' | 'already-exists',
    message: string,
  ) {
    super(message);
  }
}
