// Courses on public pages (catalog, course page, sitemap): which teaser and cohort fields the `ssr` function may
// render. The server reads with admin rights, so these lists, not the rules, keep everything else out: unit
// bodies, homework, answer keys and enrollments have no reader method, and a teaser's other fields (the commit,
// the project's criteria) no entry here.
import type { CourseCohort, CourseKind, CourseTeaser } from './courses';

/** The teaser fields a catalog card and a course page show (the syllabus: titles and markers only). */
export const PUBLIC_COURSE_FIELDS = [
  'title',
  'summary',
  'cover',
  'instructors',
  'kind',
  'access',
  'rank',
  'status',
  'syllabus',
  'unitCount',
  'maxPoints',
  'passPoints',
  'pollId',
  'updatedAt',
] as const satisfies readonly (keyof CourseTeaser)[];

/** The cohort fields a course page shows: dates, capacity and the seats taken. */
export const PUBLIC_COHORT_FIELDS = [
  'title',
  'enrollmentOpensAt',
  'enrollmentClosesAt',
  'startAt',
  'endAt',
  'capacity',
  'enrolled',
] as const satisfies readonly (keyof CourseCohort)[];

type Picked<Time> = Pick<CourseTeaser<Time>, (typeof PUBLIC_COURSE_FIELDS)[number]>;

/** A published course as public pages carry it, with its slug; times are milliseconds on the wire. */
export type PublicCourse<Time = number> = Picked<Time> & { id: string };

export type PublicCohort<Time = number> = Pick<CourseCohort<Time>, (typeof PUBLIC_COHORT_FIELDS)[number]> & {
  id: string;
};

/** A course page's data: the teaser and its published cohorts, soonest start first. */
export interface PublicCoursePage<Time = number> {
  course: PublicCourse<Time>;
  cohorts: PublicCohort<Time>[];
}

/** Which courses a reader lists: one kind or both (''). */
export interface CourseListQuery {
  kind: CourseKind | '';
}

/** The catalog reads at most this many courses (it shows them all, grouped, without paging). */
export const COURSES_LIMIT = 500;

const pick = <T extends object, K extends keyof T>(data: T, fields: readonly K[]) =>
  Object.fromEntries(fields.filter((f) => data[f] !== undefined).map((f) => [f, data[f]])) as Pick<T, K>;

/** Only the public fields of a stored teaser (deep copies of the nested ones), times converted by `time`. */
export function publicCourse<In, Out>(id: string, data: CourseTeaser<In>, time: (value: In) => Out): PublicCourse<Out> {
  const picked = pick(data, PUBLIC_COURSE_FIELDS);
  return {
    ...picked,
    id,
    instructors: data.instructors.map((i) => ({ name: i.name, bio: i.bio, url: i.url })),
    syllabus: data.syllabus.map((m) => ({
      id: m.id,
      title: m.title,
      units: m.units.map((u) => ({
        id: u.id,
        title: u.title,
        preview: u.preview,
        hasVideo: u.hasVideo,
        availableAfterDays: u.availableAfterDays,
      })),
      homework: m.homework.map((h) => ({ id: h.id, title: h.title, points: h.points })),
    })),
    updatedAt: time(data.updatedAt),
  };
}

/** Only the public fields of a stored cohort, times converted by `time`. */
export function publicCohort<In, Out>(id: string, data: CourseCohort<In>, time: (value: In) => Out): PublicCohort<Out> {
  return {
    ...pick(data, PUBLIC_COHORT_FIELDS),
    id,
    enrollmentOpensAt: time(data.enrollmentOpensAt),
    enrollmentClosesAt: time(data.enrollmentClosesAt),
    startAt: time(data.startAt),
    endAt: time(data.endAt),
  };
}
