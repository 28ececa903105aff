import { onDocumentCreated, onDocumentWritten } from 'firebase-functions/v2/firestore';
import { callable } from '../app/callable';
import { deps } from '../app/deps';
import { MAIL_SECRETS } from '../app/params';
import { readTiers } from '../app/tiers-config';
import { Refusal } from '../domain/refusal';
import {
  NEWSLETTER_BATCHES,
  NEWSLETTERS,
  newsletterIdSchema,
  saveNewsletterSchema,
  sendNewsletterSchema,
  type NewsletterDoc,
} from '../shared/newsletters';
import { highestTier } from '../shared/tiers';
import { archiveNewsletter } from './newsletter-archive';
import { newsletterCopy, sendBatch, startNewsletter } from './newsletter-sender';
import { cancelNewsletter, saveNewsletter, scheduleNewsletter } from './newsletter-store';
import { renderNewsletter } from './render-newsletter';

export const saveNewsletterDraft = callable(
  'saveNewsletter',
  { schema: saveNewsletterSchema, caller: 'admin' },
  async ({ id, newsletter }, { caller }) => {
    const app = deps();
    return { id: await saveNewsletter(app.db, newsletter, caller.email ?? caller.uid, app.now(), id) };
  },
);

/** Schedule (or send now: schedule at now and start at once, so batches go out without waiting for the minute). */
export const sendNewsletter = callable(
  'sendNewsletter',
  { schema: sendNewsletterSchema, caller: 'admin', secrets: MAIL_SECRETS },
  async ({ id, at }) => {
    const app = deps();
    const issue = await scheduleNewsletter(app.db, id, at ? new Date(at) : null, app.now());
    if (!at) await startNewsletter(app, id);
    return {
      id,
      status: at ? 'scheduled' : 'sending',
      scheduledAt: issue.scheduledAt?.toDate().toISOString() ?? null,
    };
  },
);

export const cancelScheduledNewsletter = callable(
  'cancelNewsletter',
  { schema: newsletterIdSchema, caller: 'admin' },
  async ({ id }) => {
    const app = deps();
    await cancelNewsletter(app.db, id, app.now());
    return { id };
  },
);

/** The issue as the highest plan reads it, to the calling admin only; no ledger, no stats. */
export const sendNewsletterTest = callable(
  'sendNewsletterTest',
  { schema: newsletterIdSchema, caller: 'admin', secrets: MAIL_SECRETS },
  async ({ id }, { caller }) => {
    const to = caller.email;
    if (!to) throw new Refusal('failed-precondition', 'Your account has no email address');
    const app = deps();
    const { settings } = app;
    const issue = (await app.db.collection(NEWSLETTERS).doc(id).get()).data() as NewsletterDoc | undefined;
    if (!issue) throw new Refusal('not-found', 'No such newsletter');
    const tiers = await readTiers(app.db);
    const rendered = renderNewsletter(issue, highestTier(tiers).rank, tiers, {
      appUrl: settings.appUrl,
      preferencesUrl: `${settings.appUrl}/account`,
      material: null,
      postalAddress: settings.postalAddress,
    });
    const copy = newsletterCopy(settings, id, rendered, caller.uid);
    const [result] = await app.transport.sendBatch([
      { ...copy, subject: `[Test] ${copy.subject}`, id: `${id}:test`, to, from: settings.from, stream: 'newsletter' },
    ]);
    if (!result?.ok) {
      throw new Refusal('unavailable', `The test could not be sent: ${result?.error ?? 'unknown error'}`);
    }
    return { to };
  },
);

/** Each batch document starts its own worker; a failed worker is retried, and the dispatcher resumes stragglers. */
export const sendNewsletterBatch = onDocumentCreated(
  {
    document: `${NEWSLETTERS}/{id}/${NEWSLETTER_BATCHES}/{batchId}`,
    retry: true,
    secrets: MAIL_SECRETS,
    timeoutSeconds: 540,
  },
  async (event) => {
    await sendBatch(deps(), event.params.id, event.params.batchId);
  },
);

/** An issue that becomes `sent` is written into the web archive (`/newsletters`). */
export const archiveSentNewsletter = onDocumentWritten(
  { document: `${NEWSLETTERS}/{id}`, retry: true },
  async (event) => {
    const before = event.data?.before.data() as NewsletterDoc | undefined;
    const after = event.data?.after.data() as NewsletterDoc | undefined;
    if (after?.status === 'sent' && before?.status !== 'sent') await archiveNewsletter(deps(), event.params.id);
  },
);
