import type { Auth } from 'firebase-admin/auth';
import { FieldValue, Timestamp, type Firestore } from 'firebase-admin/firestore';
import { claimsEqual, mergeClaims } from '../domain/claims';
import { Refusal } from '../domain/refusal';
import { entitlementFor, type Entitlement, type GrantFact, type SubscriptionFact } from '../domain/entitlement';
import type { MemberBillingFields, SubscriptionMirror } from '../shared/billing';
import { loadTiers } from '../app/tiers-config';
import { DEFAULT_EMAIL_PREFS, MEMBERS, type ComplimentaryGrant, type MemberDoc } from '../shared/members';
import { lowestTier } from '../shared/tiers';

export interface MemberDeps {
  db: Firestore;
  auth: Auth;
  now: () => Date;
}

export function grantFact(grant: ComplimentaryGrant<Timestamp> | null | undefined): GrantFact | null {
  if (!grant) return null;
  return { tier: grant.tier, endsAt: grant.endsAt ? grant.endsAt.toDate() : null };
}

export function subscriptionFact(sub: SubscriptionMirror<Timestamp> | null | undefined): SubscriptionFact | null {
  if (!sub) return null;
  return { status: sub.status, tier: sub.tier, graceUntil: sub.graceUntil ? sub.graceUntil.toDate() : null };
}

/** The member document a new account starts with (the blocking function and the seed both use it). */
export function newMemberDoc(input: { email: string; name: string; tier: string; rank: number; admin: boolean }) {
  return {
    ...input,
    grant: null,
    emailPrefs: DEFAULT_EMAIL_PREFS,
    createdAt: FieldValue.serverTimestamp(),
    claimsUpdatedAt: FieldValue.serverTimestamp(),
  };
}

/**
 * Recompute a member's tier from the stored facts and make claims and `members/{uid}` agree with it.
 * Idempotent: safe to run after a crash, from the scheduler, or twice at once.
 */
export async function refreshEntitlement(deps: MemberDeps, uid: string): Promise<Entitlement & { changed: boolean }> {
  const ref = deps.db.collection(MEMBERS).doc(uid);
  const [snap, user, tiers] = await Promise.all([ref.get(), deps.auth.getUser(uid), loadTiers(deps.db)]);
  const member = snap.data() as (MemberDoc<Timestamp> & MemberBillingFields<Timestamp>) | undefined;
  const entitlement = entitlementFor({
    grant: grantFact(member?.grant),
    subscription: subscriptionFact(member?.subscription),
    now: deps.now(),
    tiers,
  });
  const claims = mergeClaims(user.customClaims, entitlement);
  const changed = !claimsEqual(user.customClaims, claims);
  if (changed) await deps.auth.setCustomUserClaims(uid, claims);
  if (changed || member?.tier !== entitlement.tier || member?.rank !== entitlement.rank) {
    // The open app listens to this document and refreshes its ID token when claimsUpdatedAt moves.
    await ref.set(
      {
        tier: entitlement.tier,
        rank: entitlement.rank,
        admin: claims.admin === true,
        claimsUpdatedAt: FieldValue.serverTimestamp(),
      },
      { merge: true },
    );
  }
  return { ...entitlement, changed };
}

/** Refuses (not-found) a uid without an account, before anything is written for it. */
async function requireAccount(deps: MemberDeps, uid: string): Promise<void> {
  await deps.auth.getUser(uid).catch((err: { code?: string }) => {
    if (err.code === 'auth/user-not-found') throw new Refusal('not-found', `No member with the uid ${uid}`);
    throw err;
  });
}

/** Give (or with null, take back) a member's complimentary grant; a uid without an account is refused. */
export async function setGrant(
  deps: MemberDeps,
  uid: string,
  grant: { tier: string; endsAt: Date | null; grantedBy: string; note: string } | null,
) {
  await requireAccount(deps, uid);
  const value = grant && {
    tier: grant.tier,
    endsAt: grant.endsAt ? Timestamp.fromDate(grant.endsAt) : null,
    grantedBy: grant.grantedBy,
    grantedAt: Timestamp.fromDate(deps.now()),
    note: grant.note,
  };
  await deps.db.collection(MEMBERS).doc(uid).set({ grant: value }, { merge: true });
  return refreshEntitlement(deps, uid);
}

/** Hourly job: grants whose end date passed are cleared and the member falls back. Returns the uids. */
export async function expireGrants(deps: MemberDeps, batchSize = 200): Promise<string[]> {
  const expired: string[] = [];
  for (;;) {
    // Each processed member leaves the query (grant becomes null), so re-querying pages through all.
    const due = await deps.db
      .collection(MEMBERS)
      .where('grant.endsAt', '<=', Timestamp.fromDate(deps.now()))
      .limit(batchSize)
      .get();
    for (const doc of due.docs) {
      await doc.ref.set({ grant: null, lastGrant: doc.get('grant') }, { merge: true });
      await refreshEntitlement(deps, doc.id);
      expired.push(doc.id);
    }
    if (due.size < batchSize) return expired;
  }
}

/** Give or take the admin claim, keeping the tier; the open app refreshes its token at once. */
export async function setAdmin(deps: MemberDeps, uid: string, admin: boolean): Promise<void> {
  const [user, tiers] = await Promise.all([deps.auth.getUser(uid), loadTiers(deps.db)]);
  const current = user.customClaims ?? {};
  // An account whose claims were never set holds the lowest tier (as entitlement would say).
  const lowest = lowestTier(tiers);
  const claims = mergeClaims(current, {
    tier: String(current.tier ?? lowest.id),
    rank: Number(current.rank ?? lowest.rank),
    admin,
  });
  await deps.auth.setCustomUserClaims(uid, claims);
  await deps.db
    .collection(MEMBERS)
    .doc(uid)
    .set({ admin, claimsUpdatedAt: FieldValue.serverTimestamp() }, { merge: true });
}
