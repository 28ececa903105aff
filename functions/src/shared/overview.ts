import { z } from 'zod';

/**
 * The admin overview: one snapshot a day of the community's health (`overviewSnapshots/{YYYY-MM-DD}`, admins
 * read, functions write), the member search keys and the CSV exports. Words: CONTEXT.md (MRR, churn,
 * conversion); how it is built: docs/architecture.md, "Admin overview".
 */
export const OVERVIEW_SNAPSHOTS = 'overviewSnapshots';
/** Sharded counters of granted file URLs per material and day (`{day}_{materialId}_{shard}`); functions only. */
export const MATERIAL_DOWNLOADS = 'materialDownloads';

/** What a member is to revenue now: paying (counted in MRR), on a trial, on a complimentary grant, or free. */
export const REVENUE_STATES = ['free', 'trial', 'paid', 'complimentary'] as const;
export type RevenueState = (typeof REVENUE_STATES)[number];

/**
 * `members/{uid}.overviewState`, written by the snapshot when a member's revenue state changes: the state,
 * the UTC day it was first seen (`since`) and the state before that day (`prev`; null when the member was
 * first seen that day without having signed up that day, so nothing is counted).
 */
export interface OverviewMemberState {
  state: RevenueState;
  since: string;
  prev: RevenueState | null;
}

export interface OverviewEventLine {
  id: string;
  title: string;
  registered: number;
}

export interface OverviewMaterialLine {
  id: string;
  title: string;
  downloads: number;
}

/** `overviewSnapshots/{day}`: the community on that UTC day, as the snapshot saw it at `takenAt`. */
export interface OverviewSnapshot<Time = unknown> {
  day: string;
  takenAt: Time;
  /** Synthesized by the seed for the demo: never a real measure. */
  demo?: boolean;
  members: {
    total: number;
    /** Members by the tier they hold (`members/{uid}.tier`), every configured tier present. */
    byTier: Record<string, number>;
    paid: number;
    trial: number;
    complimentary: number;
  };
  /** Monthly recurring revenue by currency, smallest unit: paid subscriptions only (no trials, no grants). */
  mrr: Record<string, number>;
  /** Accounts created that day. */
  signups: number;
  /** Members who started paying that day (from free, a trial or a grant). */
  conversions: number;
  /** Members who stopped paying that day (lapsed or cancelled). */
  churned: number;
  newsletters: {
    /** Issues that finished sending that day, and their counts. */
    issues: number;
    recipients: number;
    sent: number;
    /** Null: the mail provider does not report opens to us (open tracking is off). */
    opens: number | null;
  };
  events: {
    /** Published events that ended that day, and their registrations. */
    ended: number;
    registered: number;
    /** Null: Zoom's attendance is not read. */
    attended: number | null;
    list: OverviewEventLine[];
  };
  /** The day's most downloaded materials (granted file URLs), at most `TOP_MATERIALS`. */
  topMaterials: OverviewMaterialLine[];
}

export const TOP_MATERIALS = 10;
/** Events listed per snapshot (the counts cover all). */
export const MAX_EVENT_LINES = 20;

/** The UTC day of an instant, `YYYY-MM-DD`. */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

/** `refreshOverview`: takes today's snapshot now (no input). */
export const refreshOverviewSchema = z.object({}).strict();

export const EXPORT_KINDS = ['members', 'materials', 'events', 'courses'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
/** The `exportCsv` HTTP function's query: which table. */
export const exportQuerySchema = z.object({ kind: z.enum(EXPORT_KINDS) }).strict();

/**
 * MRR change against an earlier figure, by currency: `{ currency, now, before, change }` for every currency
 * in either (a currency missing on one side is 0 there).
 */
export function mrrChange(
  now: Record<string, number>,
  before: Record<string, number>,
): { currency: string; now: number; before: number; change: number }[] {
  const currencies = [...new Set([...Object.keys(now), ...Object.keys(before)])].sort();
  return currencies.map((currency) => {
    const [n, b] = [now[currency] ?? 0, before[currency] ?? 0];
    return { currency, now: n, before: b, change: n - b };
  });
}
