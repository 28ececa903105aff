import { FieldPath, FieldValue, type Firestore } from 'firebase-admin/firestore';
import { MATERIALS } from '../shared/materials';
import { renderStoredBody } from './body-html';
import { indexMaterial } from './search-index';

const PAGE = 200;

/**
 * Brings every stored material to the current shape, for data saved before bodies carried HTML and search
 * keys moved out of the teaser (`npm run admin -- refresh-materials`): drops the teaser's old `searchKeys`,
 * writes its search index entry and renders its body. Each step is idempotent, so it may run any time.
 */
export async function refreshMaterials(deps: { db: Firestore }): Promise<{ materials: number; rendered: number }> {
  let materials = 0;
  let rendered = 0;
  let after: string | undefined;
  for (;;) {
    let page = deps.db.collection(MATERIALS).orderBy(FieldPath.documentId()).limit(PAGE);
    if (after) page = page.startAfter(after);
    const snap = await page.get();
    for (const doc of snap.docs) {
      if (doc.get('searchKeys') !== undefined) await doc.ref.update({ searchKeys: FieldValue.delete() });
      await indexMaterial(deps, doc.id);
      if ((await renderStoredBody(deps, doc.id)) === 'rendered') rendered++;
      materials++;
    }
    if (snap.size < PAGE) return { materials, rendered };
    after = snap.docs[snap.size - 1]?.id;
  }
}
