// A parsed course (`CourseSpec`) as the documents the sync writes: pure, so the sync can compare what it would
// write with what is there and write only the difference. Markdown is rendered by the caller (`render`), at
// the edge, like events do, so this module stays free of jsdom.
import { markdownHash } from '../shared/body-html';
import {
  type CourseCohort,
  type CourseHomework,
  type CourseSpec,
  type CourseTeaser,
  type CourseUnit,
  type HomeworkKey,
  type SyllabusModule,
} from '../shared/courses';

export interface CourseDocs {
  teaser: CourseTeaser<Date>;
  units: Record<string, CourseUnit<Date>>;
  homework: Record<string, CourseHomework<Date>>;
  keys: Record<string, HomeworkKey>;
  cohorts: Record<string, CourseCohort<Date>>;
}

/** What the sync needs besides the spec: the course's rank (from `config/tiers`), a markdown renderer, where
 * uploaded repository files ended up (repo path → storage path and size), the commit and the clock. */
export interface CourseDocsContext {
  rank: number;
  render: (markdown: string) => string;
  uploaded: Record<string, { path: string; size: number }>;
  commit: string;
  now: Date;
}

const PUBLIC = { access: 'public', rank: 0 };

/** Homework points: the questions', plus the links' cap. */
export const homeworkPoints = (hw: CourseSpec['modules'][number]['homework'][number]): number =>
  hw.questions.reduce((sum, q) => sum + q.points, 0) + (hw.links ? hw.links.pointsPerLink * hw.links.maxLinks : 0);

export function courseDocs(spec: CourseSpec, ctx: CourseDocsContext): CourseDocs {
  const gate = { access: spec.access, rank: ctx.rank };
  const stored = (repoPath: string) => ctx.uploaded[repoPath] ?? { path: repoPath, size: 0 };
  const units: CourseDocs['units'] = {};
  const homework: CourseDocs['homework'] = {};
  const keys: CourseDocs['keys'] = {};
  let order = 0;
  let hwOrder = 0;
  const syllabus: SyllabusModule[] = spec.modules.map((module) => {
    for (const unit of module.units) {
      units[unit.id] = {
        ...(unit.preview ? PUBLIC : gate),
        status: 'published',
        moduleId: module.id,
        order: order++,
        title: unit.title,
        preview: unit.preview,
        html: ctx.render(unit.markdown),
        video: unit.video?.provider === 'file' ? { provider: 'file', ref: stored(unit.video.ref).path } : unit.video,
        attachments: unit.attachments.map((a) => ({ title: a.title, ...stored(a.path) })),
        availableAfterDays: unit.availableAfterDays,
        sourceHash: markdownHash(JSON.stringify(unit)),
        sourcePath: unit.sourcePath,
        updatedAt: ctx.now,
      };
    }
    for (const hw of module.homework) {
      homework[hw.id] = {
        ...gate,
        status: 'published',
        moduleId: module.id,
        order: hwOrder++,
        title: hw.title,
        descriptionHtml: ctx.render(hw.description),
        questions: hw.questions.map((q) => ({
          id: q.id,
          type: q.type,
          html: ctx.render(q.text),
          options: q.options,
          points: q.points,
        })),
        links: hw.links,
        sourceHash: markdownHash(JSON.stringify(hw)),
        sourcePath: hw.sourcePath,
        updatedAt: ctx.now,
      };
      keys[hw.id] = {
        answers: Object.fromEntries(
          hw.questions.map((q) => [q.id, { type: q.type, answer: q.answer, tolerance: q.tolerance, points: q.points }]),
        ),
      };
    }
    return {
      id: module.id,
      title: module.title,
      units: module.units.map((u) => ({
        id: u.id,
        title: u.title,
        preview: u.preview,
        hasVideo: u.video !== null,
        availableAfterDays: u.availableAfterDays,
      })),
      homework: module.homework.map((hw) => ({ id: hw.id, title: hw.title, points: homeworkPoints(hw) })),
    };
  });
  const projectPoints = spec.project
    ? spec.project.criteria.reduce((sum, c) => sum + c.maxPoints, 0) +
      spec.project.pointsPerReview * spec.project.reviewsRequired
    : 0;
  const cohorts: CourseDocs['cohorts'] = Object.fromEntries(
    spec.cohorts.map((c) => [
      c.id,
      {
        title: c.title,
        status: 'published' as const,
        enrollmentOpensAt: new Date(c.enrollmentOpens),
        enrollmentClosesAt: new Date(c.enrollmentCloses),
        startAt: new Date(c.start),
        endAt: new Date(c.end),
        capacity: c.capacity,
        // The sync never overwrites the counter; enrollments keep it (see the sync's merge).
        enrolled: 0,
        deadlines: Object.fromEntries(Object.entries(c.deadlines).map(([id, at]) => [id, new Date(at)])),
        sessions: c.sessions,
        updatedAt: ctx.now,
      },
    ]),
  );
  const teaser: CourseTeaser<Date> = {
    title: spec.title,
    summary: spec.summary,
    cover: spec.cover && !/^https:\/\//.test(spec.cover) ? stored(spec.cover).path : spec.cover,
    instructors: spec.instructors,
    kind: spec.kind,
    ...gate,
    status: 'published',
    syllabus,
    unitCount: order,
    maxPoints: syllabus.flatMap((m) => m.homework).reduce((sum, h) => sum + h.points, 0) + projectPoints,
    passPoints: spec.passPoints,
    project: spec.project,
    pollId: spec.pollId,
    commit: ctx.commit,
    updatedAt: ctx.now,
  };
  return { teaser, units, homework, keys, cohorts };
}
