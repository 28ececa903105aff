import { onRequest } from 'firebase-functions/v2/https';
import { callable } from '../app/callable';
import { deps } from '../app/deps';
import { MAIL_SECRETS } from '../app/params';
import { escapeHtml } from '../shared/html';
import { signupRequestSchema } from '../shared/signup-schema';
import { layoutHtml } from '../mail/email-html';
import { confirmSignup, requestSignup } from './visitor-signup';

/** The public email box. The same answer whatever happened, so it reveals no member's address. */
export const subscribeVisitor = callable(
  'subscribeVisitor',
  { schema: signupRequestSchema, caller: 'anyone', secrets: MAIL_SECRETS },
  async ({ email }) => {
    await requestSignup(deps(), email);
    return { message: 'Check your inbox: we sent you a link to confirm.' };
  },
);

/** The confirmation link: GET shows one button (mail scanners prefetch GETs), POST confirms. */
export const confirmSubscription = onRequest({ secrets: MAIL_SECRETS }, async (req, res) => {
  const s = req.query.s ?? (req.body as Record<string, unknown> | undefined)?.s;
  const t = req.query.t ?? (req.body as Record<string, unknown> | undefined)?.t;
  if (req.method === 'GET') {
    const action = `?s=${encodeURIComponent(String(s ?? ''))}&t=${encodeURIComponent(String(t ?? ''))}`;
    res.type('html').send(
      layoutHtml({
        title: 'Confirm your subscription',
        blocks: [
          '<h1 style="font-size:22px">Confirm your subscription</h1>',
          `<form method="post" action="${escapeHtml(action)}"><button type="submit" style="padding:10px 18px;font-size:16px">Confirm</button></form>`,
        ],
        footer: [],
      }),
    );
    return;
  }
  if (req.method !== 'POST') {
    res.status(405).send('GET or POST only');
    return;
  }
  const status = await confirmSignup(deps(), s, t);
  res.redirect(303, `${deps().settings.appUrl}/subscribed?status=${status}`);
});
