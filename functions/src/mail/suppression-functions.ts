import { onRequest } from 'firebase-functions/v2/https';
import { z } from 'zod';
import { callable } from '../app/callable';
import { deps } from '../app/deps';
import { httpHandler } from '../app/http';
import { POSTMARK_WEBHOOK_AUTH } from '../app/params';
import { liftSuppressionSchema } from '../shared/suppression-schema';
import { handlePostmarkWebhook } from './postmark-webhook';
import { liftSuppression as lift } from './suppression-store';

/** A bounce record is a few kB (without "Include bounce content", which we do not read). */
const MAX_RECORD_BYTES = 256 * 1024;

/**
 * Postmark's bounce and spam-complaint webhook (Servers → the stream → Webhooks, with basic auth in the
 * URL: `https://user:password@<functions>/postmarkWebhook`); the local mail capture posts the same records.
 */
export const postmarkWebhook = onRequest(
  { secrets: [POSTMARK_WEBHOOK_AUTH] },
  httpHandler(
    'postmarkWebhook',
    { methods: ['POST'], maxBodyBytes: MAX_RECORD_BYTES, schema: z.object({}).strict() },
    async (_input, req, res) => {
      const app = deps();
      const result = await handlePostmarkWebhook(app, app.settings.postmarkWebhookAuth, {
        rawBody: req.rawBody,
        authorization: req.get('authorization'),
      });
      if (result.status === 401) res.set('WWW-Authenticate', 'Basic realm="postmarkWebhook"');
      res.status(result.status).json(result.body);
    },
  ),
);

/** An admin lifts an address from the suppression list (it may receive newsletters again). */
export const liftSuppression = callable(
  'liftSuppression',
  { schema: liftSuppressionSchema, caller: 'admin' },
  async ({ id }, { caller }) => lift(deps(), id, caller.email ?? caller.uid),
);
