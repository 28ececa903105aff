import type { ZoomApi } from '../adapters/zoom/zoom-api';
import type { AppDeps } from '../app/deps';
import type { PollerDeps } from './ingest-poller';
import { publishRecording } from './publish-recording';

/** Without Zoom configured there is no recording to find: the poller finds none, a token cannot be renewed. */
const noZoom: Pick<ZoomApi, 'getRecording'> = { getRecording: async () => null };

/** What the ingest (worker, poller, sweep) needs, from the composition root (or dev-cron's). */
export function ingestDepsOf(app: AppDeps): PollerDeps {
  return {
    db: app.db,
    now: app.now,
    storage: app.storage,
    tasks: app.tasks,
    zoom: app.zoom ?? noZoom,
    publishRecording,
  };
}
