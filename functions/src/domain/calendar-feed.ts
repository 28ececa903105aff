import { signLinkToken, verifyLinkToken } from './link-tokens';

// The member's secret calendar feed URL: `/ics/member/{token}.ics`. The token names the member and the
// feed version (`members/{uid}.calendarFeedVersion`, raised by rotating) and is signed like the other
// emailed links (domain/link-tokens.ts, the `UNSUBSCRIBE_SECRET` keys), so nothing secret is stored and a
// rotation voids every older URL: an older version no longer matches the member document.

const PURPOSE = 'calendar-feed';
/** `{base64url uid}.{version}.{link token}`: only URL-safe characters, so the path needs no escaping. */
const TOKEN = /^([A-Za-z0-9_-]{1,200})\.(0|[1-9]\d{0,8})\.(v[1-9]\d{0,5}\.[A-Za-z0-9_-]{43})$/;

export interface FeedTokenParts {
  uid: string;
  version: number;
  signature: string;
}

const subject = (uid: string, version: number) => `${uid}:${version}`;

/** The token of `uid`'s feed at `version`, signed with the newest key of `secrets`. */
export function calendarFeedToken(uid: string, version: number, secrets: string): string {
  const signature = signLinkToken(PURPOSE, subject(uid, version), secrets);
  return `${Buffer.from(uid, 'utf8').toString('base64url')}.${version}.${signature}`;
}

/** What a token claims (not yet checked), or null when it is not shaped like one. */
export function readCalendarFeedToken(token: string): FeedTokenParts | null {
  const m = TOKEN.exec(token);
  if (!m) return null;
  const uid = Buffer.from(m[1]!, 'base64url').toString('utf8');
  // base64url decoding ignores stray bits: only the canonical spelling of a uid is its token.
  if (!uid || Buffer.from(uid, 'utf8').toString('base64url') !== m[1]) return null;
  return { uid, version: Number(m[2]), signature: m[3]! };
}

/** Whether the token's signature is ours (constant time); the caller still compares the version. */
export function calendarFeedTokenSigned(parts: FeedTokenParts, secrets: string): boolean {
  return verifyLinkToken(PURPOSE, subject(parts.uid, parts.version), parts.signature, secrets);
}
