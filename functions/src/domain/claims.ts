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
