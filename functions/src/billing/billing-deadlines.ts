import { logger } from 'firebase-functions';
import { Timestamp, type DocumentSnapshot, type Query } from 'firebase-admin/firestore';
import { readTiers } from '../app/tiers-config';
import {
  billingReminders,
  graceLapsed,
  noticeKey,
  RENEWAL_NOTICE_DAYS,
  TRIAL_NOTICE_DAYS,
} from '../domain/billing-state';
import { entitlementFor } from '../domain/entitlement';
import { queueMail, queueMailOnce } from '../mail/queue-mail';
import { billingNewsAlongside } from '../notifications/notification-store';
import { grantFact, refreshEntitlement, subscriptionFact, type MemberDeps } from '../members/member-store';
import type { MemberBillingFields, SubscriptionMirror } from '../shared/billing';
import { MAIL } from '../shared/mail';
import { MEMBERS, type MemberDoc } from '../shared/members';
import type { TiersConfig } from '../shared/tiers';
import { planView } from './subscription-sync';

/**
 * Billing deadlines no webhook announces reliably: a grace period that runs out (Stripe sends nothing at
 * our grace end), a trial about to end and a yearly renewal coming (Stripe's `trial_will_end` and
 * `invoice.upcoming` may be lost or disabled). The hourly job reads only our members' mirrors; each mail's
 * key names its occurrence, so re-runs, the webhook and the job together queue one mail.
 */

type Member = MemberDoc<Timestamp> & MemberBillingFields<Timestamp>;
const DAY_MS = 24 * 60 * 60 * 1000;
const PAGE = 200;

const tierName = (tiers: TiersConfig, tier: string | null) => (tier ? (tiers.tiers[tier]?.name ?? tier) : null);

/** Every member a query finds, page by page (ordered by the field it filters on). */
async function forEachMember(query: Query, orderBy: string, visit: (doc: DocumentSnapshot) => Promise<void>) {
  let last: DocumentSnapshot | undefined;
  for (;;) {
    let page = query.orderBy(orderBy).limit(PAGE);
    if (last) page = page.startAfter(last);
    const snap = await page.get();
    for (const doc of snap.docs) {
      // One member failing must not hold up the others; the next run tries again.
      await visit(doc).catch((err: unknown) => logger.warn(`billing deadline for members/${doc.id} failed`, err));
    }
    if (snap.size < PAGE) return;
    last = snap.docs[snap.docs.length - 1];
  }
}

/** Whether the member's grace is over while they still hold more than entitlement now gives (`graceLapsed`). */
function holdsLapsedTier(member: Member, tiers: TiersConfig, now: Date): boolean {
  const fact = subscriptionFact(member.subscription);
  if (!fact) return false;
  const entitled = entitlementFor({ grant: grantFact(member.grant), subscription: fact, now, tiers });
  return graceLapsed(fact, member.rank, entitled.rank, now);
}

/**
 * One member whose grace may have run out: when it has and they still hold the paid rank, queue
 * `access-ended` (the key the webhook's sync would use for the same period) and refresh entitlement.
 * The mail goes first, in a transaction that re-reads the member, so a crash before the refresh leaves the
 * member in the next run's query and the refresh happens then, without a second mail.
 */
export async function endGraceOf(deps: MemberDeps, uid: string, tiers: TiersConfig): Promise<boolean> {
  const ref = deps.db.collection(MEMBERS).doc(uid);
  const now = deps.now();
  const lapsed = await deps.db.runTransaction(async (tx) => {
    const member = (await tx.get(ref)).data() as Member | undefined;
    const sub = member?.subscription;
    if (!member || !sub || !holdsLapsedTier(member, tiers, now)) return false;
    const view = planView(sub, now);
    const key = noticeKey(uid, 'access-ended', view, view, now);
    const mail = deps.db.collection(MAIL).doc(key);
    if (!(await tx.get(mail)).exists) {
      const data = { tier: sub.tier, tierName: tierName(tiers, sub.tier) };
      const writeNews = await billingNewsAlongside(deps.db, { key, uid, template: 'access-ended', data })(tx);
      queueMail(deps.db, tx, { key, to: member.email, uid, template: 'access-ended', data }, now);
      writeNews();
    }
    return true;
  });
  if (lapsed) await refreshEntitlement(deps, uid);
  return lapsed;
}

