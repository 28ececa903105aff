import { logger } from 'firebase-functions';
import { onRequest } from 'firebase-functions/v2/https';
import { onTaskDispatched } from 'firebase-functions/v2/tasks';
import { z } from 'zod';
import { callable } from '../app/callable';
import { deps } from '../app/deps';
import { httpHandler } from '../app/http';
import { ZOOM_SECRETS, ZOOM_WEBHOOK_SECRET_TOKEN } from '../app/params';
import { docId } from '../shared/fields';
import { retryIngestRequestSchema } from '../shared/ingest-schema';
import { MAX_INGEST_ATTEMPTS } from '../shared/recordings';
import { retryIngest as retryIngestJob } from './ingest-jobs';
import { ingestDepsOf } from './ingest-deps';
import { runIngestJob } from './ingest-worker';
import { handleZoomWebhook } from './zoom-webhook';

/** Zoom's deliveries are a few kB; a recording with many files stays far below this. */
const MAX_EVENT_BYTES = 512 * 1024;

/** Zoom's webhook endpoint (Event Subscriptions: recording.completed, recording.transcript_completed). */
export const zoomWebhook = onRequest(
  { secrets: [ZOOM_WEBHOOK_SECRET_TOKEN] },
  httpHandler(
    'zoomWebhook',
    { methods: ['POST'], maxBodyBytes: MAX_EVENT_BYTES, schema: z.object({}).strict() },
    async (_input, req, res) => {
      const app = deps();
      const result = await handleZoomWebhook(
        { db: app.db, now: app.now, tasks: app.tasks },
        app.settings.zoomWebhookSecret,
        {
          rawBody: req.rawBody,
          timestamp: req.get('x-zm-request-timestamp'),
          signature: req.get('x-zm-signature'),
        },
      );
      res.status(result.status).json(result.body);
    },
  ),
);

const taskSchema = z.object({ id: docId }).strict();

/**
 * The worker: one task per ingest job (Cloud Tasks; the Tasks emulator locally), up to 30 minutes per
 * run, retried with exponential back-off when a run asks for it. Not an event trigger, so no 9-minute cap.
 */
export const ingestRecordingFile = onTaskDispatched(
  {
    retryConfig: { maxAttempts: MAX_INGEST_ATTEMPTS, minBackoffSeconds: 30, maxBackoffSeconds: 900, maxDoublings: 4 },
    rateLimits: { maxConcurrentDispatches: 4 },
    timeoutSeconds: 1800,
    memory: '512MiB',
    secrets: ZOOM_SECRETS,
  },
  async (req) => {
    const parsed = taskSchema.safeParse(req.data);
    if (!parsed.success) {
      logger.error('ingestRecordingFile: a task without a valid job id; dropped', { data: req.data });
      return;
    }
    const outcome = await runIngestJob(ingestDepsOf(deps()), parsed.data.id);
    if (outcome === 'retry') throw new Error(`Ingest job ${parsed.data.id} will be retried`);
  },
);

export const retryIngest = callable(
  'retryIngest',
  { schema: retryIngestRequestSchema, caller: 'admin' },
  async ({ id }) => ({ id: await retryIngestJob(deps(), id) }),
);
