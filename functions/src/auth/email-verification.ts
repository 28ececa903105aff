import { logger } from 'firebase-functions';
import type { UserRecord } from 'firebase-admin/auth';
import type { Settings } from '../app/settings';
import { isAlreadyExists } from '../app/firebase';
import { Refusal } from '../domain/refusal';
import { queueMail } from '../mail/queue-mail';
import { VERIFICATION_TEMPLATE } from '../mail/mail-templates';
import { MAIL } from '../shared/mail';
import { recordEmailVerified, type MemberDeps } from '../members/member-store';

export interface VerificationDeps extends MemberDeps {
  settings: Pick<Settings, 'appUrl' | 'adminEmails'>;
}

/** A member asks again at most once per window (the outbox key carries the window). */
const RESEND_WINDOW_MS = 5 * 60 * 1000;

/**
 * Queue the verification mail under `key` (an outbox key: queueing the same key twice sends one mail).
 * The link is Firebase Auth's action link; after verifying, it continues to the account page.
 * Returns false when a mail with this key was already queued.
 */
async function queueVerificationMail(deps: VerificationDeps, user: UserRecord, key: string): Promise<boolean> {
  if (!user.email) return false;
  const ref = deps.db.collection(MAIL).doc(key);
  if ((await ref.get()).exists) return false; // do not mint a link for a mail that will not be sent
  const verifyUrl = await deps.auth.generateEmailVerificationLink(user.email, {
    url: `${deps.settings.appUrl}/account`,
  });
  const batch = deps.db.batch();
  queueMail(
    deps.db,
    batch,
    { key, to: user.email, uid: user.uid, template: VERIFICATION_TEMPLATE, data: { verifyUrl } },
    deps.now(),
  );
  try {
    await batch.commit();
    return true;
  } catch (err) {
    if (isAlreadyExists(err)) return false;
    throw err;
  }
}

const isNoSuchUser = (err: unknown) => (err as { code?: unknown }).code === 'auth/user-not-found';

/**
 * The member's Auth account, waiting for it a little: the blocking function writes the member document
 * before Auth stores the account. Null when there is none (never created, or deleted since).
 */
async function accountOf(deps: VerificationDeps, uid: string): Promise<UserRecord | null> {
  for (const wait of [250, 500, 1000, 2000, 4000, null]) {
    try {
      return await deps.auth.getUser(uid);
    } catch (err) {
      if (!isNoSuchUser(err)) throw err;
      if (wait === null) return null;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
  return null;
}

/**
 * The first verification mail of a new unverified account (one per member, whoever asks). An account that
 * does not exist is acknowledged with a log line, never retried forever: the member can ask again.
 */
export async function sendFirstVerification(deps: VerificationDeps, uid: string): Promise<void> {
  const user = await accountOf(deps, uid);
  if (!user) {
    logger.warn('no Auth account for this member: no verification mail', { uid });
    return;
  }
  if (user.emailVerified) return;
  if (await queueVerificationMail(deps, user, `${uid}_verify-email`)) logger.info('verification mail queued', { uid });
}

/**
 * `resendVerification`: another verification mail, at most one per RESEND_WINDOW_MS. An address that
 * is verified by now gets no mail: its member document and claims catch up instead (the app calls this
 * when it notices, so a verified ADMIN_EMAILS account becomes admin without signing in again).
 */
export async function resendVerification(
  deps: VerificationDeps,
  uid: string,
): Promise<{ verified: boolean; sent: boolean }> {
  const user = await deps.auth.getUser(uid);
  if (user.emailVerified) {
    const claims = await recordEmailVerified(deps, user, deps.settings.adminEmails);
    if (claims) await deps.auth.setCustomUserClaims(uid, claims);
    return { verified: true, sent: false };
  }
  if (!user.email) throw new Refusal('failed-precondition', 'Your account has no email address to verify.');
  const window = Math.floor(deps.now().getTime() / RESEND_WINDOW_MS);
  if (!(await queueVerificationMail(deps, user, `${uid}_verify-email_${window}`))) {
    throw new Refusal(
      'failed-precondition',
      'We sent you a verification email a moment ago: check your inbox and spam folder, or try again in a few minutes.',
    );
  }
  return { verified: false, sent: true };
}
