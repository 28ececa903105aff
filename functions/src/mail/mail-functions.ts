import { onDocumentCreated } from 'firebase-functions/v2/firestore';
import { onRequest } from 'firebase-functions/v2/https';
import { z } from 'zod';
import { deps } from '../app/deps';
import { httpHandler, linkParams, MAX_FORM_BYTES } from '../app/http';
import { MAIL_SECRETS, UNSUBSCRIBE_SECRET } from '../app/params';
import { docId } from '../shared/fields';
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

/** The link's parameters (query) and what mail clients or our page POST (form fields). */
const unsubscribeParams = z
  .object({
    u: docId,
    t: z.string().max(200),
    from: z.literal('page').optional(),
    'List-Unsubscribe': z.literal('One-Click').optional(),
  })
  .strict();

/** One-click unsubscribe (List-Unsubscribe-Post) and its confirmation page. */
export const unsubscribe = onRequest(
  { secrets: [UNSUBSCRIBE_SECRET] },
  httpHandler(
    'unsubscribe',
    {
      methods: ['GET', 'POST'],
      maxBodyBytes: MAX_FORM_BYTES,
      schema: unsubscribeParams,
      params: linkParams,
    },
    async ({ u, t, from }, req, res) => {
      const app = deps();
      const result = await handleUnsubscribe(app.db, app.settings.unsubscribeSecret, app.settings.appUrl, {
        method: req.method,
        query: { u, t },
        body: { from },
      });
      if (result.location) res.redirect(result.status, result.location);
      else if (result.html) res.status(result.status).type('html').send(result.html);
      else
        res
          .status(result.status)
          .type('text')
          .send(result.text ?? '');
    },
  ),
);
