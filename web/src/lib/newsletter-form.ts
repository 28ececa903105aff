// The newsletter composer's pure half: form <-> callable input, validation to field errors, audience
// labels, progress and the schedule time. Unit-tested in newsletter-form.test.ts.
import {
  EVERYONE,
  newsletterInputSchema,
  type NewsletterDoc,
  type NewsletterInput,
  type NewsletterSection,
  type NewsletterStats,
  type NewsletterStatus,
} from '@shared/newsletters';
import { lowestTier, PUBLIC_ACCESS, rankOf, sortedTiers, tierById, type TiersConfig } from '@shared/tiers';
import { toDate } from './subscription';

/** A section as the form edits it: `key` keeps its editor in place when sections move. */
export interface SectionForm extends NewsletterSection {
  key: number;
}

export interface NewsletterForm {
  subject: string;
  preview: string;
  audience: string;
  /** Material id, or '' for none. */
  materialId: string;
  sections: SectionForm[];
}

let nextKey = 1;
export function emptySection(access: string = PUBLIC_ACCESS): SectionForm {
  return { key: nextKey++, access, markdown: '' };
}

export function emptyNewsletterForm(): NewsletterForm {
  return { subject: '', preview: '', audience: EVERYONE, materialId: '', sections: [emptySection()] };
}

/** What `saveNewsletter` takes (and `newsletterInputSchema` validates). */
export function newsletterFormToInput(form: NewsletterForm): NewsletterInput {
  return {
    subject: form.subject.trim(),
    preview: form.preview.trim(),
    audience: form.audience,
    materialId: form.materialId.trim() || null,
    sections: form.sections.map(({ access, markdown }) => ({ access, markdown })),
  };
}

export function newsletterInputToForm(input: NewsletterInput): NewsletterForm {
  return {
    subject: input.subject,
    preview: input.preview,
    audience: input.audience,
    materialId: input.materialId ?? '',
    sections: input.sections.length
      ? input.sections.map((s) => ({ key: nextKey++, access: s.access, markdown: s.markdown }))
      : [emptySection()],
  };
}

/**
 * The first message per field: `subject`, `audience`, `sections` (the list itself) and
 * `sections.<i>.access` / `sections.<i>.markdown` for one section's controls.
 */
export function newsletterFieldErrors(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const { path, message } of issues) {
    const key =
      path[0] === 'sections' && typeof path[1] === 'number'
        ? path.slice(0, 3).map(String).join('.')
        : String(path[0] ?? 'form');
    errors[key] ??= message;
  }
  return errors;
}

export const isKnownAudience = (config: TiersConfig, audience: string) =>
  audience === EVERYONE || tierById(config, audience) !== undefined;

/** Field errors of the form as it would be saved (shared schema, then the tiers that exist); empty when valid. */
export function validateNewsletterForm(form: NewsletterForm, config: TiersConfig): Record<string, string> {
  const parsed = newsletterInputSchema.safeParse(newsletterFormToInput(form));
  const errors = parsed.success ? {} : newsletterFieldErrors(parsed.error.issues);
  if (!errors.audience && !isKnownAudience(config, form.audience)) errors.audience = 'Unknown audience';
  form.sections.forEach((s, i) => {
    const key = `sections.${i}.access`;
    if (!errors[key] && rankOf(config, s.access) === undefined) errors[key] = 'Choose a level that exists';
  });
  return errors;
}

// ---- audience ------------------------------------------------------------------------------------------

/** The audience select: everyone (free and up), then each paid tier "and up", lowest first. */
export function audienceOptions(config: TiersConfig): { value: string; label: string }[] {
  return [
    { value: EVERYONE, label: 'Everyone with newsletters on (free and up)' },
    ...sortedTiers(config)
      .filter((t) => t.rank > lowestTier(config).rank)
      .map((t) => ({ value: t.id, label: `${t.name} and up` })),
  ];
}

/** Short audience name for lists: "Everyone", "Main and up". */
export function audienceLabel(config: TiersConfig, audience: string): string {
  if (audience === EVERYONE) return 'Everyone';
  const tier = tierById(config, audience);
  return tier ? `${tier.name} and up` : `Unknown audience (${audience})`;
}

// ---- status and progress -----------------------------------------------------------------------------

export const STATUS_LABELS: Record<NewsletterStatus, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
};
export const statusLabel = (status: NewsletterStatus) => STATUS_LABELS[status] ?? status;

