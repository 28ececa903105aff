// An editor's form state (pure; tested in form-state.test.ts): whether it changed since it was loaded or saved,
// and which field errors went stale because their field changed since they were given.

/** What an editor says when a save stops at the fields' own messages (they are above its buttons). */
export const FIX_FIELDS_MESSAGE = 'Please fix the fields marked above.';

/** A form's value as one comparable string (forms are plain data: strings, numbers, booleans, arrays). */
export const snapshot = (form: object): string => JSON.stringify(form);

/** `tags`, `sections.0.markdown`, `files[2]`: the form field an error key belongs to. */
const fieldOf = (key: string) => key.split(/[.[]/)[0] ?? key;

/**
 * The field errors still true to the form: an error goes once its field's value differs from when the
 * error was given (`before` and `after` are snapshots). The same object when nothing went stale.
 */
export function withoutStale(errors: Record<string, string>, before: string, after: string): Record<string, string> {
  if (before === after || Object.keys(errors).length === 0) return errors;
  const was = JSON.parse(before) as Record<string, unknown>;
  const now = JSON.parse(after) as Record<string, unknown>;
  const changed = (field: string) => JSON.stringify(was[field]) !== JSON.stringify(now[field]);
  const kept = Object.entries(errors).filter(([key]) => !changed(fieldOf(key)));
  return kept.length === Object.keys(errors).length ? errors : Object.fromEntries(kept);
}
