import { logger } from 'firebase-functions';
import { checkZoomSignature, zoomUrlValidation } from '../domain/zoom-recording';
import { describeIssues } from '../shared/validation';
import { dispatchIngests, findEventOfMeeting, recordIngestJobs, type JobStoreDeps } from './ingest-jobs';
import {
  RECORDING_EVENTS,
  recordingPayloadSchema,
  urlValidationPayloadSchema,
  zoomEnvelopeSchema,
} from './zoom-webhook-payload';

export interface ZoomWebhookRequest {
  rawBody: Buffer | string;
  timestamp: string | undefined;
  signature: string | undefined;
}
export interface ZoomWebhookResponse {
  status: number;
  body: Record<string, unknown>;
}

const refuse = (status: number, error: string): ZoomWebhookResponse => ({ status, body: { error } });

/**
 * One Zoom webhook delivery. Every delivery, URL validation included, must carry a fresh valid
 * signature over the raw body (401 otherwise; an unsigned validation would let anyone have us HMAC
 * any string, i.e. forge signatures). `recording.completed` (and the later transcript) of a meeting we
 * know records the ingest jobs and dispatches them; the copy happens in the worker, so this answers
 * fast. Unknown meetings and other events: 200, nothing done. A store failure throws, answered 500, and
 * Zoom delivers again; the deterministic job ids make that retry (and any replay) create nothing twice.
 */
export async function handleZoomWebhook(
  deps: JobStoreDeps,
  secret: string,
  req: ZoomWebhookRequest,
): Promise<ZoomWebhookResponse> {
  const check = checkZoomSignature({ secret, ...req, nowMs: deps.now().getTime() });
  if (check !== 'ok') {
    logger.warn(`Zoom webhook rejected: ${check} signature`);
    return refuse(401, `Webhook rejected: ${check} signature`);
  }
  let json: unknown;
  try {
    json = JSON.parse(req.rawBody.toString());
  } catch {
    return refuse(400, 'The body is not JSON');
  }
  const envelope = zoomEnvelopeSchema.safeParse(json);
  if (!envelope.success) return refuse(400, describeIssues(envelope.error));
  const { event, payload, download_token: downloadToken } = envelope.data;

  if (event === 'endpoint.url_validation') {
    const parsed = urlValidationPayloadSchema.safeParse(payload);
    if (!parsed.success) return refuse(400, describeIssues(parsed.error));
    return { status: 200, body: zoomUrlValidation(secret, parsed.data.plainToken) };
  }
  if (!RECORDING_EVENTS.has(event)) {
    logger.info(`Zoom event ${event} ignored`);
    return { status: 200, body: { ignored: event } };
  }
  const parsed = recordingPayloadSchema.safeParse(payload);
  if (!parsed.success) return refuse(400, describeIssues(parsed.error));
  const recording = parsed.data.object;
  const meetingId = String(recording.id);
  const eventId = await findEventOfMeeting(deps.db, meetingId);
  if (!eventId) {
    logger.info(`Zoom ${event} for meeting ${meetingId}, which is no event of ours: ignored`);
    return { status: 200, body: { ignored: 'unknown meeting' } };
  }
  const created = await recordIngestJobs(deps, { eventId, recording, downloadToken: downloadToken ?? null });
  await dispatchIngests(deps, created);
  logger.info(`Zoom ${event} for event ${eventId}: ${created.length} ingest jobs recorded`, { created });
  return { status: 200, body: { eventId, jobs: created.length } };
}
