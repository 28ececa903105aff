import { onCall, onRequest } from 'firebase-functions/v2/https';
import { parseOrThrow } from '../app/errors';
import { auth, db } from '../app/firebase';
import { escapeHtml } from '../shared/html';
import { layoutHtml } from '../mail/email-html';
import { appUrl, MAIL_SECRETS, senderDeps } from '../mail/mail-config';
import { confirmSignup, requestSignup, signupRequestSchema, type SignupDeps } from './visitor-signup';

const deps = (): SignupDeps => ({
  db: db(),
  auth: auth(),
  now: () => new Date(),
  functionsUrl: senderDeps().settings.functionsUrl,
});

/** The public email box. The same answer whatever happened, so it reveals no member's address. */
export const subscribeVisitor = onCall({ secrets: MAIL_SECRETS }, async (request) => {
  const { email } = parseOrThrow(signupRequestSchema, request.data);
  await requestSignup(deps(), email);
  return { message: 'Check your inbox: we sent you a link to confirm.' };
});

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
  res.redirect(303, `${appUrl()}/subscribed?status=${status}`);
});
