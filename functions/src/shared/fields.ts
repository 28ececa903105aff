import { z } from 'zod';

// Field schemas every request schema builds on, so an id, a tier, an email or a file name is checked the
// same way by every callable, HTTP function and web form.

/** Longest document id we accept: Firebase Auth uids are at most 128 characters too. */
export const MAX_ID_LENGTH = 128;
/** RFC 5321: a path (and so an address) is at most 254 characters. */
export const MAX_EMAIL_LENGTH = 254;
/** Longest uploaded file name we keep. */
export const MAX_FILE_NAME_LENGTH = 120;

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// A lone UTF-16 surrogate is not valid UTF-8, which Firestore refuses in a path.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Characters no id or name may hold: control characters and broken Unicode. */
function unprintable(value: string): boolean {
  return CONTROL.test(value) || LONE_SURROGATE.test(value);
}

/**
 * Why `id` cannot name a Firestore document (or a key of a map such as `config/tiers`), or null:
 * Firestore's own rules (no `/`, not `.` or `..`, no `__reserved__` names), a bounded length, printable.
 */
export function docIdProblem(id: string): string | null {
  if (id.length === 0) return 'must not be empty';
  if (id.length > MAX_ID_LENGTH) return `must be at most ${MAX_ID_LENGTH} characters`;
  if (id.includes('/')) return 'must not contain "/"';
  if (id === '.' || id === '..') return 'must not be "." or ".."';
  if (/^__.*__$/.test(id)) return 'must not be a reserved name like __name__';
  if (unprintable(id)) return 'must not contain control characters';
  return null;
}

/**
 * Why `name` cannot be a file name (one segment of a storage path), or null: no separators, no `.` or
 * `..`, no leading dot (hidden files, such as the media twin's signing key), printable, bounded.
 */
export function fileNameProblem(name: string, max = MAX_FILE_NAME_LENGTH): string | null {
  if (name.length === 0) return 'must not be empty';
  if (name.length > max) return `must be at most ${max} characters`;
  if (/[/\\]/.test(name)) return 'must not contain "/" or "\\"';
  if (name.startsWith('.')) return 'must not start with "."';
  if (unprintable(name)) return 'must not contain control characters';
  return null;
}

/** A zod string refined by one of the `…Problem` checks above. */
function checked(problem: (value: string) => string | null) {
  return z.string().superRefine((value, ctx) => {
    const reason = problem(value);
    if (reason) ctx.addIssue({ code: 'custom', message: reason });
  });
}

/** A document id (member uid, material, newsletter, announcement). */
export const docId = checked(docIdProblem);

/** A tier id or access level (`public`, `everyone`): a key of `config/tiers`, so an id too. */
export const levelId = (emptyMessage: string) => z.string().min(1, emptyMessage).pipe(docId);

/** An email address within RFC length limits, trimmed and lowercased. */
export const emailAddress = (message: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .max(MAX_EMAIL_LENGTH, `must be at most ${MAX_EMAIL_LENGTH} characters`)
    .pipe(z.email(message));

/** A file's name as uploaded (one path segment). */
export const fileName = checked((name) => fileNameProblem(name));

/** A stored media file: `media/` then file-name segments, so no segment can climb out or hide. */
export const mediaPath = checked((path) => {
  if (path.length > 500) return 'must be at most 500 characters';
  const [root, ...rest] = path.split('/');
  if (root !== 'media' || rest.length === 0) return 'must be a file under media/';
  const bad = rest.map((segment) => fileNameProblem(segment, 200)).find((p) => p !== null);
  return bad ? `has a part that ${bad}` : null;
});

/** Bytes of `text` in UTF-8, what Firestore counts against its 1 MiB document limit. */
export const utf8Length = (text: string): number => new TextEncoder().encode(text).length;
