import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Auth } from 'firebase-admin/auth';
import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import { z } from 'zod';
import { newMemberDoc, refreshEntitlement } from '../members/member-store';
import { MAIL } from '../shared/mail';
import { MEMBERS } from '../shared/members';
import { FREE_RANK, FREE_TIER } from '../shared/tiers';

/**
 * Visitor signup with double opt-in: an email box on public pages asks for a confirmation email; the
 * link in it creates a free member with newsletters on (who then gets free-level issues and can open
 * free lead-magnet downloads by signing in with an email link). Nothing reveals whether an address
 * is already a member.
 */
export const SIGNUPS = 'signups';
export const CONFIRM_TTL_MS = 48 * 60 * 60 * 1000;
/** One confirmation email per address per this long, so the box cannot be used to spam someone. */
export const RESEND_AFTER_MS = 10 * 60 * 1000;

export const signupRequestSchema = z
  .object({ email: z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address')) })
  .strict();

export interface SignupDeps {
  db: Firestore;
  auth: Auth;
  now: () => Date;
  /** Base URL of the HTTP functions (`confirmSubscription`). */
  functionsUrl: string;
}

const signupId = (email: string) => createHash('sha256').update(email).digest('hex');

export async function requestSignup(deps: SignupDeps, email: string): Promise<'sent' | 'skipped'> {
  const exists = await deps.auth.getUserByEmail(email).then(
    () => true,
    () => false,
  );
  if (exists) return 'skipped'; // members sign in instead; the answer to the visitor is the same
  const ref = deps.db.collection(SIGNUPS).doc(signupId(email));
  const now = deps.now();
  const token = randomBytes(24).toString('base64url');
  return deps.db.runTransaction(async (tx) => {
    const previous = (await tx.get(ref)).get('createdAt') as Timestamp | undefined;
    if (previous && now.getTime() - previous.toMillis() < RESEND_AFTER_MS) return 'skipped';
    const confirmUrl = `${deps.functionsUrl}/confirmSubscription?s=${signupId(email)}&t=${token}`;
    tx.set(ref, { email, token, createdAt: Timestamp.fromDate(now), confirmedAt: null });
    tx.create(deps.db.collection(MAIL).doc(`signup_${signupId(email)}_${now.getTime()}`), {
      to: email,
      uid: null,
      template: 'confirm-subscription',
      data: { confirmUrl },
      state: 'queued',
      createdAt: Timestamp.fromDate(now),
    });
    return 'sent';
  });
}

/** The link's POST: a valid, fresh token creates the free member (once). */
export async function confirmSignup(deps: SignupDeps, id: unknown, token: unknown): Promise<'ok' | 'invalid'> {
  if (typeof id !== 'string' || typeof token !== 'string' || !/^[a-f0-9]{64}$/.test(id)) return 'invalid';
  const ref = deps.db.collection(SIGNUPS).doc(id);
  const signup = (await ref.get()).data() as
    { email: string; token: string; createdAt: Timestamp; confirmedAt: Timestamp | null } | undefined;
  if (!signup) return 'invalid';
  const given = Buffer.from(token);
  const expected = Buffer.from(signup.token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  if (signup.confirmedAt) return 'ok';
  if (deps.now().getTime() - signup.createdAt.toMillis() > CONFIRM_TTL_MS) return 'invalid';

  const user = await deps.auth
    .createUser({ email: signup.email, emailVerified: true })
    .catch(async (err: { code?: string }) => {
      if (err.code === 'auth/email-already-exists') return deps.auth.getUserByEmail(signup.email);
      throw err;
    });
  // Accounts made with the Admin SDK skip the beforeUserCreated function: write what it would.
  await deps.db
    .collection(MEMBERS)
    .doc(user.uid)
    .create(newMemberDoc({ email: signup.email, name: '', tier: FREE_TIER, rank: FREE_RANK, admin: false }))
    .catch((err: { code?: number }) => {
      if (err.code !== 6) throw err;
    });
  await refreshEntitlement({ db: deps.db, auth: deps.auth, now: deps.now }, user.uid);
  await ref.update({ confirmedAt: Timestamp.fromDate(deps.now()), uid: user.uid });
  return 'ok';
}
