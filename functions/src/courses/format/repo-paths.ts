// Paths in a course repository: a file's own path, and a path a file names (a cover, a video, an attachment),
// which is relative to the naming file's folder and may neither climb out (`..`) nor be absolute.

/** Why a listed file's path is unsafe, or null. */
export function filePathProblem(path: string): string | null {
  if (!path || path.length > 1_000) return 'the path is empty or too long';
  if (/[\u0000-\u001f\u007f\\]/.test(path)) return 'the path holds control characters or backslashes';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'the path is absolute';
  if (path.split('/').some((s) => s === '' || s === '.' || s === '..'))
    return 'the path holds an empty, `.` or `..` segment';
  return null;
}

export const dirname = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf('/')));
export const basename = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** The repository path `ref` names from the file `from`, or why it may not be followed. */
export function resolveRef(from: string, ref: string): { path: string } | { problem: string } {
  if (ref.startsWith('/') || ref.startsWith('\\') || /^[A-Za-z]:/.test(ref)) {
    return { problem: `\`${ref}\` is an absolute path; write it relative to ${dirname(from)}/` };
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) return { problem: `\`${ref}\` must be a file in the repository, not a URL` };
  const segments = ref.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..') || ref.includes('\\')) {
    return { problem: `\`${ref}\` leaves its folder (\`..\`): keep files beside or below ${basename(from)}` };
  }
  if (!segments.length) return { problem: `\`${ref}\` names no file` };
  return { path: [dirname(from), ...segments].filter(Boolean).join('/') };
}
