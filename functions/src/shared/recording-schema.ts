import { z } from 'zod';
import { docId } from './fields';

// Request schemas of the recording callables (shared/callables.ts), apart from recordings.ts so the
// public bundle does not carry zod.

export const MAX_CHAPTERS = 100;
export const MAX_CHAPTER_LABEL = 120;

export const chapterSchema = z
  .object({
    at: z.number().int('must be whole seconds').nonnegative(),
    label: z.string().trim().min(1, 'must not be empty').max(MAX_CHAPTER_LABEL),
  })
  .strict();

/** At most 100 chapters, each later than the one before; the duration is checked against the stored recording. */
export const saveChaptersSchema = z
  .object({
    materialId: docId,
    chapters: z
      .array(chapterSchema)
      .max(MAX_CHAPTERS)
      .superRefine((chapters, ctx) => {
        chapters.forEach((c, i) => {
          const before = chapters[i - 1];
          if (before && c.at <= before.at)
            ctx.addIssue({ code: 'custom', path: [i, 'at'], message: 'must be later than the chapter before' });
        });
      }),
  })
  .strict();

export const draftChaptersSchema = z.object({ materialId: docId }).strict();
