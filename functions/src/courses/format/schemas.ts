// The shape of each course file (`course.yaml`, `module.yaml`, a unit's front matter, `*.homework.yaml`) as
// strict zod schemas: unknown keys are typos, reported with a "did you mean". Rules that need more than one
// value (question answers per type, dates in order, ids unique, files present) are in parse-course-repo.ts.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { COURSE_KINDS, QUESTION_TYPES } from '../../shared/courses';

/** Ids of courses (the folder name), modules, units, homework, questions, cohorts and criteria. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const ID_RULE = 'must be lowercase letters, digits and single dashes, like `intro-to-sql`';
const id = z.string().max(80, 'is too long (at most 80 characters)').regex(ID_PATTERN, ID_RULE);

const title = z.string().trim().min(1).max(200);
const markdown = (max: number) => z.string().max(max);
const httpsUrl = z
  .string()
  .max(2000)
  .regex(/^https:\/\/[^\s]+$/, 'must be an https:// URL');

/** An instant with a date, a time and a zone: `2027-01-14T18:00:00Z` or `2027-01-14T19:00:00+01:00`. */
export function isInstant(value: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
    DateTime.fromISO(value, { setZone: true }).isValid
  );
}
const instant = z
  .string()
  .refine(isInstant, 'must be a date and time with a zone, like 2027-01-14T18:00:00Z (ISO 8601)');

const sessionSchema = z.strictObject({ title, start: instant, end: instant });

const cohortSchema = z.strictObject({
  id,
  title,
  enrollment_opens: instant,
  enrollment_closes: instant,
  start: instant,
  end: instant,
  capacity: z.int().positive().max(100_000).nullish(),
  deadlines: z.record(z.string(), instant).nullish(),
  sessions: z.array(sessionSchema).max(100).nullish(),
});

const criterionSchema = z.strictObject({
  id,
  title,
  description: markdown(5_000).nullish(),
  max_points: z.int().positive().max(1_000),
});

const projectSchema = z.strictObject({
  title,
  description: markdown(20_000).min(1),
  reviews_required: z.int().min(1).max(10),
  points_per_review: z.int().min(0).max(100),
  criteria: z.array(criterionSchema).min(1).max(20),
  pass_score: z.number().min(0),
});

export const courseFileSchema = z.strictObject({
  /** Optional: the folder name is the slug; when written it must agree. */
  slug: z.string().nullish(),
  title,
  summary: z.string().trim().min(1).max(1_000),
  cover: z.string().trim().min(1).max(2_000).nullish(),
  instructors: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1).max(120),
        bio: markdown(2_000).nullish(),
        url: httpsUrl.nullish(),
      }),
    )
    .min(1)
    .max(20),
  access: z.string().min(1).max(80),
  kind: z.enum(COURSE_KINDS).nullish(),
  poll: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,128}$/, 'must be a poll id (letters, digits, - and _)')
    .nullish(),
  pass_points: z.int().min(0).max(100_000).nullish(),
  project: projectSchema.nullish(),
  cohorts: z.array(cohortSchema).max(50).nullish(),
});
export type CourseFile = z.output<typeof courseFileSchema>;

export const moduleFileSchema = z.strictObject({ id: id.nullish(), title: title.nullish() });

export const unitFrontMatterSchema = z.strictObject({
  id,
  title,
  preview: z.boolean().nullish(),
  video: z.string().trim().min(1).max(2_000).nullish(),
  attachments: z
    .array(z.strictObject({ title, file: z.string().trim().min(1).max(500) }))
    .max(50)
    .nullish(),
  available_after_days: z.int().min(0).max(3_650).nullish(),
});

const questionSchema = z.strictObject({
  id,
  type: z.enum(QUESTION_TYPES),
  text: markdown(5_000).min(1),
  options: z.array(z.string().trim().min(1).max(500)).max(26).nullish(),
  // Its type depends on `type`: checked in parse-course-repo.ts with a message per type.
  answer: z.unknown().optional(),
  tolerance: z.number().nullish(),
  points: z.int().positive().max(1_000),
});

export const homeworkFileSchema = z.strictObject({
  id,
  title,
  description: markdown(20_000).nullish(),
  questions: z.array(questionSchema).max(100).nullish(),
  learning_in_public: z
    .strictObject({ points_per_link: z.int().positive().max(100), max_links: z.int().positive().max(100) })
    .nullish(),
});
export type HomeworkFile = z.output<typeof homeworkFileSchema>;
