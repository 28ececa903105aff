import { z } from 'zod';
import { docId, levelId } from './fields';
import { MAX_SHOWCASE_IMAGES, MAX_SHOWCASE_URL_LENGTH } from './showcase';
import { httpsUrl } from './urls';

// The showcase callables' request schemas (kept apart from showcase.ts so public pages carry no zod).

/** An absolute https URL of at most MAX_SHOWCASE_URL_LENGTH characters, stored normalised. */
export const httpsLink = z
  .string()
  .trim()
  .max(MAX_SHOWCASE_URL_LENGTH, `must be at most ${MAX_SHOWCASE_URL_LENGTH} characters`)
  .transform((value, ctx) => {
    const url = httpsUrl(value);
    if (!url) {
      ctx.addIssue({ code: 'custom', message: 'must be an https:// address' });
      return z.NEVER;
    }
    return url;
  });

/** An https URL, or empty for none. */
const optionalHttpsLink = z.union([z.literal(''), httpsLink]);

export const showcaseInputSchema = z
  .object({
    title: z.string().trim().min(3, 'must be at least 3 characters').max(120, 'must be at most 120 characters'),
    summary: z
      .string()
      .trim()
      .min(20, 'Say in at least 20 characters what it does')
      .max(1000, 'must be at most 1000 characters'),
    repoUrl: httpsLink,
    demoUrl: optionalHttpsLink,
    images: z.array(httpsLink).max(MAX_SHOWCASE_IMAGES, `at most ${MAX_SHOWCASE_IMAGES} images`),
    access: levelId('Choose who can see it'),
  })
  .strict();
export type ShowcaseInputData = z.input<typeof showcaseInputSchema>;

/** A new submission (`id` null) or an edit of the member's own pending one. */
export const submitShowcaseSchema = showcaseInputSchema.extend({ id: docId.nullable() }).strict();

export const withdrawShowcaseSchema = z.object({ id: docId }).strict();

export const moderateShowcaseSchema = z
  .object({
    id: docId,
    decision: z.enum(['approve', 'reject']),
    reason: z.string().trim().max(500, 'must be at most 500 characters'),
  })
  .strict()
  .refine((m) => m.decision === 'approve' || m.reason.length > 0, {
    message: 'say why it is rejected',
    path: ['reason'],
  });
