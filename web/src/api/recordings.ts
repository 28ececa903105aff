// Recordings for admins: the ingest jobs followed live (written by the ingest worker, admin-readable), a
// retry of a failed one, and a recording's chapters (saved and drafted through callables).
import { RECORDING_INGESTS, type Chapter } from '@shared/recordings';
import { liveQuery } from '@/composables/live-sources';
import { callFunction } from '@/lib/firebase';
import { ingestRow } from '@/lib/recording-ingests';

/** The latest ingest jobs, most recently changed first, live. */
export const liveIngests = (max = 100) =>
  liveQuery(
    ({ collection, limit, orderBy, query }, db) =>
      query(collection(db, RECORDING_INGESTS), orderBy('updatedAt', 'desc'), limit(max)),
    ingestRow,
  );

/** Queues a failed job again (the live list follows the outcome). */
export const retryIngest = (id: string) => callFunction('retryIngest', { id });

export const saveChapters = (materialId: string, chapters: Chapter[]) =>
  callFunction('saveChapters', { materialId, chapters });

/** Chapters drafted from the transcript; nothing is saved until `saveChapters`. */
export const draftChapters = async (materialId: string) =>
  (await callFunction('draftChapters', { materialId })).chapters;
