import type { Firestore } from 'firebase-admin/firestore';
import type { MediaStorage } from '../adapters/storage';
import type { IngestedFile } from '../shared/recordings';

/**
 * What the ingest worker calls once every file of a meeting's recording is stored: the recordings
 * area's `publishRecording` (recordings/publish-recording.ts), idempotent. Declared here as a type so the
 * worker takes it as a dependency.
 */
export type PublishRecording = (
  deps: { db: Firestore; now: () => Date; storage: Pick<MediaStorage, 'createReadStream'> },
  input: { eventId: string; meetingUuid: string; files: IngestedFile[]; durationSeconds: number | null },
) => Promise<{ materialId: string }>;
