import type { AccessClaims } from '@shared/access';

/** The claims the app uses, picked from an ID token's claims (which also carry iss, aud, …). */
export function accessClaims(tokenClaims: Record<string, unknown>): AccessClaims {
  const picked: { tier?: unknown; rank?: unknown; admin?: unknown } = {};
  if ('tier' in tokenClaims) picked.tier = tokenClaims.tier;
  if ('rank' in tokenClaims) picked.rank = tokenClaims.rank;
  if ('admin' in tokenClaims) picked.admin = tokenClaims.admin;
  return picked;
}

/**
 * Whether the member document's `claimsUpdatedAt` (ms) means our ID token is stale. Functions stamp it
 * after every claims change. On the first snapshot we only know the token's issue time (second
 * precision, so a stamp in the same second counts as newer: one spare refresh beats a stale plan);
 * afterwards any change of the stamp means new claims.
 */
export function needsTokenRefresh(
  previousStamp: number | undefined,
  stamp: number | undefined,
  tokenIssuedAtMs: number,
): boolean {
  if (stamp === undefined) return false;
  if (previousStamp === undefined) return stamp >= tokenIssuedAtMs;
  return stamp !== previousStamp;
}

/**
 * Whether an ID token issued at `issuedAtMs` is current for a member whose claims were downgraded at
 * `tokensValidAfter` (Unix seconds, `members/{uid}`): the rules and callables refuse older tokens, and
 * a token minted in that same second counts as older (`iat` has second precision).
 */
export function isTokenCurrent(issuedAtMs: number, tokensValidAfter: unknown): boolean {
  return typeof tokensValidAfter !== 'number' || Math.floor(issuedAtMs / 1000) > tokensValidAfter;
}

/** How long to wait before asking again for a token that `isTokenCurrent` accepts. */
export function msUntilCurrent(tokensValidAfter: number, nowMs: number): number {
  return Math.max(0, (tokensValidAfter + 1) * 1000 - nowMs);
}
