import { createHash } from 'node:crypto';
import type { Auth } from 'firebase-admin/auth';
import { logger } from 'firebase-functions';
import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import type { Settings } from '../app/settings';
import { loadTiers } from '../app/tiers-config';
import { signInLinkUrl } from '../mail/sign-in-link';
import { BODY, GATED, MATERIALS, type MaterialBody, type MaterialTeaser } from '../shared/materials';
import { lowestTier } from '../shared/tiers';
import { signLinkToken, verifyLinkToken } from '../domain/link-tokens';
import { emailLink } from '../mail/email-links';
import { Refusal } from '../domain/refusal';
import { queueMail } from '../mail/queue-mail';
import { memberForEmail } from '../members/member-store';
import { REFUSED, takeSignupAllowance } from './signup-limits';

/**
 * Visitor signup with double opt-in: an email box on public pages asks for a confirmation email; the
 * link in it creates a member on the lowest tier with newsletters on (who then gets that tier's issues
 * and can open free lead-magnet downloads by signing in with an email link). Nothing reveals whether an
 * address is already a member. The box is rate limited (signup-limits.ts): per client, per address and
 * overall.
 */
export const SIGNUPS = 'signups';
export const CONFIRM_TTL_MS = 48 * 60 * 60 * 1000;

export interface SignupDeps {
  db: Firestore;
  auth: Auth;
  now: () => Date;
  /**
   * `appUrl`: the confirm link's domain (Hosting rewrites it to `confirmSubscription`); `unsubscribeSecret`: the keys
   * that sign email links; `signupLimits`: SIGNUP_MAILS_PER_MINUTE and SIGNUPS_PER_CLIENT.
   */
  settings: Pick<Settings, 'appUrl' | 'unsubscribeSecret' | 'signupLimits'>;
}

const signupId = (email: string) => createHash('sha256').update(email).digest('hex');

/**
 * The link's token signs this request (address and time), so a newer request voids the older link, and
 * nothing stored can confirm: a copy of the database holds no token.
 */
const confirmSubject = (id: string, createdAt: Timestamp) => `${id}:${createdAt.toMillis()}`;

/** Firestore gave up on a transaction after its retries because others held its documents (gRPC ABORTED). */
const isContention = (err: unknown) => (err as { code?: unknown } | null)?.code === 10;

/** What a lead-magnet mail names: the material's title, its page, and (a download's) file names. */
export interface LeadMagnet {
  id: string;
  title: string;
  kind: string;
  files: string[];
}

/**
 * A material that the signup box may mail: published and open to the lowest tier (a free-level material, a
 * "lead magnet"); null for anything else (a draft, a paid material, no such id), all alike.
 */
export async function leadMagnet(db: Firestore, id: string): Promise<LeadMagnet | null> {
  const ref = db.collection(MATERIALS).doc(id);
  const [teaserSnap, tiers] = await Promise.all([ref.get(), loadTiers(db)]);
  const teaser = teaserSnap.data() as MaterialTeaser | undefined;
  if (!teaser || teaser.status !== 'published' || teaser.rank > lowestTier(tiers).rank) return null;
  const body =
    teaser.kind === 'download'
      ? ((await ref.collection(GATED).doc(BODY).get()).data() as MaterialBody | undefined)
      : undefined;
  return { id, title: teaser.title, kind: teaser.kind, files: (body?.files ?? []).map((f) => f.name) };
}

/** The material's page, and a file's link: the page starts that download once the reader is signed in. */
export const materialPath = (id: string) => `/materials/${encodeURIComponent(id)}`;
export const downloadPath = (id: string, file: string) => `${materialPath(id)}?download=${encodeURIComponent(file)}`;

/**
 * Queues the confirmation mail, in one transaction with the limits it takes (signup-limits.ts), or throws
 * a `resource-exhausted` Refusal. `clientKey` names the caller (app/client-address.ts `clientKey`). A
 * member's address takes from the limits too, and gets no mail: the answers are the same either way.
 *
 * With `materialId` (the box on a free material's page) the mail is the lead magnet instead: a sign-in link
 * (mail/sign-in-link.ts) that creates the free account on first use and lands on the material, and a link
 * per file to the page that starts it. A member gets it too (it signs them in), so the answers still match.
 * A material that is not a published free-level one is refused as `invalid-argument`.
 */
export async function requestSignup(
  deps: SignupDeps,
  email: string,
  clientKey: string,
  materialId?: string,
): Promise<'sent' | 'skipped'> {
  const magnet = materialId === undefined ? null : await leadMagnet(deps.db, materialId);
  if (materialId !== undefined && !magnet) {
    throw new Refusal('invalid-argument', 'materialId: not a free material');
  }
  const isMember = await deps.auth.getUserByEmail(email).then(
    () => true,
    () => false,
  );
  const ref = deps.db.collection(SIGNUPS).doc(signupId(email));
  const now = deps.now();
  const createdAt = Timestamp.fromDate(now);
  const token = signLinkToken('confirm', confirmSubject(ref.id, createdAt), deps.settings.unsubscribeSecret);
  const limits = deps.settings.signupLimits;
  try {
    return await deps.db.runTransaction(async (tx) => {
      await takeSignupAllowance(deps.db, tx, { clientKey, signupId: ref.id, limits, now });
      if (magnet) {
        const app = deps.settings.appUrl;
        const signInUrl = await signInLinkUrl(deps.auth, app, email, materialPath(magnet.id));
        const files = magnet.files.map((name) => ({ name, url: `${app}${downloadPath(magnet.id, name)}` }));
        queueMail(
          deps.db,
          tx,
          {
            key: `leadmagnet_${ref.id}_${now.getTime()}`,
            to: email,
            uid: null,
            template: 'lead-magnet',
            data: { title: magnet.title, signInUrl, files },
          },
          now,
        );
        return 'sent';
      }
      if (isMember) return 'skipped'; // members sign in instead; the answer to the visitor is the same
      const confirmUrl = emailLink(deps.settings.appUrl, 'confirmSubscription', { s: ref.id, t: token });
      tx.set(ref, { email, createdAt, confirmedAt: null });
      queueMail(
        deps.db,
        tx,
        {
          key: `signup_${ref.id}_${now.getTime()}`,
          to: email,
          uid: null,
          template: 'confirm-subscription',
          data: { confirmUrl },
        },
        now,
      );
      return 'sent';
    });
  } catch (err) {
    // So many sign-ups at once that the counters' documents stayed locked: that is the busy case.
    if (isContention(err)) {
      logger.warn('requestSignup: the signup counters stayed contended through the retries', err);
      throw new Refusal('resource-exhausted', REFUSED.busy);
    }
    throw err;
  }
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
