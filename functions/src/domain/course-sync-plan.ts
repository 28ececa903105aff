// What a course sync writes: the documents the repository wants (`courseDocs`) against the ones Firestore holds,
// decided here without I/O so the rules are table-tested. Only differences are written; a document the
// repository no longer has is archived (never deleted: members' progress and answers hang on its id); a
// cohort's `enrolled` counter belongs to the enrollments and is never written over.
import {
  COURSE_COHORTS,
  COURSE_HOMEWORK,
  COURSE_PRIVATE,
  COURSE_UNITS,
  COURSES,
  HOMEWORK_KEY,
} from '../shared/courses';
import type { CourseDocs } from './course-docs';

/** Which document a path is: decides what the comparison ignores and whether it can be archived. */
export type CourseDocKind = 'course' | 'unit' | 'homework' | 'key' | 'cohort';

export interface DesiredDoc {
  kind: CourseDocKind;
  data: Record<string, unknown>;
}

export interface StoredDoc {
  kind: CourseDocKind;
  /** As read, Timestamps turned into Dates by the caller. */
  data: Record<string, unknown>;
}

export type CourseWrite =
  | { path: string; op: 'create'; data: Record<string, unknown> }
  /** `update`: top-level fields replaced whole (a removed deadline goes), the others (`enrolled`) kept. */
  | { path: string; op: 'update' | 'archive'; data: Record<string, unknown> };

export interface CourseSyncPlan {
  writes: CourseWrite[];
  added: string[];
  changed: string[];
  archived: string[];
}

/** Fields that differ on every sync (the clock, the commit) or belong to someone else (the counter). */
const IGNORED: Record<CourseDocKind, readonly string[]> = {
  course: ['updatedAt', 'commit'],
  unit: ['updatedAt'],
  homework: ['updatedAt'],
  key: [],
  cohort: ['updatedAt', 'enrolled'],
};
/** Fields a sync never writes on an existing document. */
const KEPT: Partial<Record<CourseDocKind, readonly string[]>> = { cohort: ['enrolled'] };

/** A value with map keys sorted and instants as ISO strings, so stored and wanted compare as text. */
function canonical(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(obj)
        .sort()
        .map((k) => [k, canonical(obj[k])]),
    );
  }
  return value;
}

const without = (data: Record<string, unknown>, fields: readonly string[]) =>
  Object.fromEntries(Object.entries(data).filter(([k]) => !fields.includes(k)));

/** Whether the stored document already says what the repository wants (ignoring the clock and the counter). */
export function sameDoc(
  kind: CourseDocKind,
  stored: Record<string, unknown>,
  wanted: Record<string, unknown>,
): boolean {
  const ignore = IGNORED[kind];
  return JSON.stringify(canonical(without(stored, ignore))) === JSON.stringify(canonical(without(wanted, ignore)));
}

/**
 * The writes that bring `stored` to `desired` (both keyed by document path): create what is missing, update
 * what differs, archive what is published but no longer wanted. Documents without a status (answer keys) are
 * left as they are when unwanted: the archived homework still needs its key to score late submissions.
 * Order: sub-documents before the course teaser, so a syllabus never names a unit that is not there yet.
 */
export function planCourseSync(
  desired: ReadonlyMap<string, DesiredDoc>,
  stored: ReadonlyMap<string, StoredDoc>,
  now: Date,
): CourseSyncPlan {
  const plan: CourseSyncPlan = { writes: [], added: [], changed: [], archived: [] };
  for (const [path, want] of desired) {
    const have = stored.get(path);
    if (!have) {
      plan.writes.push({ path, op: 'create', data: want.data });
      plan.added.push(path);
    } else if (!sameDoc(want.kind, have.data, want.data)) {
      plan.writes.push({ path, op: 'update', data: without(want.data, KEPT[want.kind] ?? []) });
      plan.changed.push(path);
    }
  }
  for (const [path, have] of stored) {
    if (desired.has(path) || have.kind === 'key' || have.data.status === 'archived') continue;
    plan.writes.push({ path, op: 'archive', data: { status: 'archived', updatedAt: now } });
    plan.archived.push(path);
  }
  const teaserLast = (w: CourseWrite) => (desired.get(w.path)?.kind ?? stored.get(w.path)?.kind) === 'course';
  plan.writes.sort((a, b) => Number(teaserLast(a)) - Number(teaserLast(b)));
  return plan;
}

/** A course's documents by path, as the planner takes them. */
export function desiredCourseDocs(slug: string, docs: CourseDocs): Map<string, DesiredDoc> {
  const base = `${COURSES}/${slug}`;
  const out = new Map<string, DesiredDoc>();
  const add = (kind: CourseDocKind, path: string, data: object) =>
    out.set(path, { kind, data: data as Record<string, unknown> });
  for (const [id, unit] of Object.entries(docs.units)) add('unit', `${base}/${COURSE_UNITS}/${id}`, unit);
  for (const [id, hw] of Object.entries(docs.homework)) add('homework', `${base}/${COURSE_HOMEWORK}/${id}`, hw);
  for (const [id, key] of Object.entries(docs.keys))
    add('key', `${base}/${COURSE_HOMEWORK}/${id}/${COURSE_PRIVATE}/${HOMEWORK_KEY}`, key);
  for (const [id, cohort] of Object.entries(docs.cohorts)) add('cohort', `${base}/${COURSE_COHORTS}/${id}`, cohort);
  add('course', base, docs.teaser);
  return out;
}
