/**
 * The one check for links that come from data (the community's invite links, typed by an admin) before
 * they become a link anywhere: in the web app and in emails.
 */

/** An absolute https URL, normalised, or null: only those become links (never `javascript:`, http or a relative path). */
export function httpsUrl(value: string): string | null {
  const trimmed = value.trim();
  if (!/^https:\/\//i.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'https:' && url.hostname ? url.href : null;
  } catch {
    return null;
  }
}
