import { createHash } from 'node:crypto';
import type { Auth } from 'firebase-admin/auth';
import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import type { Settings } from '../app/settings';
import { signLinkToken, verifyLinkToken } from '../domain/link-tokens';
import { emailLink } from '../mail/email-links';
import { queueMail } from '../mail/queue-mail';
import { memberForEmail } from '../members/member-store';

/**
 * Visitor signup with double opt-in: an email box on public pages asks for a confirmation email; the
 * link in it creates a member on the lowest tier with newsletters on (who then gets that tier's issues
 * and can open free lead-magnet downloads by signing in with an email link). Nothing reveals whether an
 * address is already a member.
 */
export const SIGNUPS = 'signups';
export const CONFIRM_TTL_MS = 48 * 60 * 60 * 1000;
/** One confirmation email per address per this long, so the box cannot be used to spam someone. */
export const RESEND_AFTER_MS = 10 * 60 * 1000;

export interface SignupDeps {
  db: Firestore;
  auth: Auth;
  now: () => Date;
  /** `appUrl`: the confirm link's domain (Hosting rewrites it to `confirmSubscription`); `unsubscribeSecret`: the keys that sign email links. */
  settings: Pick<Settings, 'appUrl' | 'unsubscribeSecret'>;
}

const signupId = (email: string) => createHash('sha256').update(email).digest('hex');

/**
 * The link's token signs this request (address and time), so a newer request voids the older link, and
 * nothing stored can confirm: a copy of the database holds no token.
 */
const confirmSubject = (id: string, createdAt: Timestamp) => `${id}:${createdAt.toMillis()}`;

export async function requestSignup(deps: SignupDeps, email: string): Promise<'sent' | 'skipped'> {
  const exists = await deps.auth.getUserByEmail(email).then(
    () => true,
    () => false,
  );
  if (exists) return 'skipped'; // members sign in instead; the answer to the visitor is the same
  const ref = deps.db.collection(SIGNUPS).doc(signupId(email));
  const now = deps.now();
  const createdAt = Timestamp.fromDate(now);
  const token = signLinkToken('confirm', confirmSubject(ref.id, createdAt), deps.settings.unsubscribeSecret);
  return deps.db.runTransaction(async (tx) => {
    const previous = (await tx.get(ref)).get('createdAt') as Timestamp | undefined;
    if (previous && now.getTime() - previous.toMillis() < RESEND_AFTER_MS) return 'skipped';
    const confirmUrl = emailLink(deps.settings.appUrl, 'confirmSubscription', { s: ref.id, t: token });
    tx.set(ref, { email, createdAt, confirmedAt: null });
    queueMail(
      deps.db,
      tx,
      {
        key: `signup_${signupId(email)}_${now.getTime()}`,
        to: email,
        uid: null,
        template: 'confirm-subscription',
        data: { confirmUrl },
      },
      now,
    );
    return 'sent';
  });
}

/** The link's POST: a valid, fresh token creates the member on the lowest tier (once). `id` is a signup id. */
export async function confirmSignup(deps: SignupDeps, id: string, token: string): Promise<'ok' | 'invalid'> {
  const ref = deps.db.collection(SIGNUPS).doc(id);
  const signup = (await ref.get()).data() as
    { email: string; createdAt: Timestamp; confirmedAt: Timestamp | null } | undefined;
  if (!signup) return 'invalid';
  const subject = confirmSubject(id, signup.createdAt);
  if (!verifyLinkToken('confirm', subject, token, deps.settings.unsubscribeSecret)) return 'invalid';
  if (signup.confirmedAt) return 'ok';
  if (deps.now().getTime() - signup.createdAt.toMillis() > CONFIRM_TTL_MS) return 'invalid';

  const uid = await memberForEmail(deps, { email: signup.email, name: '', emailVerified: true });
  await ref.update({ confirmedAt: Timestamp.fromDate(deps.now()), uid });
  return 'ok';
}
