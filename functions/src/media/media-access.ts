import type { Firestore } from 'firebase-admin/firestore';
import { canAccess, type AccessClaims } from '../shared/access';
import type { MediaUrlRequest } from '../shared/media-schema';
import { BODY, GATED, MATERIALS, type MaterialBody } from '../shared/materials';

export type MediaDecision =
  { ok: true; name: string; inline: boolean } | { ok: false; code: 'not-found' | 'permission-denied'; message: string };

/** Whether `claims` may download `path` of a material: the same check as reading its body. */
export async function decideMediaAccess(
  db: Firestore,
  claims: AccessClaims | null,
  req: MediaUrlRequest,
): Promise<MediaDecision> {
  const snap = await db.collection(MATERIALS).doc(req.materialId).collection(GATED).doc(BODY).get();
  const body = snap.data() as MaterialBody | undefined;
  const isAdmin = claims?.admin === true;
  if (!body || (body.status !== 'published' && !isAdmin)) {
    return { ok: false, code: 'not-found', message: 'No such material' };
  }
  if (!isAdmin && !canAccess(claims, body)) {
    return { ok: false, code: 'permission-denied', message: 'Your plan does not include this file' };
  }
  const file = body.files.find((f) => f.path === req.path);
  if (!file) return { ok: false, code: 'not-found', message: 'No such file on this material' };
  // Video and audio play in the page (a recording's player), so they are served inline; other files download.
  return { ok: true, name: file.name, inline: /^(video|audio)\//.test(file.contentType) };
}