/** Members whose `past_due` grace has passed while they still hold the paid tier: tier taken, mail queued once. */
export async function endLapsedGrace(deps: MemberDeps): Promise<string[]> {
  const tiers = await readTiers(deps.db);
  const ended: string[] = [];
  // graceUntil is set only while past_due, so the range finds exactly the lapsed ones (null never matches).
  const due = deps.db.collection(MEMBERS).where('subscription.graceUntil', '<=', Timestamp.fromDate(deps.now()));
  await forEachMember(due, 'subscription.graceUntil', async (doc) => {
    // Members already fallen back stay in the range until Stripe gives up: skip them without a transaction.
    if (!holdsLapsedTier(doc.data() as Member, tiers, deps.now())) return;
    if (await endGraceOf(deps, doc.id, tiers)) ended.push(doc.id);
  });
  return ended;
}

/**
 * The reminders due for one member's subscription mirror (trial ending, yearly renewal), each queued once.
 * `slackMs` for Stripe's own notices, which come a little ahead of our window. Returns the templates queued.
 */
export async function queueRemindersOf(
  deps: MemberDeps,
  uid: string,
  tiers: TiersConfig,
  slackMs = 0,
): Promise<string[]> {
  const member = (await deps.db.collection(MEMBERS).doc(uid).get()).data() as Member | undefined;
  const sub: SubscriptionMirror<Timestamp> | null | undefined = member?.subscription;
  if (!member || !sub) return [];
  const now = deps.now();
  const due = billingReminders(
    {
      id: sub.id,
      status: sub.status,
      interval: sub.interval,
      cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
      trialEnd: sub.trialEnd?.toDate() ?? null,
      currentPeriodEnd: sub.currentPeriodEnd?.toDate() ?? null,
    },
    now,
    slackMs,
  );
  const queued: string[] = [];
  for (const { template, at, occurrence } of due) {
    const data = {
      tier: sub.tier,
      tierName: tierName(tiers, sub.tier),
      at: at.getTime(),
      amount: sub.amount,
      currency: sub.currency,
    };
    const mail = { key: `${uid}_${template}_${occurrence}`, to: member.email, uid, template, data };
    if (await queueMailOnce(deps.db, mail, now, billingNewsAlongside(deps.db, mail))) queued.push(template);
  }
  return queued;
}

/** Trials ending within TRIAL_NOTICE_DAYS and yearly plans renewing within RENEWAL_NOTICE_DAYS: one mail each. */
export async function sendBillingReminders(deps: MemberDeps): Promise<number> {
  const tiers = await readTiers(deps.db);
  const now = deps.now().getTime();
  const window = (field: string, days: number) =>
    deps.db
      .collection(MEMBERS)
      .where(field, '>', Timestamp.fromMillis(now))
      .where(field, '<=', Timestamp.fromMillis(now + days * DAY_MS));
  let queued = 0;
  const visit = async (doc: DocumentSnapshot) => {
    queued += (await queueRemindersOf(deps, doc.id, tiers)).length;
  };
  await forEachMember(
    window('subscription.trialEnd', TRIAL_NOTICE_DAYS).where('subscription.status', '==', 'trialing'),
    'subscription.trialEnd',
    visit,
  );
  await forEachMember(
    window('subscription.currentPeriodEnd', RENEWAL_NOTICE_DAYS).where('subscription.interval', '==', 'yearly'),
    'subscription.currentPeriodEnd',
    visit,
  );
  return queued;
}

/** The hourly job: grace ends on time, then the reminders due. */
export async function checkBillingDeadlines(deps: MemberDeps) {
  const ended = await endLapsedGrace(deps);
  const reminders = await sendBillingReminders(deps);
  if (ended.length || reminders) logger.info('billing deadlines', { graceEnded: ended, reminders });
  return { graceEnded: ended, reminders };
}
