import type { Firestore } from 'firebase-admin/firestore';
import { MATERIALS, MATERIAL_SEARCH, searchEntryOf, type MaterialTeaser } from '../shared/materials';

/**
 * Brings `materialSearch/{id}` in step with the teaser `materials/{id}`: the teaser plus its search keys,
 * or nothing once the material is deleted. Reads and writes in one transaction, so of two triggers racing
 * the later state wins, and running it again changes nothing.
 */
export async function indexMaterial(deps: { db: Firestore }, materialId: string): Promise<'indexed' | 'removed'> {
  const teaserRef = deps.db.collection(MATERIALS).doc(materialId);
  const entryRef = deps.db.collection(MATERIAL_SEARCH).doc(materialId);
  return deps.db.runTransaction(async (tx) => {
    const teaser = await tx.get(teaserRef);
    if (!teaser.exists) {
      tx.delete(entryRef);
      return 'removed';
    }
    tx.set(entryRef, searchEntryOf(teaser.data() as MaterialTeaser));
    return 'indexed';
  });
}
