import { FieldPath, Timestamp, type Firestore, type QueryDocumentSnapshot } from 'firebase-admin/firestore';
import { readTiers } from '../app/tiers-config';
import {
  changeOn,
  monthlyRevenue,
  nextMemberState,
  revenueStateOf,
  topCounts,
  type RevenueFacts,
} from '../domain/overview';
import type { SubscriptionMirror } from '../shared/billing';
import { EVENTS } from '../shared/events';
import { MATERIALS } from '../shared/materials';
import { memberSearchKeys, MEMBER_SEARCH_FIELD } from '../shared/member-search';
import { MEMBERS } from '../shared/members';
import { NEWSLETTERS, type NewsletterStats } from '../shared/newsletters';
import {
  MATERIAL_DOWNLOADS,
  MAX_EVENT_LINES,
  OVERVIEW_SNAPSHOTS,
  TOP_MATERIALS,
  utcDay,
  type OverviewMemberState,
  type OverviewSnapshot,
} from '../shared/overview';
import { sortedTiers } from '../shared/tiers';

export interface OverviewDeps {
  db: Firestore;
  now: () => Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Members read per page: memory stays flat whatever the community's size. */
export const MEMBER_PAGE = 300;

const toDate = (t: unknown): Date | null => (t instanceof Timestamp ? t.toDate() : null);

/** The revenue facts of a member document (its subscription mirror and grant). */
function factsOf(doc: QueryDocumentSnapshot): RevenueFacts {
  const sub = doc.get('subscription') as SubscriptionMirror<Timestamp> | null | undefined;
  const grant = doc.get('grant') as { endsAt?: unknown } | null | undefined;
  return {
    subscription: sub
      ? {
          status: sub.status,
          tier: sub.tier ?? null,
          interval: sub.interval ?? null,
          amount: typeof sub.amount === 'number' ? sub.amount : 0,
          currency: typeof sub.currency === 'string' ? sub.currency : '',
          graceUntil: toDate(sub.graceUntil),
        }
      : null,
    grant: grant ? { endsAt: toDate(grant.endsAt) } : null,
  };
}

const sameKeys = (a: unknown, b: string[]) =>
  Array.isArray(a) && a.length === b.length && a.every((k, i) => k === b[i]);

/**
 * Every member once, `pageSize` at a time (ordered by id, only the fields needed): tier counts, revenue
 * states, MRR, sign-ups, conversions and churn of `day`. Writes each member's `overviewState` when it
 * changed, and the search keys of members that lack them (older members), in one batch per page.
 */
async function memberFigures(deps: OverviewDeps, day: string, now: Date, pageSize: number) {
  const tiers = await readTiers(deps.db);
  const byTier: Record<string, number> = Object.fromEntries(sortedTiers(tiers).map((t) => [t.id, 0]));
  const figures = { total: 0, paid: 0, trial: 0, complimentary: 0, signups: 0, conversions: 0, churned: 0 };
  const mrr: Record<string, number> = {};
  const dayStart = Date.parse(`${day}T00:00:00Z`);
  let after: QueryDocumentSnapshot | undefined;
  for (;;) {
    let query = deps.db
      .collection(MEMBERS)
      .orderBy(FieldPath.documentId())
      .select('tier', 'createdAt', 'subscription', 'grant', 'overviewState', 'email', 'name', MEMBER_SEARCH_FIELD)
      .limit(pageSize);
    if (after) query = query.startAfter(after);
    const page = await query.get();
    const batch = deps.db.batch();
    let writes = 0;
    for (const doc of page.docs) {
      figures.total++;
      const tier = doc.get('tier') as unknown;
      if (typeof tier === 'string' && Object.hasOwn(byTier, tier)) byTier[tier]!++;
      const created = toDate(doc.get('createdAt'))?.getTime() ?? null;
      const signedUpToday = created !== null && created >= dayStart && created < dayStart + DAY_MS;
      if (signedUpToday) figures.signups++;
      const facts = factsOf(doc);
      const current = revenueStateOf(facts, now);
      if (current !== 'free') figures[current]++;
      const revenue = monthlyRevenue(facts, tiers, now);
      if (revenue) mrr[revenue.currency] = (mrr[revenue.currency] ?? 0) + revenue.amount;
      const stored = doc.get('overviewState') as OverviewMemberState | undefined;
      const next = nextMemberState(stored, current, day, signedUpToday);
      const change = changeOn(next.value, day);
      if (change === 'conversion') figures.conversions++;
      if (change === 'churn') figures.churned++;
      const update: Record<string, unknown> = next.write ? { overviewState: next.value } : {};
      const email = doc.get('email') as unknown;
      const keys = memberSearchKeys(typeof email === 'string' ? email : '', String(doc.get('name') ?? ''));
      if (!sameKeys(doc.get(MEMBER_SEARCH_FIELD), keys)) update[MEMBER_SEARCH_FIELD] = keys;
      if (Object.keys(update).length) {
        batch.update(doc.ref, update);
        writes++;
      }
    }
    if (writes) await batch.commit();
    if (page.docs.length < pageSize) break;
    after = page.docs.at(-1);
  }
  return { byTier, mrr, ...figures };
}

/** Issues that finished sending on `day` (a handful a day: one query). */
async function newsletterFigures(deps: OverviewDeps, start: Date, end: Date) {
  const snap = await deps.db
    .collection(NEWSLETTERS)
    .where('finishedAt', '>=', Timestamp.fromDate(start))
    .where('finishedAt', '<', Timestamp.fromDate(end))
    .select('status', 'stats')
    .get();
  const figures = { issues: 0, recipients: 0, sent: 0, opens: null };
  for (const doc of snap.docs) {
    if (doc.get('status') !== 'sent') continue;
    const stats = (doc.get('stats') ?? {}) as Partial<NewsletterStats>;
    figures.issues++;
    figures.recipients += stats.recipients ?? 0;
    figures.sent += stats.sent ?? 0;
  }
  return figures;
}

/** Published events that ended on `day`: how many, their registrations, the first `MAX_EVENT_LINES`. */
async function eventFigures(deps: OverviewDeps, start: Date, end: Date) {
  const snap = await deps.db
    .collection(EVENTS)
    .where('endAt', '>=', Timestamp.fromDate(start))
    .where('endAt', '<', Timestamp.fromDate(end))
    .select('status', 'title', 'registered')
    .get();
  const published = snap.docs.filter((d) => d.get('status') === 'published');
  const list = published.map((d) => ({
    id: d.id,
    title: String(d.get('title') ?? ''),
    registered: Number(d.get('registered') ?? 0),
  }));
  return {
    ended: list.length,
    registered: list.reduce((sum, e) => sum + e.registered, 0),
    attended: null,
    list: list.sort((a, b) => b.registered - a.registered).slice(0, MAX_EVENT_LINES),
  };
}

/** The day's download counters summed per material (paged), then the top ones with their titles. */
async function topMaterials(deps: OverviewDeps, day: string, pageSize: number) {
  const counts = new Map<string, number>();
  let after: QueryDocumentSnapshot | undefined;
  for (;;) {
    let query = deps.db
      .collection(MATERIAL_DOWNLOADS)
      .where('day', '==', day)
      .orderBy(FieldPath.documentId())
      .select('materialId', 'count')
      .limit(pageSize);
    if (after) query = query.startAfter(after);
    const page = await query.get();
    for (const doc of page.docs) {
      const id = String(doc.get('materialId'));
      counts.set(id, (counts.get(id) ?? 0) + Number(doc.get('count') ?? 0));
    }
    if (page.docs.length < pageSize) break;
    after = page.docs.at(-1);
  }
  const top = topCounts(counts, TOP_MATERIALS);
  if (!top.length) return [];
  const teasers = await deps.db.getAll(...top.map((t) => deps.db.collection(MATERIALS).doc(t.id)));
  return top.map((t, i) => ({
    id: t.id,
    title: String(teasers[i]?.get('title') ?? '(deleted material)'),
    downloads: t.count,
  }));
}

/**
 * Today's snapshot (the UTC day of `deps.now()`), computed from the members, newsletters, events and
 * download counters as they are now, stored as `overviewSnapshots/{day}` and returned. Idempotent per
 * day: a second run replaces the day's snapshot with the same figures (plus what happened since), because
 * conversions and churn come from the members' stored `overviewState`, not from the previous run.
 */
export async function takeOverviewSnapshot(
  deps: OverviewDeps,
  { pageSize = MEMBER_PAGE }: { pageSize?: number } = {},
): Promise<OverviewSnapshot<Date>> {
  const now = deps.now();
  const day = utcDay(now);
  const start = new Date(`${day}T00:00:00Z`);
  const end = new Date(start.getTime() + DAY_MS);
  const m = await memberFigures(deps, day, now, pageSize);
  const [newsletters, events, materials] = await Promise.all([
    newsletterFigures(deps, start, end),
    eventFigures(deps, start, end),
    topMaterials(deps, day, pageSize),
  ]);
  const snapshot: OverviewSnapshot<Date> = {
    day,
    takenAt: now,
    members: { total: m.total, byTier: m.byTier, paid: m.paid, trial: m.trial, complimentary: m.complimentary },
    mrr: m.mrr,
    signups: m.signups,
    conversions: m.conversions,
    churned: m.churned,
    newsletters,
    events,
    topMaterials: materials,
  };
  await deps.db
    .collection(OVERVIEW_SNAPSHOTS)
    .doc(day)
    .set({ ...snapshot, takenAt: Timestamp.fromDate(now) });
  return snapshot;
}
