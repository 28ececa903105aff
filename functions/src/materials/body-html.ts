import type { Firestore } from 'firebase-admin/firestore';
import { renderMarkdownHtml } from '../app/markdown-html';
import { bodyHtmlState, markdownHash } from '../shared/body-html';
import { BODY, GATED, MATERIALS, type MaterialBody } from '../shared/materials';

/** gRPC status of an update whose `lastUpdateTime` precondition no longer holds. */
const FAILED_PRECONDITION = 9;

/** The fields that bring a body's HTML in step with its markdown, or null when it already is. */
export function bodyHtmlUpdate(body: Pick<MaterialBody, 'markdown' | 'html' | 'htmlOf'>): {
  html: string;
  htmlOf: string;
} | null {
  if (bodyHtmlState(body).fresh) return null;
  return { html: renderMarkdownHtml(body.markdown), htmlOf: markdownHash(body.markdown) };
}

export type BodyRenderOutcome = 'rendered' | 'fresh' | 'missing' | 'superseded';

/**
 * Renders a material body's markdown to sanitized HTML stored beside it. Reads the body as it is now (so
 * triggers arriving late or twice do nothing) and writes only if nobody changed it meanwhile: a newer
 * write has its own trigger, which renders the newer markdown.
 */
export async function renderStoredBody(deps: { db: Firestore }, materialId: string): Promise<BodyRenderOutcome> {
  const ref = deps.db.collection(MATERIALS).doc(materialId).collection(GATED).doc(BODY);
  const snap = await ref.get();
  if (!snap.exists) return 'missing';
  const update = bodyHtmlUpdate(snap.data() as MaterialBody);
  if (!update) return 'fresh';
  try {
    await ref.update(update, { lastUpdateTime: snap.updateTime });
    return 'rendered';
  } catch (err) {
    if ((err as { code?: unknown }).code === FAILED_PRECONDITION) return 'superseded';
    throw err;
  }
}
