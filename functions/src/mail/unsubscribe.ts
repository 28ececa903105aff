import type { Firestore } from 'firebase-admin/firestore';
import { verifyUnsubscribeToken } from '../domain/newsletter';
import { MEMBERS } from '../shared/members';
import { escapeHtml } from '../shared/html';
import { linkPageHtml } from './link-page';

export interface UnsubscribeRequest {
  method: string;
  query: Record<string, unknown>;
  /** Parsed form body of a POST (mail clients send `List-Unsubscribe=One-Click`). */
  body: Record<string, unknown>;
}
export interface UnsubscribeResponse {
  status: number;
  html?: string;
  text?: string;
  location?: string;
}

/**
 * The one-click unsubscribe endpoint (RFC 8058). A POST with a valid token turns the member's newsletter
 * off and answers 2xx (mail clients) or sends the browser to the app's confirmation page. A GET never
 * changes anything (link scanners prefetch GETs): it shows a page with one button that POSTs. Anything
 * malformed gets the friendly "not valid" page and changes nothing.
 */
export async function handleUnsubscribe(
  db: Firestore,
  /** `UNSUBSCRIBE_SECRET`: the versioned keys; a link verifies while its version is listed. */
  secrets: string,
  appUrl: string,
  req: UnsubscribeRequest,
): Promise<UnsubscribeResponse> {
  const uid = req.query.u ?? req.body.u;
  const token = req.query.t ?? req.body.t;
  const valid = verifyUnsubscribeToken(uid, token, secrets) && (await db.collection(MEMBERS).doc(uid).get()).exists;
  const invalidPage = `${appUrl}/unsubscribed?status=invalid`;
  if (req.method === 'GET') {
    if (!valid) return { status: 303, location: invalidPage };
    const action = `?u=${encodeURIComponent(uid)}&t=${encodeURIComponent(String(token))}`;
    return {
      status: 200,
      html: linkPageHtml({
        title: 'Unsubscribe',
        blocks: [
          '<h1>Unsubscribe from the newsletter?</h1>',
          `<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="from" value="page">` +
            '<button type="submit">Unsubscribe</button></form>',
        ],
        footer: [`<a href="${escapeHtml(appUrl)}/account">Manage all email preferences</a>`],
      }),
    };
  }
  if (req.method !== 'POST') return { status: 405, text: 'GET or POST only' };
  const fromPage = req.body.from === 'page';
  if (!valid)
    return fromPage
      ? { status: 303, location: invalidPage }
      : { status: 400, text: 'This unsubscribe link is not valid.' };
  await db.collection(MEMBERS).doc(uid).update({ 'emailPrefs.newsletter': false });
  return fromPage
    ? { status: 303, location: `${appUrl}/unsubscribed?status=ok` }
    : { status: 200, text: 'Unsubscribed.' };
}
