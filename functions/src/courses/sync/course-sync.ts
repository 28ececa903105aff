// The sync: a parsed repository (or its validation problems) in, Firestore brought to it, one report out.
// Same code for `npm run content:sync -- <folder>` and the GitHub push webhook. Course by course, so memory
// stays flat however large the repository: read what Firestore has of the course, plan (domain/course-sync-plan.ts),
// write the difference in batches. Nothing is written when validation fails; a second sync of the same
// commit writes nothing but its report.
import { FieldValue, Timestamp, type DocumentReference, type Firestore } from 'firebase-admin/firestore';
import { logger } from 'firebase-functions';
import type { MediaStorage } from '../../adapters/storage';
import { courseDocs, type CourseDocs } from '../../domain/course-docs';
import {
  desiredCourseDocs,
  planCourseSync,
  type CourseWrite,
  type DesiredDoc,
  type StoredDoc,
} from '../../domain/course-sync-plan';
import { Refusal } from '../../domain/refusal';
import { COURSE_SYNC_LOCK_ID, COURSE_SYNC_LOCKS, MAX_REPORT_PATHS } from '../../shared/course-sync';
import {
  COURSE_COHORTS,
  COURSE_HOMEWORK,
  COURSE_PRIVATE,
  COURSE_SYNCS,
  COURSE_UNITS,
  COURSES,
  HOMEWORK_KEY,
  type CourseHomework,
  type CourseSpec,
  type CourseSyncReport,
  type FormatProblem,
  type ParseResult,
} from '../../shared/courses';
import { readTiers } from '../../app/tiers-config';
import { accessLevels, rankOf, type TiersConfig } from '../../shared/tiers';
import { courseAssetPaths, courseMediaPath, uploadAsset } from './course-assets';

export interface CourseSyncDeps {
  db: Firestore;
  storage: MediaStorage;
  now: () => Date;
  /** Markdown to sanitized HTML (`renderMarkdownHtml`; tests pass a plain escaper). */
  render: (markdown: string) => string;
}

/** A repository read and parsed: what the sync applies. */
export interface LoadedRepo {
  parsed: ParseResult;
  /** The bytes of a repository file the courses reference (cover, video file, attachment). */
  readFile: (path: string) => Promise<Buffer>;
}

export interface CourseSyncInput {
  source: CourseSyncReport['source'];
  /** The commit synced, or `local` for a folder. */
  commit: string;
  /**
   * Reads and parses the repository (a folder, or GitHub at the commit) against the access levels of
   * `config/tiers`; called under the lease, so a failure (GitHub unreachable) is in the report too.
   */
  load: (accessLevels: string[]) => Promise<LoadedRepo>;
  /** Render every markdown again instead of keeping the HTML of unchanged sources (after a renderer change). */
  rerender?: boolean;
}

/** Firestore commits at most 500 writes per batch. */
const BATCH_LIMIT = 500;
/** A sync that crashed leaves its lease; the next one may take it after this. */
const LEASE_MS = 30 * 60_000;

/** Another sync holds the lease: a push's task is retried later, the CLI says so. */
export class CourseSyncBusy extends Refusal {
  constructor(holder: string) {
    super('failed-precondition', `Another course sync (${holder}) is running; try again when it has finished.`);
  }
}

async function acquireLease(db: Firestore, holder: string, now: Date): Promise<void> {
  const ref = db.collection(COURSE_SYNC_LOCKS).doc(COURSE_SYNC_LOCK_ID);
  await db.runTransaction(async (tx) => {
    const lease = (await tx.get(ref)).data() as { holder: string; until: Timestamp } | undefined;
    if (lease && lease.until.toMillis() > now.getTime()) throw new CourseSyncBusy(lease.holder);
    tx.set(ref, { holder, until: Timestamp.fromMillis(now.getTime() + LEASE_MS) });
  });
}

async function releaseLease(db: Firestore, holder: string): Promise<void> {
  const ref = db.collection(COURSE_SYNC_LOCKS).doc(COURSE_SYNC_LOCK_ID);
  await db.runTransaction(async (tx) => {
    if ((await tx.get(ref)).data()?.holder === holder) tx.delete(ref);
  });
}

/** Stored values as the planner compares them: Timestamps as Dates, at any depth. */
function fromFirestore(value: unknown): unknown {
  if (value instanceof Timestamp) return value.toDate();
  if (Array.isArray(value)) return value.map(fromFirestore);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromFirestore(v)]));
  return value;
}

