import { logger } from 'firebase-functions';
import { basicAuthMatches } from '../domain/suppression';
import { describeIssues } from '../shared/validation';
import { postmarkRecordSchema } from './postmark-webhook-payload';
import { recordBounce, type SuppressionDeps } from './suppression-store';

export interface PostmarkWebhookRequest {
  rawBody: Buffer | string;
  authorization: string | undefined;
}
export interface PostmarkWebhookResponse {
  status: number;
  body: Record<string, unknown>;
}

const refuse = (status: number, error: string): PostmarkWebhookResponse => ({ status, body: { error } });

/**
 * One Postmark bounce or spam-complaint delivery. Postmark offers no signature, only HTTP basic auth in the
 * webhook's URL: credentials other than `credentials` (`user:password`, compared in constant time) get 401,
 * a body that is not one of Postmark's records 400, both before anything is read or written. A record is
 * applied exactly once (`recordBounce`: its ID in the ledger, in the same transaction); a replay answers
 * 200 and changes nothing. A store failure throws (500) and Postmark delivers again.
 */
export async function handlePostmarkWebhook(
  deps: SuppressionDeps,
  credentials: string,
  req: PostmarkWebhookRequest,
): Promise<PostmarkWebhookResponse> {
  if (!credentials) logger.error('postmarkWebhook: POSTMARK_WEBHOOK_AUTH is not set, so every delivery is refused');
  if (!basicAuthMatches(req.authorization, credentials)) {
    logger.warn('Postmark webhook rejected: wrong or missing basic auth');
    return refuse(401, 'Webhook rejected: wrong or missing credentials');
  }
  let json: unknown;
  try {
    json = JSON.parse(req.rawBody.toString());
  } catch {
    return refuse(400, 'The body is not JSON');
  }
  const parsed = postmarkRecordSchema.safeParse(json);
  if (!parsed.success) return refuse(400, describeIssues(parsed.error));
  const r = parsed.data;
  const outcome = await recordBounce(deps, {
    id: String(r.ID),
    recordType: r.RecordType,
    type: r.Type,
    email: r.Email,
    at: new Date(r.BouncedAt),
    description: (r.Description ?? r.Name ?? '').slice(0, 500),
  });
  return { status: 200, body: { outcome } };
}
