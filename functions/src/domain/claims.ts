/** Custom claims we own. Other claims a project may have set are kept as they are. */
export interface TierClaims {
  tier: string;
  rank: number;
  admin?: boolean;
}

/** Merge the tier into existing claims: never wipes `admin` or foreign claims. */
export function mergeClaims(
  existing: Record<string, unknown> | undefined,
  next: { tier: string; rank: number; admin?: boolean },
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...(existing ?? {}), tier: next.tier, rank: next.rank };
  if (next.admin === true) merged.admin = true;
  if (next.admin === false) delete merged.admin;
  return merged;
}

export function claimsEqual(a: Record<string, unknown> | undefined, b: Record<string, unknown>): boolean {
  const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b)]);
  return [...keys].every((k) => (a ?? {})[k] === b[k]);
}

/** `ADMIN_EMAILS` is a comma-separated list; matching ignores case and spaces. */
export function isBootstrapAdmin(email: string | undefined, adminEmails: string): boolean {
  if (!email) return false;
  const wanted = adminEmails
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);
  return wanted.includes(email.trim().toLowerCase());
}

/**
 * Whether new claims take something away from the old ones: a lower rank, or the admin claim gone.
 * Only a downgrade invalidates the ID tokens already issued; an upgrade must never lock a member out.
 */
export function isDowngrade(before: Record<string, unknown> | undefined, after: Record<string, unknown>): boolean {
  const rank = (c: Record<string, unknown> | undefined) => (typeof c?.rank === 'number' ? c.rank : 0);
  const lostAdmin = before?.admin === true && after.admin !== true;
  return lostAdmin || rank(after) < rank(before);
}

/**
 * The `tokensValidAfter` stamp (Unix seconds) for claims changed at `changedAt`: the rules accept a
 * token only when its `iat` is greater. `iat` has second precision, so a token minted in the same
 * second as the change could still carry the old claims: it counts as old (the app asks again).
 */
export function tokensValidAfter(changedAt: Date): number {
  return Math.floor(changedAt.getTime() / 1000);
}

/**
 * Whether a token's claims must be refused: issued (`iat`) no later than the member's last downgrade
 * (`tokensValidAfter`) and claiming more than the member holds now (a higher rank, or admin).
 */
export function isStaleClaims(
  token: Record<string, unknown>,
  member: { tokensValidAfter?: unknown; rank?: unknown; admin?: unknown } | undefined,
): boolean {
  const validAfter = member?.tokensValidAfter;
  if (typeof validAfter !== 'number' || (typeof token.iat === 'number' && token.iat > validAfter)) return false;
  const rank = (value: unknown) => (typeof value === 'number' ? value : 0);
  return rank(token.rank) > rank(member?.rank) || (token.admin === true && member?.admin !== true);
}
