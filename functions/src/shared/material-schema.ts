import { z } from 'zod';
import { levelId, mediaPath } from './fields';
import { httpsUrl } from './urls';
import { MATERIAL_KINDS, MATERIAL_STATUSES } from './material-kinds';
import { RECORDING_FILE_ROLES } from './recordings';

// Kept apart from materials.ts so the public catalog bundle does not carry zod.
const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** What an admin submits from the editor; ranks and search keys are derived, never typed. */
export const materialInputSchema = z
  .object({
    id: z.string().regex(slugPattern, 'Use lowercase letters, digits and dashes').max(80),
    kind: z.enum(MATERIAL_KINDS),
    title: z.string().trim().min(3, 'Title is too short').max(160),
    summary: z.string().trim().min(10, 'Write a teaser of at least 10 characters').max(600),
    tags: z.array(z.string().trim().min(1).max(40)).max(10),
    access: levelId('Choose who can read it'),
    status: z.enum(MATERIAL_STATUSES),
    author: z.string().trim().max(80),
    markdown: z.string().max(200_000, 'The body is too long (200,000 characters at most)'),
    files: z
      .array(
        z.object({
          name: z.string().min(1).max(200),
          path: mediaPath,
          size: z.number().int().nonnegative(),
          contentType: z.string().min(1).max(120),
          /** A recording's files say what they are for (video, transcript, chat); kept through editor saves. */
          role: z.enum(RECORDING_FILE_ROLES).optional(),
        }),
      )
      .max(20),
    /** Kind `link`: who wrote or hosts it, and the https URL (required for a link, absent otherwise). */
    source: z.string().trim().max(120, 'must be at most 120 characters').optional(),
    url: z.string().trim().max(2000, 'must be at most 2000 characters').optional(),
  })
  .superRefine((m, ctx) => {
    if (m.kind !== 'link') return;
    if (!m.url || !httpsUrl(m.url))
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'Give the https:// address it points to' });
    if (!m.source) ctx.addIssue({ code: 'custom', path: ['source'], message: 'Name the site or author' });
  });
export type MaterialInput = z.infer<typeof materialInputSchema>;
