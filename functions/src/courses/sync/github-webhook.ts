import { logger } from 'firebase-functions';
import { FieldValue, Timestamp, type Firestore } from 'firebase-admin/firestore';
import { z } from 'zod';
import { verifyGitHubSignature } from '../../adapters/github/webhook-signature';
import type { TaskQueue } from '../../app/task-queue';
import { COURSE_SYNC_LOCKS } from '../../shared/course-sync';
import { describeIssues } from '../../shared/validation';

/** The processed-delivery ledger the other webhooks write too (`webhookEvents/{provider}_{id}`). */
const WEBHOOK_EVENTS = 'webhookEvents';
/** `courseSyncLocks/lastPush`: the newest push accepted, so a replayed older one cannot roll content back. */
export const LAST_PUSH_ID = 'lastPush';
/** The task-queue function that fetches and syncs a pushed commit. */
export const SYNC_TASK = 'syncCourseRepo';

export interface GitHubWebhookDeps {
  db: Firestore;
  tasks: TaskQueue;
  now: () => Date;
}

export interface GitHubWebhookSettings {
  secret: string;
  /** `owner/name`. */
  repo: string;
  branch: string;
}

export interface GitHubWebhookRequest {
  rawBody: Buffer | string;
  event: string | undefined;
  delivery: string | undefined;
  signature: string | undefined;
}

export interface GitHubWebhookResponse {
  status: number;
  body: Record<string, unknown>;
}

/** What a sync task carries. */
export const syncTaskSchema = z
  .object({
    commit: z.string().regex(/^[0-9a-f]{40}$/),
    delivery: z.string().min(1).max(100),
    pushedAt: z.number().int().nonnegative(),
  })
  .strict();
export type SyncTask = z.infer<typeof syncTaskSchema>;

/** The parts of GitHub's `push` payload we act on (it carries many more, which are ignored). */
const pushSchema = z.object({
  ref: z.string().max(300),
  after: z.string().regex(/^[0-9a-f]{40}$/, 'must be a commit sha'),
  deleted: z.boolean().default(false),
  repository: z.object({
    full_name: z.string().max(200),
    // An integer (seconds) in push events; an ISO string elsewhere in GitHub's API.
    pushed_at: z.union([z.number(), z.string()]).transform((v) => (typeof v === 'number' ? v : Date.parse(v) / 1000)),
  }),
});

const DELIVERY = /^[A-Za-z0-9-]{1,100}$/;

const answer = (status: number, body: Record<string, unknown>): GitHubWebhookResponse => ({ status, body });

/**
 * One GitHub webhook delivery. The signature (`X-Hub-Signature-256`, HMAC-SHA256 of the raw body) is checked
 * first, timing-safe: 401 otherwise. `ping` answers 200; other events, other repositories, other branches and
 * deleted branches are acknowledged (202) and change nothing. A push of the branch records its delivery id
 * (a replayed delivery is answered 200 `duplicate`) and the newest `pushed_at` (an older push, replayed under a
 * new delivery id, cannot roll the courses back: GitHub signs no timestamp), then queues the sync task, so
 * GitHub gets its answer within its 10 seconds.
 */
export async function handleGitHubWebhook(
  deps: GitHubWebhookDeps,
  settings: GitHubWebhookSettings,
  req: GitHubWebhookRequest,
): Promise<GitHubWebhookResponse> {
  if (!verifyGitHubSignature(settings.secret, req.rawBody, req.signature)) {
    logger.warn('GitHub webhook rejected: bad or missing X-Hub-Signature-256');
    return answer(401, { error: 'Webhook rejected: bad signature' });
  }
  if (!req.delivery || !DELIVERY.test(req.delivery)) return answer(400, { error: 'X-GitHub-Delivery is missing' });
  if (req.event === 'ping') return answer(200, { ok: true });
  if (req.event !== 'push') return answer(202, { ignored: `event ${req.event ?? 'none'}` });
  let json: unknown;
  try {
    json = JSON.parse(req.rawBody.toString());
  } catch {
    return answer(400, { error: 'The body is not JSON' });
  }
  const parsed = pushSchema.safeParse(json);
  if (!parsed.success) return answer(400, { error: describeIssues(parsed.error) });
  const push = parsed.data;
  if (push.repository.full_name.toLowerCase() !== settings.repo.toLowerCase())
    return answer(202, { ignored: `repository ${push.repository.full_name}` });
  if (push.ref !== `refs/heads/${settings.branch}`) return answer(202, { ignored: `ref ${push.ref}` });
  if (push.deleted) return answer(202, { ignored: 'deleted branch' });

  const pushedAt = Math.floor(push.repository.pushed_at);
  const ledger = deps.db.collection(WEBHOOK_EVENTS).doc(`github_${req.delivery}`);
  const last = deps.db.collection(COURSE_SYNC_LOCKS).doc(LAST_PUSH_ID);
  const outcome = await deps.db.runTransaction(async (tx) => {
    const [seen, newest] = await tx.getAll(ledger, last);
    if (seen!.exists) return 'duplicate' as const;
    const older = (newest!.get('pushedAt') as number | undefined) ?? -1;
    tx.create(ledger, {
      provider: 'github',
      type: 'push',
      commit: push.after,
      processedAt: FieldValue.serverTimestamp(),
    });
    if (pushedAt < older) return 'older' as const;
    tx.set(last, { pushedAt, commit: push.after, at: Timestamp.fromDate(deps.now()) });
    return 'queued' as const;
  });
  if (outcome === 'duplicate') {
    logger.info(`GitHub delivery ${req.delivery} already processed; duplicate ignored`);
    return answer(200, { duplicate: true });
  }
  if (outcome === 'older') {
    logger.warn(`GitHub push ${push.after} (delivery ${req.delivery}) is older than the last one; ignored`);
    return answer(202, { ignored: 'older push' });
  }
  const task: SyncTask = { commit: push.after, delivery: req.delivery, pushedAt };
  try {
    await deps.tasks.enqueue(SYNC_TASK, task);
  } catch (err) {
    // Without its task the delivery was not handled: forget it, so GitHub's redelivery is not a "duplicate".
    await ledger.delete();
    throw err;
  }
  logger.info(`GitHub push of ${push.after} queued for sync`, task);
  return answer(202, { queued: push.after });
}

/** Whether a newer push was accepted since this task's (its sync would only be undone by the next). */
export async function supersededPush(db: Firestore, task: SyncTask): Promise<boolean> {
  const newest = (await db.collection(COURSE_SYNC_LOCKS).doc(LAST_PUSH_ID).get()).get('pushedAt') as number | undefined;
  return newest !== undefined && newest > task.pushedAt;
}
