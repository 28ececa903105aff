import { createHash } from 'node:crypto';
import type { Auth } from 'firebase-admin/auth';
import type { Firestore } from 'firebase-admin/firestore';
import { logger } from 'firebase-functions';
import type { Settings } from '../app/settings';
import { isAlreadyExists } from '../app/firebase';
import { Refusal } from '../domain/refusal';
import { queueMail } from '../mail/queue-mail';
import { MAIL } from '../shared/mail';
import { REFUSED_ACCOUNT_MAIL, takeSignupAllowance, type AllowanceKind } from '../signup/signup-limits';
import { signInLinkUrl } from '../mail/sign-in-link';

/**
 * Account mails a person asks for by typing an address or from the account page: "Forgot password",
 * "Email me a sign-in link", "Change email". Every link is made by the Admin SDK and every mail goes
 * through the outbox (and so the dev inbox locally). The public ones answer the same whether or not the
 * address is a member's and mail only members; they take from the signup box's limits
 * (signup/signup-limits.ts), on their own counters.
 */
export interface AccountMailDeps {
  db: Firestore;
  auth: Auth;
  now: () => Date;
  settings: Pick<Settings, 'appUrl' | 'signupLimits'>;
}

/** What the public boxes answer, member or not. */
export const ACCOUNT_MAIL_ANSWERS = {
  'password-reset':
    'If this address belongs to a member, a link to choose a new password is on its way. Check your inbox.',
  'sign-in-link': 'If this address belongs to a member, a sign-in link is on its way. Check your inbox.',
} as const;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The app's own page for a Firebase action link: the `oobCode` of the link the Admin SDK made, on `path`
 * of the app (say `/reset-password`), which completes it with the web SDK. Throws when the link has none.
 */
export function appActionUrl(appUrl: string, path: string, actionLink: string, extra: Record<string, string> = {}) {
  const code = new URL(actionLink).searchParams.get('oobCode');
  if (!code) throw new Error('The action link has no oobCode');
  const url = new URL(path, appUrl);
  url.searchParams.set('oobCode', code);
  for (const [key, value] of Object.entries(extra)) url.searchParams.set(key, value);
  return url.href;
}

async function isMember(auth: Auth, email: string): Promise<boolean> {
  return auth.getUserByEmail(email).then(
    () => true,
    () => false,
  );
}

/**
 * Takes from the limits of `kind` for `email`, then, for a member, makes the link (`link()`) and queues
 * `mail(link)` in the same transaction. 'skipped' for a non-member: the caller answers the same.
 */
async function limitedMail(
  deps: AccountMailDeps,
  kind: Exclude<AllowanceKind, 'signup'>,
  email: string,
  clientKey: string,
  link: () => Promise<string>,
  queue: (tx: FirebaseFirestore.Transaction, url: string, key: string) => void,
): Promise<'sent' | 'skipped'> {
  const member = await isMember(deps.auth, email);
  // Made before the transaction (a network call), only for a member; a retried transaction reuses it.
  const url = member ? await link() : '';
  const now = deps.now();
  const id = sha256(email);
  try {
    return await deps.db.runTransaction(async (tx) => {
      await takeSignupAllowance(deps.db, tx, {
        clientKey,
        signupId: id,
        limits: deps.settings.signupLimits,
        now,
        kind,
      });
      if (!member) return 'skipped';
      queue(tx, url, `${kind}_${id}_${now.getTime()}`);
      return 'sent';
    });
  } catch (err) {
    if ((err as { code?: unknown } | null)?.code === 10) {
      logger.warn(`${kind}: the counters stayed contended through the retries`, err);
      throw new Refusal('resource-exhausted', REFUSED_ACCOUNT_MAIL.busy);
    }
    throw err;
  }
}

/**
 * "Forgot password": a member gets `password-reset` with a link to `/reset-password?oobCode=…` (and `next`,
 * where to go once signed in again); anyone else gets nothing, and the same answer.
 */