/** Everything Firestore holds of one course (teaser, units, homework and their keys, cohorts), by path. */
async function readStoredCourse(db: Firestore, slug: string, homeworkIds: string[]): Promise<Map<string, StoredDoc>> {
  const course = db.collection(COURSES).doc(slug);
  const stored = new Map<string, StoredDoc>();
  const put = (kind: StoredDoc['kind'], ref: DocumentReference, data: unknown) =>
    stored.set(ref.path, { kind, data: fromFirestore(data) as Record<string, unknown> });
  const [teaser, units, homework, cohorts] = await Promise.all([
    course.get(),
    course.collection(COURSE_UNITS).get(),
    course.collection(COURSE_HOMEWORK).get(),
    course.collection(COURSE_COHORTS).get(),
  ]);
  if (teaser.exists) put('course', teaser.ref, teaser.data());
  for (const d of units.docs) put('unit', d.ref, d.data());
  for (const d of homework.docs) put('homework', d.ref, d.data());
  for (const d of cohorts.docs) put('cohort', d.ref, d.data());
  const ids = new Set([...homeworkIds, ...homework.docs.map((d) => d.id)]);
  const keyRefs = [...ids].map((id) =>
    course.collection(COURSE_HOMEWORK).doc(id).collection(COURSE_PRIVATE).doc(HOMEWORK_KEY),
  );
  if (keyRefs.length > 0)
    for (const key of await db.getAll(...keyRefs)) if (key.exists) put('key', key.ref, key.data());
  return stored;
}

/**
 * The HTML already stored for markdown that has not changed: a unit or homework whose `sourceHash` (its whole
 * source) is the stored one keeps its rendered HTML, so an unchanged repository renders nothing (rendering is
 * most of a sync's time). `npm run content:sync -- <folder> --rerender` renders everything again (after a
 * renderer or sanitizer change).
 */
function renderedBefore(spec: CourseSpec, probe: CourseDocs, stored: Map<string, StoredDoc>): Map<string, string> {
  const known = new Map<string, string>();
  const path = (kind: string, id: string) => `${COURSES}/${spec.slug}/${kind}/${id}`;
  for (const module of spec.modules) {
    for (const unit of module.units) {
      const have = stored.get(path(COURSE_UNITS, unit.id))?.data;
      if (have && have.sourceHash === probe.units[unit.id]?.sourceHash && typeof have.html === 'string')
        known.set(unit.markdown, have.html);
    }
    for (const hw of module.homework) {
      const have = stored.get(path(COURSE_HOMEWORK, hw.id))?.data as Partial<CourseHomework> | undefined;
      if (!have || have.sourceHash !== probe.homework[hw.id]?.sourceHash) continue;
      if (typeof have.descriptionHtml === 'string') known.set(hw.description, have.descriptionHtml);
      hw.questions.forEach((q, i) => {
        const html = have.questions?.[i]?.id === q.id ? have.questions[i]?.html : undefined;
        if (typeof html === 'string') known.set(q.text, html);
      });
    }
  }
  return known;
}

/** Writes in batches of at most 500, committed as they fill. */
class BatchWriter {
  private batch;
  private pending = 0;
  written = 0;
  constructor(private readonly db: Firestore) {
    this.batch = db.batch();
  }
  async add(write: CourseWrite): Promise<void> {
    const ref = this.db.doc(write.path);
    if (write.op === 'create') this.batch.set(ref, write.data);
    else this.batch.update(ref, write.data);
    if (++this.pending === BATCH_LIMIT) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.pending === 0) return;
    await this.batch.commit();
    this.written += this.pending;
    this.pending = 0;
    this.batch = this.db.batch();
  }
}

/** A report's lists stay bounded: the first paths, then how many more. */
class PathList {
  readonly paths: string[] = [];
  private more = 0;
  push(...paths: string[]) {
    for (const p of paths) {
      if (this.paths.length < MAX_REPORT_PATHS) this.paths.push(p);
      else this.more++;
    }
  }
  list(): string[] {
    return this.more ? [...this.paths, `… and ${this.more} more`] : this.paths;
  }
}

/** A report keeps the first problems (sorted by file and line) and says how many more there were. */
function boundedProblems(problems: FormatProblem[]): FormatProblem[] {
  if (problems.length <= MAX_REPORT_PATHS) return problems;
  const more = { path: '', line: 0, message: `… and ${problems.length - MAX_REPORT_PATHS} more problems` };
  return [...problems.slice(0, MAX_REPORT_PATHS), more];
}

/** Problems found before anything is written: validation, and access levels `config/tiers` does not know. */
function problemsOf(parsed: ParseResult, tiers: TiersConfig): FormatProblem[] {
  if (!parsed.ok) return parsed.problems;
  return parsed.courses
    .filter((c) => rankOf(tiers, c.access) === undefined)
    .map((c) => ({ path: c.sourcePath, line: 0, message: `access "${c.access}" is no tier of config/tiers` }));
}

/**
 * Runs one sync under the lease and returns its report (also stored in `courseSyncs/{id}`: `running` from the
 * start, finished at the end). Throws `CourseSyncBusy` when another sync holds the lease (no report then).
 */
