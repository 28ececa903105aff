import { normalizeWords } from './search';

/**
 * Admin member search: one `array-contains` query on `members/{uid}.searchKeys`, ordered by email, paged
 * with cursors. The keys are written with the member (`newMemberDoc`), again when the name or address
 * changes (`indexMemberSearch`), and filled in for older members by the daily overview snapshot.
 */
export const MEMBER_SEARCH_FIELD = 'searchKeys';

const MIN_NAME_PREFIX = 2;
const MAX_NAME_PREFIX = 20;
/** An address is searchable by its first 64 characters (typed further, the page is narrowed in the browser). */
export const MAX_EMAIL_PREFIX = 64;

/**
 * The keys a member is found by: every prefix of the lower-cased address (from one character) and every
 * prefix (2 to 20 characters) of each word of the name, accents folded. At most about 150 keys.
 */
export function memberSearchKeys(email: string, name: string): string[] {
  const address = email.trim().toLowerCase().slice(0, MAX_EMAIL_PREFIX);
  const keys = new Set<string>();
  for (let n = 1; n <= address.length; n++) keys.add(address.slice(0, n));
  for (const word of normalizeWords(name.slice(0, 200)))
    for (let n = MIN_NAME_PREFIX; n <= Math.min(word.length, MAX_NAME_PREFIX); n++) keys.add(word.slice(0, n));
  return [...keys].sort();
}

/**
 * The key an admin's search uses, or null when there is nothing to search: an address (anything with
 * `@`, `.`, `_`, `+` or `-` and no space) as typed, lower-cased; otherwise the longest word of the name,
 * accents folded (a one-word search also matches addresses that start with it).
 */
export function memberSearchKey(query: string): string | null {
  const q = query.trim().toLowerCase();
  if (!q) return null;
  if (!/\s/.test(q) && /[@._+-]/.test(q)) return q.slice(0, MAX_EMAIL_PREFIX);
  const longest = normalizeWords(q).sort((a, b) => b.length - a.length)[0];
  if (!longest) return null;
  return longest.length === 1 ? longest : longest.slice(0, MAX_NAME_PREFIX);
}

/** Whether a found member matches the whole query (every word, or the full address typed): narrows a page. */
export function matchesMemberSearch(member: { email: string; name: string }, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!/\s/.test(q) && /[@._+-]/.test(q)) return member.email.toLowerCase().startsWith(q);
  const words = normalizeWords(member.name);
  const address = member.email.toLowerCase();
  return normalizeWords(q).every((w) => address.startsWith(w) || words.some((n) => n.startsWith(w)));
}
