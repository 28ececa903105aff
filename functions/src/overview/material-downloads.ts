import { FieldValue, type Firestore } from 'firebase-admin/firestore';
import { logger } from 'firebase-functions';
import { MATERIAL_DOWNLOADS, utcDay } from '../shared/overview';

/** Counter shards per material and day: each takes about one write a second, so a burst spreads over them. */
export const DOWNLOAD_SHARDS = 4;

/**
 * Counts one granted file URL of a material (a download, or a recording played) for the admin overview's
 * "top materials": `materialDownloads/{day}_{materialId}_{shard}` incremented, shard at random. Admins'
 * own URLs are not counted. A failure is logged and never refuses the URL.
 */
export async function countMaterialDownload(db: Firestore, materialId: string, at: Date): Promise<void> {
  const day = utcDay(at);
  const shard = Math.floor(Math.random() * DOWNLOAD_SHARDS);
  try {
    await db
      .collection(MATERIAL_DOWNLOADS)
      .doc(`${day}_${materialId}_${shard}`)
      .set({ day, materialId, count: FieldValue.increment(1) }, { merge: true });
  } catch (err) {
    logger.warn(`material download of ${materialId} not counted`, err);
  }
}
