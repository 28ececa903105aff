import type { Auth } from 'firebase-admin/auth';
import { logger } from 'firebase-functions';
import { FieldValue, Timestamp, type Firestore } from 'firebase-admin/firestore';
import { claimsEqual, isBootstrapAdmin, isDowngrade, mergeClaims, tokensValidAfter } from '../domain/claims';
import { Refusal } from '../domain/refusal';
import { entitlementFor, type Entitlement, type GrantFact, type SubscriptionFact } from '../domain/entitlement';
import type { MemberBillingFields, SubscriptionMirror } from '../shared/billing';
import { createIfAbsent } from '../app/firebase';
import { loadTiers } from '../app/tiers-config';
import { DEFAULT_EMAIL_PREFS, MEMBERS, type ComplimentaryGrant, type MemberDoc } from '../shared/members';
import { lowestTier } from '../shared/tiers';
import { memberSearchKeys } from '../shared/member-search';

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
export function newMemberDoc(input: {
  email: string;
  name: string;
  tier: string;
  rank: number;
  admin: boolean;
  emailVerified: boolean;
}) {
  return {
    ...input,
    searchKeys: memberSearchKeys(input.email, input.name),
    grant: null,
    emailPrefs: DEFAULT_EMAIL_PREFS,
    createdAt: FieldValue.serverTimestamp(),
    claimsUpdatedAt: FieldValue.serverTimestamp(),
  };
}

/**
 * The member with this address, made when there is none: the Auth account (or the one already there) and its
 * member document on the lowest tier, then claims. The one path for accounts made by functions (a confirmed
 * visitor signup, a guest imported from Luma). `emailVerified` says whether that path proved the address.
 */
export async function memberForEmail(
  deps: MemberDeps,
  input: { email: string; name: string; emailVerified: boolean },
): Promise<string> {
  const user = await deps.auth
    .createUser({
      email: input.email,
      emailVerified: input.emailVerified,
      ...(input.name ? { displayName: input.name } : {}),
    })
    .catch(async (err: { code?: string }) => {
      if (err.code === 'auth/email-already-exists') return deps.auth.getUserByEmail(input.email);
      throw err;
    });
  // Accounts made with the Admin SDK skip the beforeUserCreated function: write what it would.
  const { id: tier, rank } = lowestTier(await loadTiers(deps.db));
  await createIfAbsent(
    deps.db.collection(MEMBERS).doc(user.uid),
    newMemberDoc({ email: input.email, name: input.name, tier, rank, admin: false, emailVerified: user.emailVerified }),
  );
  await refreshEntitlement(deps, user.uid);
  return user.uid;
}

/**
 * After claims were set: the fields that void older ID tokens when the change took something away.
 * The rules refuse gated reads with a token issued before `tokensValidAfter`, so a downgrade applies
 * at once instead of when the old token expires; an upgrade stamps nothing, so it never locks anyone
 * out. Wall-clock time, not `deps.now()`: it is compared with the `iat` that Auth writes.
 */
function revocationStamp(before: Record<string, unknown> | undefined, after: Record<string, unknown>) {
  return isDowngrade(before, after) ? { tokensValidAfter: tokensValidAfter(new Date()) } : {};
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
        ...(changed ? revocationStamp(user.customClaims, claims) : {}),
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
      const refreshed = await refreshEntitlement(deps, doc.id).catch((err: { code?: string }) => {
        if (err.code !== 'auth/user-not-found') throw err;
        // An account being deleted (its Auth user went first): the deletion erases this document.
        logger.info(`expireGrants: ${doc.id} has no account any more; skipped`);
        return null;
      });
      if (refreshed) expired.push(doc.id);
    }
    if (due.size < batchSize) return expired;
  }
}

/** `current` claims with the admin claim given or taken, keeping the tier. */
async function claimsWithAdmin(deps: MemberDeps, admin: boolean, current: Record<string, unknown> = {}) {
  // An account whose claims were never set holds the lowest tier (as entitlement would say).
  const lowest = lowestTier(await loadTiers(deps.db));
  return mergeClaims(current, {
    tier: String(current.tier ?? lowest.id),
    rank: Number(current.rank ?? lowest.rank),
    admin,
  });
}

/** Give or take the admin claim, keeping the tier; the open app refreshes its token at once. */
export async function setAdmin(deps: MemberDeps, uid: string, admin: boolean): Promise<void> {
  const user = await deps.auth.getUser(uid);
  const claims = await claimsWithAdmin(deps, admin, user.customClaims);
  await deps.auth.setCustomUserClaims(uid, claims);
  await deps.db
    .collection(MEMBERS)
    .doc(uid)
    .set(
      { admin, claimsUpdatedAt: FieldValue.serverTimestamp(), ...revocationStamp(user.customClaims, claims) },
      { merge: true },
    );
}

/** What `recordEmailVerified` needs of the Auth user (a UserRecord or a blocking function's event data). */
export interface VerifiedUser {
  uid: string;
  email?: string | undefined;
  emailVerified: boolean;
  customClaims?: Record<string, unknown> | undefined;
}

/**
 * Mirror the account's `emailVerified` (and its address, after a change) onto `members/{uid}` and, once the address is verified, make an
 * `ADMIN_EMAILS` address admin (never before: anyone can sign up with a password for any address).
 * Returns the claims the caller must set (a blocking function returns them; others call
 * `setCustomUserClaims`), or null when they stay as they are.
 */
export async function recordEmailVerified(
  deps: MemberDeps,
  user: VerifiedUser,
  adminEmails: string,
): Promise<Record<string, unknown> | null> {
  const ref = deps.db.collection(MEMBERS).doc(user.uid);
  const member = (await ref.get()).data() as MemberDoc | undefined;
  if (!member) return null; // not a member (yet): the sign-up paths write the document
  const bootstrap =
    user.emailVerified && user.customClaims?.admin !== true && isBootstrapAdmin(user.email, adminEmails);
  // After a verified change of address (auth/account-mail.ts) the mirror follows the account.
  const moved = !!user.email && member.email !== user.email;
  if (member.emailVerified !== user.emailVerified || bootstrap || moved) {
    await ref.set(
      {
        emailVerified: user.emailVerified,
        ...(moved ? { email: user.email } : {}),
        ...(bootstrap ? { admin: true, claimsUpdatedAt: FieldValue.serverTimestamp() } : {}),
      },
      { merge: true },
    );
  }
  return bootstrap ? claimsWithAdmin(deps, true, user.customClaims) : null;
}

/**
 * Lock an account out, or let it back in. Disabling stops sign-in and token refresh (refresh tokens
 * revoked too), and stamps `tokensValidAfter`, so the ID tokens already issued stop working for gated
 * reads and callables at once instead of within the hour.
 */
export async function setDisabled(deps: MemberDeps, uid: string, disabled: boolean): Promise<void> {
  await deps.auth.updateUser(uid, { disabled });
  if (!disabled) return;
  await deps.auth.revokeRefreshTokens(uid);
  await deps.db
    .collection(MEMBERS)
    .doc(uid)
    .set({ tokensValidAfter: tokensValidAfter(new Date()) }, { merge: true });
}