export async function syncCourses(
  deps: CourseSyncDeps,
  input: CourseSyncInput,
): Promise<{ id: string; report: CourseSyncReport<Date> }> {
  const reportRef = deps.db.collection(COURSE_SYNCS).doc();
  const startedAt = deps.now();
  await acquireLease(deps.db, reportRef.id, startedAt);
  const report: CourseSyncReport<Date> = {
    source: input.source,
    commit: input.commit,
    status: 'running',
    added: [],
    changed: [],
    archived: [],
    errors: [],
    writes: 0,
    startedAt,
    finishedAt: null,
  };
  const writer = new BatchWriter(deps.db);
  try {
    await reportRef.set(report);
    const tiers = await readTiers(deps.db);
    const repo = await input.load(accessLevels(tiers));
    const problems = problemsOf(repo.parsed, tiers);
    if (problems.length > 0 || !repo.parsed.ok) {
      Object.assign(report, { status: 'failed', errors: boundedProblems(problems) });
    } else {
      const ctx = { ...input, tiers, readFile: repo.readFile };
      Object.assign(report, await applyCourses(deps, ctx, repo.parsed.courses, writer), { status: 'succeeded' });
    }
  } catch (err) {
    logger.error(`Course sync ${reportRef.id} of ${input.commit} failed`, err);
    report.status = 'failed';
    report.errors = [{ path: '', line: 0, message: err instanceof Error ? err.message : String(err) }];
    // What was committed before the error stays (the next sync converges); the report says how much.
    report.writes = writer.written;
  } finally {
    report.finishedAt = deps.now();
    await reportRef.set({ ...report, finishedAt: FieldValue.serverTimestamp() }).catch((err: unknown) => {
      logger.error(`Course sync ${reportRef.id}: the report could not be finished`, err);
    });
    await releaseLease(deps.db, reportRef.id);
  }
  return { id: reportRef.id, report };
}

/** The writes of a valid repository: assets first (no document changes if one fails), then course by course. */
async function applyCourses(
  deps: CourseSyncDeps,
  input: { commit: string; tiers: TiersConfig; readFile: LoadedRepo['readFile']; rerender?: boolean },
  courses: CourseSpec[],
  writer: BatchWriter,
): Promise<Pick<CourseSyncReport, 'added' | 'changed' | 'archived' | 'writes'>> {
  const added = new PathList();
  const changed = new PathList();
  const archived = new PathList();
  // Per course: two courses may point at the same repository file, each gets its own copy under its slug.
  const uploaded = new Map<string, Record<string, { path: string; size: number }>>();
  for (const spec of courses) {
    const mine: Record<string, { path: string; size: number }> = {};
    uploaded.set(spec.slug, mine);
    for (const repoPath of courseAssetPaths(spec)) {
      const asset = await uploadAsset(deps.storage, courseMediaPath(spec, repoPath), await input.readFile(repoPath));
      mine[repoPath] = { path: asset.path, size: asset.size };
      if (asset.outcome === 'added') added.push(asset.path);
      if (asset.outcome === 'changed') changed.push(asset.path);
    }
  }
  const now = deps.now();
  const apply = async (desired: Map<string, DesiredDoc>, stored: Map<string, StoredDoc>) => {
    const plan = planCourseSync(desired, stored, now);
    for (const write of plan.writes) await writer.add(write);
    added.push(...plan.added);
    changed.push(...plan.changed);
    archived.push(...plan.archived);
  };
  for (const spec of courses) {
    const ctx = {
      rank: rankOf(input.tiers, spec.access)!,
      uploaded: uploaded.get(spec.slug) ?? {},
      commit: input.commit,
      now,
    };
    const homeworkIds = spec.modules.flatMap((m) => m.homework.map((h) => h.id));
    const stored = await readStoredCourse(deps.db, spec.slug, homeworkIds);
    const rendered = input.rerender
      ? new Map<string, string>()
      : renderedBefore(spec, courseDocs(spec, { ...ctx, render: () => '' }), stored);
    const docs = courseDocs(spec, { ...ctx, render: (md) => rendered.get(md) ?? deps.render(md) });
    await apply(desiredCourseDocs(spec.slug, docs), stored);
  }
  // Courses no longer in the repository: archived with everything in them (once: an archived teaser is skipped).
  const inRepo = new Set(courses.map((c) => c.slug));
  const existing = await deps.db.collection(COURSES).select('status').get();
  for (const course of existing.docs) {
    if (inRepo.has(course.id) || course.get('status') === 'archived') continue;
    await apply(new Map(), await readStoredCourse(deps.db, course.id, []));
  }
  await writer.flush();
  return { added: added.list(), changed: changed.list(), archived: archived.list(), writes: writer.written };
}
