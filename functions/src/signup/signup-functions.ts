import { onRequest } from 'firebase-functions/v2/https';
import { z } from 'zod';
import { callable } from '../app/callable';
import { clientKey } from '../app/client-address';
import { deps } from '../app/deps';
import { httpHandler, linkParams, MAX_FORM_BYTES } from '../app/http';
import { MAIL_SECRETS } from '../app/params';
import { escapeHtml } from '../shared/html';
import { signupRequestSchema } from '../shared/signup-schema';
import { linkPageHtml } from '../mail/link-page';
import { confirmSignup, requestSignup } from './visitor-signup';

/**
 * The public email box. The same answer whether or not the address is a member's, so it reveals none;
 * rate limited per client, per address and overall (`resource-exhausted`), behind App Check in production.
 */
export const subscribeVisitor = callable(
  'subscribeVisitor',
  { schema: signupRequestSchema, caller: 'anyone', secrets: MAIL_SECRETS, appCheck: true },
  async ({ email, materialId }, { client }) => {
    await requestSignup(deps(), email, clientKey(client.address, client.appId), materialId);
    return {
      message: materialId
        ? 'Check your inbox: the link we sent signs you in and brings you back here.'
        : 'Check your inbox: we sent you a link to confirm.',
    };
  },
);

/** The link's parameters: the signup id (sha256 of the address) and its token, in the query or the form. */
const confirmParams = z
  .object({ s: z.string().regex(/^[a-f0-9]{64}$/, 'must be a signup id'), t: z.string().max(200) })
  .strict();

/** The confirmation link: GET shows one button (mail scanners prefetch GETs), POST confirms. */
export const confirmSubscription = onRequest(
  { secrets: MAIL_SECRETS },
  httpHandler(
    'confirmSubscription',
    {
      methods: ['GET', 'POST'],
      maxBodyBytes: MAX_FORM_BYTES,
      schema: confirmParams,
      params: linkParams,
    },
    async ({ s, t }, req, res) => {
      if (req.method === 'GET') {
        const action = `?s=${encodeURIComponent(s)}&t=${encodeURIComponent(t)}`;
        res.type('html').send(
          linkPageHtml({
            title: 'Confirm your subscription',
            blocks: [
              '<h1>Confirm your subscription</h1>',
              `<form method="post" action="${escapeHtml(action)}"><button type="submit">Confirm</button></form>`,
            ],
            footer: [],
          }),
        );
        return;
      }
      const status = await confirmSignup(deps(), s, t);
      res.redirect(303, `${deps().settings.appUrl}/subscribed?status=${status}`);
    },
  ),
);
