import { z } from 'zod';
import { docId, levelId, utf8Length } from './fields';

/**
 * Newsletters: composed in /admin, sent by functions in claimed batches with a per-recipient ledger.
 * `newsletters/{id}` (admins read/write drafts; functions own status and stats),
 * `newsletters/{id}/batches/{n}` and `newsletters/{id}/deliveries/{uid}` (functions only).
 */
export const NEWSLETTERS = 'newsletters';
export const NEWSLETTER_BATCHES = 'batches';
export const NEWSLETTER_DELIVERIES = 'deliveries';

/** `everyone`: every member with newsletters on, free included; else a tier id and above. */
export const EVERYONE = 'everyone';

export type NewsletterStatus = 'draft' | 'scheduled' | 'sending' | 'sent' | 'failed';

/** A part of the issue with its own access level: recipients below it get an upgrade prompt instead. */
export interface NewsletterSection {
  access: string;
  markdown: string;
}

export interface NewsletterStats {
  recipients: number;
  sent: number;
  failed: number;
  /** Recipients left out because their address is on the suppression list (ledger status `skipped`). */
  skipped?: number;
  batches: number;
  batchesDone: number;
}

export interface NewsletterDoc<Time = unknown> {
  subject: string;
  /** Preheader / first line shown by mail clients. */
  preview: string;
  sections: NewsletterSection[];
  audience: string;
  /** Optional material the issue links to (its public page). */
  materialId: string | null;
  status: NewsletterStatus;
  scheduledAt: Time | null;
  stats: NewsletterStats;
  createdBy: string;
  createdAt: Time;
  updatedAt: Time;
  startedAt: Time | null;
  finishedAt: Time | null;
  error: string | null;
}

export const NEWSLETTER_CALLABLES = {
  save: 'saveNewsletter',
  send: 'sendNewsletter',
  test: 'sendNewsletterTest',
  cancel: 'cancelNewsletter',
} as const;

/**
 * The text of an issue in all, in UTF-8 bytes: with its subject and bookkeeping a saved issue stays well
 * inside Firestore's 1 MiB document limit (20 full sections of 50,000 characters would not).
 */
export const MAX_ISSUE_TEXT_BYTES = 700_000;

const section = z.object({
  access: levelId('Choose who can read this section'),
  markdown: z.string().trim().min(1, 'A section cannot be empty').max(50_000),
});

/** The composer's fields, validated the same way in the admin form and in the callables. */
export const newsletterInputSchema = z
  .object({
    subject: z.string().trim().min(1, 'Write a subject').max(200, 'Keep the subject under 200 characters'),
    preview: z.string().trim().max(200).default(''),
    sections: z
      .array(section)
      .min(1, 'Write at least one section')
      .max(20)
      .refine((all) => utf8Length(all.map((s) => s.markdown).join('')) <= MAX_ISSUE_TEXT_BYTES, {
        message: `The issue is too long: at most ${MAX_ISSUE_TEXT_BYTES.toLocaleString('en')} bytes of text in all sections`,
      }),
    audience: levelId('Choose an audience'),
    materialId: docId.nullable().default(null),
  })
  .strict();
export type NewsletterInput = z.infer<typeof newsletterInputSchema>;

/** `saveNewsletter`: create (no id) or update a draft. */
export const saveNewsletterSchema = z.object({ id: docId.optional(), newsletter: newsletterInputSchema }).strict();
/** `sendNewsletter`: now (no `at`) or at an ISO time in the future. */
export const sendNewsletterSchema = z
  .object({ id: docId, at: z.iso.datetime({ offset: true }).nullable().default(null) })
  .strict();
export const newsletterIdSchema = z.object({ id: docId }).strict();
