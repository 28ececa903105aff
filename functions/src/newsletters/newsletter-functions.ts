import { HttpsError, onCall, type CallableRequest } from 'firebase-functions/v2/https';
import { onDocumentCreated } from 'firebase-functions/v2/firestore';
import { onSchedule } from 'firebase-functions/v2/scheduler';
import { asHttpsError, parseOrThrow, requireAdmin } from '../app/errors';
import { readTiers } from '../app/tiers-config';
import { MAIL_SECRETS, senderDeps } from '../mail/mail-config';
import {
  NEWSLETTER_BATCHES,
  NEWSLETTERS,
  newsletterIdSchema,
  saveNewsletterSchema,
  sendNewsletterSchema,
  type NewsletterDoc,
} from '../shared/newsletters';
import { sortedTiers } from '../shared/tiers';
import { dispatchNewsletters, sendBatch, startNewsletter, unsubscribeUrl } from './newsletter-sender';
import { cancelNewsletter, saveNewsletter, scheduleNewsletter } from './newsletter-store';
import { personalize, renderNewsletter } from './render-newsletter';

const adminEmail = (request: CallableRequest) => String(request.auth?.token.email ?? request.auth?.uid ?? 'admin');

export const saveNewsletterDraft = onCall(async (request) => {
  requireAdmin(request.auth);
  const { id, newsletter } = parseOrThrow(saveNewsletterSchema, request.data);
  return asHttpsError(async () => ({
    id: await saveNewsletter(senderDeps().db, newsletter, adminEmail(request), new Date(), id),
  }));
});

/** Schedule (or send now: schedule at now and start at once, so batches go out without waiting for the minute). */
export const sendNewsletter = onCall({ secrets: MAIL_SECRETS }, async (request) => {
  requireAdmin(request.auth);
  const { id, at } = parseOrThrow(sendNewsletterSchema, request.data);
  return asHttpsError(async () => {
    const deps = senderDeps();
    const issue = await scheduleNewsletter(deps.db, id, at ? new Date(at) : null, deps.now());
    if (!at) await startNewsletter(deps, id);
    return { id, status: at ? 'scheduled' : 'sending', scheduledAt: issue.scheduledAt?.toDate().toISOString() ?? null };
  });
});

export const cancelScheduledNewsletter = onCall(async (request) => {
  requireAdmin(request.auth);
  const { id } = parseOrThrow(newsletterIdSchema, request.data);
  return asHttpsError(async () => {
    await cancelNewsletter(senderDeps().db, id, new Date());
    return { id };
  });
});

/** The issue as the highest plan reads it, to the calling admin only; no ledger, no stats. */
export const sendNewsletterTest = onCall({ secrets: MAIL_SECRETS }, async (request) => {
  requireAdmin(request.auth);
  const { id } = parseOrThrow(newsletterIdSchema, request.data);
  const to = request.auth?.token.email;
  if (!to) throw new HttpsError('failed-precondition', 'Your account has no email address');
  const deps = senderDeps();
  const issue = (await deps.db.collection(NEWSLETTERS).doc(id).get()).data() as NewsletterDoc | undefined;
  if (!issue) throw new HttpsError('not-found', 'No such newsletter');
  const tiers = await readTiers(deps.db);
  const top = sortedTiers(tiers).at(-1)?.rank ?? 40;
  const rendered = renderNewsletter(issue, top, tiers, {
    appUrl: deps.settings.appUrl,
    preferencesUrl: `${deps.settings.appUrl}/account`,
    material: null,
  });
  const copy = personalize(rendered, unsubscribeUrl(deps.settings, request.auth!.uid));
  const [result] = await deps.transport.sendBatch([
    {
      ...copy,
      subject: `[Test] ${copy.subject}`,
      id: `${id}:test`,
      to,
      from: deps.settings.from,
      stream: 'newsletter',
    },
  ]);
  if (!result?.ok)
    throw new HttpsError('unavailable', `The test could not be sent: ${result?.error ?? 'unknown error'}`);
  return { to };
});

/** Each batch document starts its own worker; a failed worker is retried, and the dispatcher resumes stragglers. */
export const sendNewsletterBatch = onDocumentCreated(
  {
    document: `${NEWSLETTERS}/{id}/${NEWSLETTER_BATCHES}/{batchId}`,
    retry: true,
    secrets: MAIL_SECRETS,
    timeoutSeconds: 540,
  },
  async (event) => {
    await sendBatch(senderDeps(), event.params.id, event.params.batchId);
  },
);

export const dispatchNewslettersEveryMinute = onSchedule(
  { schedule: 'every 1 minutes', secrets: MAIL_SECRETS, timeoutSeconds: 540 },
  async () => {
    await dispatchNewsletters(senderDeps());
  },
);
