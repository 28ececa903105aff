import type { ZoomApi } from '../adapters/zoom/zoom-api';
import type { AppDeps } from '../app/deps';
import type { PollerDeps } from './ingest-poller';
import type { PublishRecording } from './publish-port';

// ---- Wired at merge: the Zoom adapter (the zoom helper's `AppDeps.zoom`) and publishRecording (the
// recordings helper's recordings/publish-recording.ts). Until then they refuse: jobs stay queued and
// meetings unpublished, and the sweep picks them up once wired.
const notWired = (what: string) => () => Promise.reject(new Error(`${what} is not wired on this branch`));
const zoom: Pick<ZoomApi, 'getRecording'> = { getRecording: notWired('The Zoom adapter') };
const publishRecording: PublishRecording = notWired('publishRecording');

/** Secrets of the Zoom API that the worker and the poller call (declared with the Zoom adapter). */
export const ZOOM_API_SECRETS: never[] = [];

/** What the ingest (worker, poller, sweep) needs, from the composition root (or dev-cron's). */
export function ingestDepsOf(app: AppDeps): PollerDeps {
  return { db: app.db, now: app.now, storage: app.storage, tasks: app.tasks, zoom, publishRecording };
}