/** Only drafts are saved by `saveNewsletter`; anything else is shown read-only. */
export const isEditable = (status: NewsletterStatus) => status === 'draft';
/** Sending has started (or ended): the progress panel shows. */
export const hasDelivery = (status: NewsletterStatus) =>
  status === 'sending' || status === 'sent' || status === 'failed';

/** Share of recipients handled (sent or failed), 0-100, rounded down so 100 means every one. */
export function progressPercent(stats: NewsletterStats, status?: NewsletterStatus): number {
  if (stats.recipients <= 0) return status === 'sent' ? 100 : 0;
  const done = Math.max(0, stats.sent) + Math.max(0, stats.failed) + Math.max(0, stats.skipped ?? 0);
  return Math.min(100, Math.floor((done / stats.recipients) * 100));
}

// ---- the document as the app reads it --------------------------------------------------------------

/** `newsletters/{id}` with timestamps as Dates, read defensively (functions own status and stats). */
export interface NewsletterView {
  id: string;
  input: NewsletterInput;
  status: NewsletterStatus;
  stats: NewsletterStats;
  scheduledAt: Date | null;
  createdAt: Date | null;
  updatedAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  error: string | null;
}

const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Read defensively: a document from an older or newer version must not break the composer. */
export function newsletterView(id: string, data: Partial<NewsletterDoc>): NewsletterView {
  const stats: Partial<NewsletterStats> = data.stats && typeof data.stats === 'object' ? data.stats : {};
  const sections: unknown[] = Array.isArray(data.sections) ? data.sections : [];
  const status = text(data.status) as NewsletterStatus;
  return {
    id,
    input: {
      subject: text(data.subject),
      preview: text(data.preview),
      audience: text(data.audience) || EVERYONE,
      materialId: text(data.materialId) || null,
      sections: sections.map((s) => {
        const section = (s && typeof s === 'object' ? s : {}) as Record<string, unknown>;
        return { access: text(section.access) || PUBLIC_ACCESS, markdown: text(section.markdown) };
      }),
    },
    status: status in STATUS_LABELS ? status : 'draft',
    stats: {
      recipients: count(stats.recipients),
      sent: count(stats.sent),
      failed: count(stats.failed),
      skipped: count(stats.skipped),
      batches: count(stats.batches),
      batchesDone: count(stats.batchesDone),
    },
    scheduledAt: toDate(data.scheduledAt),
    createdAt: toDate(data.createdAt),
    updatedAt: toDate(data.updatedAt),
    startedAt: toDate(data.startedAt),
    finishedAt: toDate(data.finishedAt),
    error: text(data.error) || null,
  };
}

// ---- schedule -----------------------------------------------------------------------------------------

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const pad = (n: number, width = 2) => String(Math.trunc(Math.abs(n))).padStart(width, '0');

/**
 * A `datetime-local` value ("2030-06-01T09:30") as an ISO time that keeps its offset
 * ("2030-06-01T09:30:00+02:00"). `offsetMinutes` (east of UTC) defaults to this browser's offset at that
 * local time, so summer and winter time are both right. Null when the value is not a date and time.
 */
export function localInputToIso(value: string, offsetMinutes?: number): string | null {
  const m = LOCAL_INPUT.exec(value.trim());
  if (!m) return null;
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0] = m.slice(1).map((p) => Number(p ?? 0));
  const local = new Date(year, month - 1, day, hour, minute, second);
  if (Number.isNaN(local.getTime()) || local.getMonth() !== month - 1 || local.getDate() !== day) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const offset = offsetMinutes ?? -local.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  return (
    `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}` +
    `${sign}${pad(Math.abs(offset) / 60)}:${pad(Math.abs(offset) % 60)}`
  );
}

/** A Date as a `datetime-local` value in this browser's time zone ("2030-06-01T09:30"). */
export function dateToLocalInput(date: Date): string {
  return (
    `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

export const FUTURE_TIME = 'Choose a time in the future';

/** The schedule input checked before calling `sendNewsletter`: an ISO time after `now`, or why not. */
export function parseSchedule(
  value: string,
  now: Date = new Date(),
  offsetMinutes?: number,
): { ok: true; at: string } | { ok: false; error: string } {
  if (!value.trim()) return { ok: false, error: 'Choose a date and time' };
  const at = localInputToIso(value, offsetMinutes);
  if (!at) return { ok: false, error: 'Choose a valid date and time' };
  if (Date.parse(at) <= now.getTime()) return { ok: false, error: FUTURE_TIME };
  return { ok: true, at };
}
