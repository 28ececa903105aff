// Admin → Courses → Syncs: one row per sync report (`courseSyncs/{id}`, written by the sync), read defensively
// so a report written by an older sync still shows.
import type { CourseSyncReport } from '@shared/courses';

type Time = { toDate(): Date };

export interface CourseSyncRow {
  id: string;
  source: CourseSyncReport['source'] | 'unknown';
  status: CourseSyncReport['status'] | 'unknown';
  /** The commit's first 12 characters (`local` for a folder sync). */
  commit: string;
  added: string[];
  changed: string[];
  archived: string[];
  /** `file:line: message`, as an author finds the problem in the repository. */
  errors: string[];
  writes: number;
  startedAt: Time | null;
  finishedAt: Time | null;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);
const time = (v: unknown) => ((v as Time | undefined)?.toDate ? (v as Time) : null);

/** `path:line: message`; the line only when the problem has one, `(sync)` for an error of no file. */
export function problemText(e: unknown): string {
  const p = (e ?? {}) as { path?: unknown; line?: unknown; message?: unknown };
  const line = typeof p.line === 'number' && p.line > 0 ? `:${p.line}` : '';
  return `${str(p.path) || '(sync)'}${line}: ${str(p.message)}`;
}

export function courseSyncRow(id: string, data: Record<string, unknown>): CourseSyncRow {
  const status = ['running', 'succeeded', 'failed'].includes(str(data.status))
    ? (data.status as CourseSyncReport['status'])
    : 'unknown';
  const source = ['folder', 'github'].includes(str(data.source))
    ? (data.source as CourseSyncReport['source'])
    : 'unknown';
  return {
    id,
    source,
    status,
    commit: str(data.commit).slice(0, 12),
    added: strings(data.added),
    changed: strings(data.changed),
    archived: strings(data.archived),
    errors: Array.isArray(data.errors) ? data.errors.map(problemText) : [],
    writes: typeof data.writes === 'number' ? data.writes : 0,
    startedAt: time(data.startedAt),
    finishedAt: time(data.finishedAt),
  };
}
