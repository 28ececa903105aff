// The community's pure half: reading `config/community` (the plan that opens it) and its gated links,
// which plan to offer a member below it, the admin form that writes both, and the seat lists admins
// work through. Tested in community.test.ts. The contract lives in @shared/community; the backend
// (functions/src/community) owns the seat states and transitions.
import { tierNeeded } from '@shared/access';
import {
  COMMUNITY_STATES,
  type CommunityLevel,
  type CommunityLinks,
  type CommunityState,
  type SeatDoc,
} from '@shared/community';
import { tierById, type Tier, type TiersConfig } from '@shared/tiers';
import { httpsUrl } from '@shared/urls';
import { toDate } from './subscription';

/** Who holds a seat now: invited or active, and those whose deactivation is still to be carried out. */
export const SEATED_STATES: CommunityState[] = ['invited', 'active', 'to-deactivate'];

const str = (value: unknown) => (typeof value === 'string' ? value : '');

/** `config/community` as stored; null when it is not a level at all. */
export function communityLevelOf(data: Partial<CommunityLevel> | undefined): CommunityLevel | null {
  const access = str(data?.access);
  return access && typeof data?.rank === 'number' ? { access, rank: data.rank } : null;
}

/** `config/community/gated/links` as stored, missing links read as empty; null when it has no level. */
export function communityLinksOf(data: Partial<CommunityLinks> | undefined): CommunityLinks | null {
  const level = communityLevelOf(data);
  if (!level) return null;
  return { ...level, slackInviteUrl: str(data?.slackInviteUrl), telegramInviteUrl: str(data?.telegramInviteUrl) };
}

export interface InviteLinks {
  slack: string | null;
  telegram: string | null;
}

export function inviteLinks(links: CommunityLinks | null): InviteLinks {
  return {
    slack: links ? httpsUrl(links.slackInviteUrl) : null,
    telegram: links ? httpsUrl(links.telegramInviteUrl) : null,
  };
}

/**
 * The plan to offer a reader below the community's level: the lowest tier that reaches it. Undefined
 * when the reader is at the level already, when no level is set, or when no tier reaches it.
 */
export function communityUpsell(
  tiers: TiersConfig,
  level: CommunityLevel | null,
  readerRank: number,
): Tier | undefined {
  return level && level.rank > readerRank ? tierNeeded(tiers, level) : undefined;
}

// ---- admin: the config form ------------------------------------------------------------------------

export interface CommunityForm {
  access: string;
  slackInviteUrl: string;
  telegramInviteUrl: string;
}

/** The form from what is stored: the links document when readable, else the level alone; empty when unset. */
export function communityForm(stored: CommunityLevel | CommunityLinks | null): CommunityForm {
  const links = stored && 'slackInviteUrl' in stored ? stored : null;
  return {
    access: stored?.access ?? '',
    slackInviteUrl: links?.slackInviteUrl ?? '',
    telegramInviteUrl: links?.telegramInviteUrl ?? '',
  };
}

const LINK_ERROR = 'Enter a link starting with https:// (or leave it empty)';

/** Field errors by name (`access`, `slackInviteUrl`, `telegramInviteUrl`); empty when the form is valid. */
export function validateCommunityForm(form: CommunityForm, tiers: TiersConfig): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!tierById(tiers, form.access)) errors.access = 'Choose a plan';
  for (const field of ['slackInviteUrl', 'telegramInviteUrl'] as const) {
    if (form[field].trim() && !httpsUrl(form[field])) errors[field] = LINK_ERROR;
  }
  return errors;
}

/**
 * The two documents to write together: the public level and the gated links, with the same `access`
 * and the `rank` of that plan in `config/tiers` (the rules check both), and exactly the allowed keys.
 */
export function communityFormToDocs(
  form: CommunityForm,
  tiers: TiersConfig,
): { level: CommunityLevel; links: CommunityLinks } {
  const rank = tierById(tiers, form.access)?.rank;
  if (rank === undefined) throw new Error(`Unknown plan "${form.access}"`);
  const level = { access: form.access, rank };
  return {
    level,
    links: { ...level, slackInviteUrl: form.slackInviteUrl.trim(), telegramInviteUrl: form.telegramInviteUrl.trim() },
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

export function seatRow(uid: string, data: Partial<SeatDoc>): SeatRow {
  const state = (COMMUNITY_STATES as readonly unknown[]).includes(data.state) ? (data.state as CommunityState) : null;
  return { uid, email: str(data.email), state, updatedAt: toDate(data.updatedAt), doneBy: str(data.doneBy) };
}

/** Oldest first: whoever has waited longest is at the top; rows without a time go last. */
export function sortSeats(rows: SeatRow[]): SeatRow[] {
  const time = (r: SeatRow) => r.updatedAt?.getTime() ?? Number.POSITIVE_INFINITY;
  return [...rows].sort((a, b) => time(a) - time(b) || a.email.localeCompare(b.email));
}
