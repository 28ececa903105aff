// The community's pure half: `config/community` (invite links and the plan that gets them), the seat
// lists admins work through, and which plan to offer a member whose plan lacks it. Tested in
// community.test.ts. Mirrors functions/src/community (the backend owns the states and transitions).
import { sortedTiers, type Tier, type TiersConfig } from '@shared/tiers';
import { toDate } from './subscription';

/** `community/{uid}`: a member's seat (admins read). */
export const COMMUNITY = 'community';
/** `config/community`. */
export const COMMUNITY_DOC = 'community';
export const COMPLETE_SEAT = 'completeCommunitySeat';
/** The design's default: the community comes with Main and up. */
export const DEFAULT_COMMUNITY_ACCESS = 'main';

export const COMMUNITY_STATES = ['invited', 'active', 'to-deactivate', 'deactivated', 'to-reactivate'] as const;
export type CommunityState = (typeof COMMUNITY_STATES)[number];
/** Waiting for an admin to act in Slack (then "Mark done"). */
export type PendingState = 'to-deactivate' | 'to-reactivate';
/** Who holds a seat now: invited or active, and those whose deactivation is still to be carried out. */
export const SEATED_STATES: CommunityState[] = ['invited', 'active', 'to-deactivate'];

export interface CommunityConfig {
  access: string;
  rank: number;
  slackInviteUrl: string;
  telegramInviteUrl: string;
}

const str = (value: unknown) => (typeof value === 'string' ? value : '');

/** `config/community` as stored, with missing fields read as empty (null when it is not a config at all). */
export function communityConfigOf(data: unknown): CommunityConfig | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  const access = str(d.access);
  if (!access || typeof d.rank !== 'number') return null;
  return { access, rank: d.rank, slackInviteUrl: str(d.slackInviteUrl), telegramInviteUrl: str(d.telegramInviteUrl) };
}

/** An absolute https URL, or null: only those become links (never `javascript:` or a relative path). */
export function httpsUrl(value: string): string | null {
  const trimmed = value.trim();
  if (!/^https:\/\//i.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'https:' && url.hostname ? url.href : null;
  } catch {
    return null;
  }
}

export interface InviteLinks {
  slack: string | null;
  telegram: string | null;
}

export function inviteLinks(config: CommunityConfig | null): InviteLinks {
  return {
    slack: config ? httpsUrl(config.slackInviteUrl) : null,
    telegram: config ? httpsUrl(config.telegramInviteUrl) : null,
  };
}

const MENTIONS_COMMUNITY = /\bslack\b|\bcommunity\b/i;

/**
 * The plan to offer a member who may not read `config/community` (rules refuse it below its rank, so
 * its level is unknown to them): the lowest tier whose advertised benefits name the community, and only
 * if it is above the reader's rank. Undefined when no plan says so: never upsell what pricing does not promise.
 */
export function communityUpsell(config: TiersConfig, readerRank: number): Tier | undefined {
  const tier = sortedTiers(config).find((t) => t.benefits.some((b) => MENTIONS_COMMUNITY.test(b)));
  return tier && tier.rank > readerRank ? tier : undefined;
}

// ---- admin: the config form ------------------------------------------------------------------------

export interface CommunityForm {
  access: string;
  slackInviteUrl: string;
  telegramInviteUrl: string;
}

export function communityForm(config: CommunityConfig | null): CommunityForm {
  return {
    access: config?.access ?? DEFAULT_COMMUNITY_ACCESS,
    slackInviteUrl: config?.slackInviteUrl ?? '',
    telegramInviteUrl: config?.telegramInviteUrl ?? '',
  };
}

const LINK_ERROR = 'Enter a link starting with https:// (or leave it empty)';

/** Field errors by name (`access`, `slackInviteUrl`, `telegramInviteUrl`); empty when the form is valid. */
export function validateCommunityForm(form: CommunityForm, tiers: TiersConfig): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!tiers.tiers[form.access]) errors.access = 'Choose a plan';
  for (const field of ['slackInviteUrl', 'telegramInviteUrl'] as const) {
    if (form[field].trim() && !httpsUrl(form[field])) errors[field] = LINK_ERROR;
  }
  return errors;
}

/** The document to write: exactly the keys the rules allow, `rank` taken from `config/tiers`. */
export function communityFormToConfig(form: CommunityForm, tiers: TiersConfig): CommunityConfig {
  const rank = tiers.tiers[form.access]?.rank;
  if (rank === undefined) throw new Error(`Unknown plan "${form.access}"`);
  return {
    access: form.access,
    rank,
    slackInviteUrl: form.slackInviteUrl.trim(),
    telegramInviteUrl: form.telegramInviteUrl.trim(),
  };
}

// ---- admin: seats ------------------------------------------------------------------------------------

export interface SeatRow {
  uid: string;
  email: string;
  state: CommunityState | null;
  /** When the seat entered its state. */
  updatedAt: Date | null;
  doneBy: string;
}

export function seatRow(uid: string, data: Record<string, unknown>): SeatRow {
  const state = (COMMUNITY_STATES as readonly unknown[]).includes(data.state) ? (data.state as CommunityState) : null;
  return { uid, email: str(data.email), state, updatedAt: toDate(data.updatedAt), doneBy: str(data.doneBy) };
}

/** Oldest first: whoever has waited longest is at the top; rows without a time go last. */
export function sortSeats(rows: SeatRow[]): SeatRow[] {
  const time = (r: SeatRow) => r.updatedAt?.getTime() ?? Number.POSITIVE_INFINITY;
  return [...rows].sort((a, b) => time(a) - time(b) || a.email.localeCompare(b.email));
}
