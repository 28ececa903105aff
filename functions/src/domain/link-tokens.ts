import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Signed tokens in emailed links (one-click unsubscribe, signup confirmation), with key versions so the
 * secret can be rotated without a code change and without voiding links already sent.
 *
 * The secret setting (`UNSUBSCRIBE_SECRET`) is a list of versioned keys, newest first:
 * `3:<secret3>,2:<secret2>`. A token is `v<version>.<HMAC-SHA256 of "<purpose>:<subject>", base64url>`,
 * signed with the highest version; a token verifies while its version is listed. A bare secret (no
 * `<n>:` in front, the format from before versions) is version 1, and so is a token without a `v<n>.`
 * prefix: links sent before versions existed keep working until version 1 is dropped from the list.
 */
export interface TokenKey {
  version: number;
  secret: string;
}

const SETTING = 'UNSUBSCRIBE_SECRET';
const VERSIONED = /^\d+:/;
const ENTRY = /^([1-9]\d{0,5}):(.+)$/;
/** An HMAC-SHA256 in base64url is 43 characters. */
const SIGNATURE = '[A-Za-z0-9_-]{43}';
const TOKEN = new RegExp(`^(?:v([1-9]\\d{0,5})\\.)?(${SIGNATURE})$`);

/** The keys of a secret setting, newest first; throws (without echoing the value) when it is malformed. */
export function parseTokenKeys(value: string): TokenKey[] {
  const trimmed = value.trim();
  if (!trimmed) throw new Error(`${SETTING} is not set`);
  // Untrimmed: links sent before versions were signed with the value exactly as stored.
  if (!VERSIONED.test(trimmed)) return [{ version: 1, secret: value }];
  const keys = trimmed.split(',').map((entry, i) => {
    const m = ENTRY.exec(entry.trim());
    if (!m) throw new Error(`${SETTING}: entry ${i + 1} is not "<version>:<secret>"`);
    return { version: Number(m[1]), secret: m[2]! };
  });
  if (new Set(keys.map((k) => k.version)).size !== keys.length)
    throw new Error(`${SETTING}: a version is listed twice`);
  return keys.sort((a, b) => b.version - a.version);
}

const signature = (purpose: string, subject: string, secret: string) =>
  createHmac('sha256', secret).update(`${purpose}:${subject}`).digest('base64url');

/** A token for `subject` signed with the newest key of `setting`. */
export function signLinkToken(purpose: string, subject: string, setting: string): string {
  const [newest] = parseTokenKeys(setting);
  return `v${newest!.version}.${signature(purpose, subject, newest!.secret)}`;
}

/** Constant-time check of a token from a link; false for anything malformed or of an unlisted version. */
export function verifyLinkToken(purpose: string, subject: string, token: unknown, setting: string): boolean {
  const keys = parseTokenKeys(setting);
  const m = typeof token === 'string' ? TOKEN.exec(token) : null;
  if (!m) return false;
  const key = keys.find((k) => k.version === Number(m[1] ?? 1));
  if (!key) return false;
  // Both sides are 43 ASCII characters here, so timingSafeEqual compares equal lengths.
  return timingSafeEqual(Buffer.from(m[2]!), Buffer.from(signature(purpose, subject, key.secret)));
}

/**
 * The setting after a rotation: a new key one version above the newest, then the `keep` newest current
 * keys (their links keep working), older ones dropped.
 */
export function rotateTokenKeys(setting: string, keep = 1, secret = randomBytes(32).toString('base64url')): string {
  if (!Number.isInteger(keep) || keep < 0) throw new Error('keep must be a whole number of versions, 0 or more');
  const current = setting.trim() ? parseTokenKeys(setting) : [];
  const keys = [{ version: (current[0]?.version ?? 0) + 1, secret }, ...current.slice(0, keep)];
  // A bare, old-style secret with a comma or whitespace at its ends would not read back as the same key.
  if (keys.some((k) => k.secret.includes(',') || k.secret !== k.secret.trim()))
    throw new Error('a secret in the list contains a comma or ends in whitespace: write the list by hand');
  return keys.map((k) => `${k.version}:${k.secret}`).join(',');
}
