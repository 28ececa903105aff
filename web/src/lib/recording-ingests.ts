// Admin → Recordings: one row per ingest job (`recordingIngests/{id}`, written by the ingest worker), read
// defensively so a job written by an older worker still shows.
import type { IngestState } from '@shared/recordings';

type Time = { toDate(): Date };

export interface IngestRow {
  id: string;
  eventId: string;
  name: string;
  role: string;
  state: IngestState | 'unknown';
  bytesDone: number;
  size: number;
  /** 0..100, or null while the size is unknown. */
  percent: number | null;
  attempts: number;
  error: string | null;
  updatedAt: Time | null;
  /** Only a failed job is retried by hand; queued and running ones retry themselves. */
  retryable: boolean;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const STATES = ['queued', 'running', 'done', 'failed'];

export function ingestRow(id: string, data: Record<string, unknown>): IngestRow {
  const state = STATES.includes(str(data.state)) ? (data.state as IngestState) : 'unknown';
  const bytesDone = num(data.bytesDone);
  // The worker names the expected size `expectedSize`; `size` as the contract's IngestedFile does.
  const size = num(data.expectedSize ?? data.size);
  const percent = state === 'done' ? 100 : size > 0 ? Math.min(100, Math.floor((bytesDone / size) * 100)) : null;
  const updatedAt = (data.updatedAt as Time | undefined)?.toDate ? (data.updatedAt as Time) : null;
  return {
    id,
    eventId: str(data.eventId),
    name: str(data.name) || id,
    role: str(data.role),
    state,
    bytesDone,
    size,
    percent,
    attempts: num(data.attempts),
    error: str(data.error) || null,
    updatedAt,
    retryable: state === 'failed',
  };
}
