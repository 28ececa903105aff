import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import { draftChapters } from '../domain/chapters';
import { Refusal } from '../domain/refusal';
import { BODY, GATED, MATERIALS, type MaterialBody, type MaterialTeaser } from '../shared/materials';
import type { Chapter } from '../shared/recordings';

function notARecording(materialId: string): Refusal {
  return new Refusal('not-found', `No recording ${materialId}`);
}

/**
 * Stores a recording's chapters (validated by `saveChaptersSchema`: at most 100, ascending whole seconds,
 * labels of 1 to 120 characters), refusing any past the recording's duration. One transaction, so a
 * concurrent publication keeps what the admin saved (publishRecording keeps existing chapters).
 */
export async function saveChapters(
  deps: { db: Firestore; now: () => Date },
  materialId: string,
  chapters: Chapter[],
): Promise<void> {
  const ref = deps.db.collection(MATERIALS).doc(materialId);
  await deps.db.runTransaction(async (tx) => {
    const teaser = (await tx.get(ref)).data() as MaterialTeaser | undefined;
    if (teaser?.kind !== 'recording') throw notARecording(materialId);
    const duration = teaser.durationSeconds;
    const late = duration == null ? -1 : chapters.findIndex((c) => c.at > duration);
    if (late >= 0)
      throw new Refusal('invalid-argument', `chapters.${late}.at: must be within the recording (${duration} seconds)`);
    tx.update(ref, { chapters, updatedAt: Timestamp.fromDate(deps.now()) });
  });
}

/** Chapters proposed from the stored transcript (nothing is saved: the admin edits, then saves). */
export async function draftChaptersOf(deps: { db: Firestore }, materialId: string): Promise<Chapter[]> {
  const ref = deps.db.collection(MATERIALS).doc(materialId);
  const [teaser, body] = await Promise.all([ref.get(), ref.collection(GATED).doc(BODY).get()]);
  if (teaser.get('kind') !== 'recording' || !body.exists) throw notARecording(materialId);
  return draftChapters((body.data() as MaterialBody).transcript ?? []);
}