export async function requestPasswordReset(
  deps: AccountMailDeps,
  email: string,
  next: string | undefined,
  clientKey: string,
): Promise<'sent' | 'skipped'> {
  const { appUrl } = deps.settings;
  return limitedMail(
    deps,
    'password-reset',
    email,
    clientKey,
    async () =>
      appActionUrl(
        appUrl,
        '/reset-password',
        await deps.auth.generatePasswordResetLink(email, { url: `${appUrl}/sign-in` }),
        next ? { next } : {},
      ),
    (tx, resetUrl, key) =>
      queueMail(deps.db, tx, { key, to: email, uid: null, template: 'password-reset', data: { resetUrl } }, deps.now()),
  );
}

/**
 * "Email me a sign-in link": a member gets `sign-in-link` (`signInLinkUrl`: `/sign-in/finish` with the
 * address and `next`, so the link signs in on any device and lands on `next`); anyone else gets nothing.
 */
export async function requestSignInLink(
  deps: AccountMailDeps,
  email: string,
  next: string,
  clientKey: string,
): Promise<'sent' | 'skipped'> {
  return limitedMail(
    deps,
    'sign-in-link',
    email,
    clientKey,
    () => signInLinkUrl(deps.auth, deps.settings.appUrl, email, next),
    (tx, signInUrl, key) =>
      queueMail(deps.db, tx, { key, to: email, uid: null, template: 'sign-in-link', data: { signInUrl } }, deps.now()),
  );
}

/** A member asks for at most one change-email mail per window (the outbox key carries the window). */
const CHANGE_WINDOW_MS = 5 * 60 * 1000;
/** How recent the caller's sign-in must be to change the address: the app asks for the password first. */
export const RECENT_SIGN_IN_S = 5 * 60;

export const CHANGE_EMAIL_REFUSED = {
  reauth: 'For your security, enter your password again to change your email address.',
  same: 'That is already your email address.',
  again: 'We sent a confirmation link a moment ago: check the new address’s inbox, or try again in a few minutes.',
} as const;

/**
 * Change the member's address, verify before change: `change-email` goes to the NEW address with the
 * Admin SDK's `generateVerifyAndChangeEmailLink`; the address changes when its owner opens it (and
 * `members/{uid}.email` follows at the next sign-in or account page visit, `recordEmailVerified`). The
 * caller must have signed in within RECENT_SIGN_IN_S (`authTime`, the token's `auth_time`). An address
 * that belongs to another account gets no mail, and the same answer.
 */
export async function requestEmailChange(
  deps: AccountMailDeps,
  caller: { uid: string; email: string | undefined; authTime: unknown },
  newEmail: string,
): Promise<'sent' | 'skipped'> {
  const nowS = Math.floor(deps.now().getTime() / 1000);
  if (typeof caller.authTime !== 'number' || nowS - caller.authTime > RECENT_SIGN_IN_S) {
    throw new Refusal('failed-precondition', CHANGE_EMAIL_REFUSED.reauth);
  }
  const user = await deps.auth.getUser(caller.uid);
  if (!user.email) throw new Refusal('failed-precondition', 'Your account has no email address to change.');
  if (user.email.toLowerCase() === newEmail.toLowerCase())
    throw new Refusal('invalid-argument', CHANGE_EMAIL_REFUSED.same);
  const window = Math.floor(deps.now().getTime() / CHANGE_WINDOW_MS);
  const ref = deps.db.collection(MAIL).doc(`${caller.uid}_change-email_${window}`);
  if ((await ref.get()).exists) throw new Refusal('failed-precondition', CHANGE_EMAIL_REFUSED.again);
  if (await isMember(deps.auth, newEmail)) {
    logger.info('change-email: the new address belongs to another account; no mail', { uid: caller.uid });
    return 'skipped';
  }
  const changeUrl = await deps.auth.generateVerifyAndChangeEmailLink(user.email, newEmail, {
    url: `${deps.settings.appUrl}/account?emailChanged=1`,
  });
  const batch = deps.db.batch();
  queueMail(
    deps.db,
    batch,
    { key: ref.id, to: newEmail, uid: null, template: 'change-email', data: { changeUrl, newEmail } },
    deps.now(),
  );
  try {
    await batch.commit();
  } catch (err) {
    if (isAlreadyExists(err)) throw new Refusal('failed-precondition', CHANGE_EMAIL_REFUSED.again);
    throw err;
  }
  return 'sent';
}
