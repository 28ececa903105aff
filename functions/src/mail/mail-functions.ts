import { onDocumentCreated } from 'firebase-functions/v2/firestore';
import { onRequest } from 'firebase-functions/v2/https';
import { deps } from '../app/deps';
import { MAIL_SECRETS, UNSUBSCRIBE_SECRET } from '../app/params';
import { MAIL } from '../shared/mail';
import { deliverMail } from './outbox';
import { handleUnsubscribe } from './unsubscribe';

/** Delivers each outbox mail once it is queued; a transport error rethrows so the event is retried. */
export const deliverOutboxMail = onDocumentCreated(
  { document: `${MAIL}/{id}`, retry: true, secrets: MAIL_SECRETS },
  async (event) => {
    await deliverMail(deps(), event.params.id);
  },
);

/** One-click unsubscribe (List-Unsubscribe-Post) and its confirmation page. */
export const unsubscribe = onRequest({ secrets: [UNSUBSCRIBE_SECRET] }, async (req, res) => {
  const app = deps();
  const result = await handleUnsubscribe(app.db, app.settings.unsubscribeSecret, app.settings.appUrl, {
    method: req.method,
    query: req.query as Record<string, unknown>,
    body: typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {},
  });
  if (result.location) res.redirect(result.status, result.location);
  else if (result.html) res.status(result.status).type('html').send(result.html);
  else
    res
      .status(result.status)
      .type('text')
      .send(result.text ?? '');
});
