/** The callable error codes a refusal may carry (a subset of Firebase's FunctionsErrorCode). */
export type RefusalCode =
  | 'invalid-argument'
  | 'not-found'
  | 'failed-precondition'
  | 'already-exists'
  | 'permission-denied'
  | 'unavailable'
  | 'resource-exhausted';

/**
 * A request refused for a reason the caller can act on ("Unknown plan", "Nothing failed"). Domain code
 * and stores throw it without knowing about callables; the `callable()` wrapper (app/callable.ts) turns
 * it into an HttpsError with this code and message. Anything else thrown is a bug: logged, `internal`.
 */
export class Refusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
  }
}
