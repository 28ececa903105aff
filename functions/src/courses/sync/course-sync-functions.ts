import { logger } from 'firebase-functions';
import { onRequest } from 'firebase-functions/v2/https';
import { onTaskDispatched } from 'firebase-functions/v2/tasks';
import { z } from 'zod';
import { deps } from '../../app/deps';
import { httpHandler } from '../../app/http';
import { renderMarkdownHtml } from '../../app/markdown-html';
import { GITHUB_TOKEN, GITHUB_WEBHOOK_SECRET } from '../../app/params';
import { CourseSyncBusy, syncCourses } from './course-sync';
import { handleGitHubWebhook, supersededPush, syncTaskSchema } from './github-webhook';
import { gitHubLoader } from './repo-loaders';

/** A push lists at most 2,048 commits (a few MB at most); GitHub's own cap for any payload is 25 MB. */
const MAX_EVENT_BYTES = 10 * 1024 * 1024;

/** The course repository's webhook (content type application/json, event `push`); README, "Deploying". */
export const githubWebhook = onRequest(
  { secrets: [GITHUB_WEBHOOK_SECRET] },
  httpHandler(
    'githubWebhook',
    { methods: ['POST'], maxBodyBytes: MAX_EVENT_BYTES, schema: z.object({}).strict() },
    async (_input, req, res) => {
      const app = deps();
      const { repo, branch, webhookSecret } = app.settings.github;
      const result = await handleGitHubWebhook(
        { db: app.db, tasks: app.tasks, now: app.now },
        { secret: repo ? webhookSecret : '', repo, branch },
        {
          rawBody: req.rawBody,
          event: req.get('x-github-event'),
          delivery: req.get('x-github-delivery'),
          signature: req.get('x-hub-signature-256'),
        },
      );
      res.status(result.status).json(result.body);
    },
  ),
);

/**
 * The sync of one pushed commit: fetched through the GitHub API, parsed, applied (courses/sync/course-sync.ts).
 * One at a time (and the lease besides, against a local content:sync); a busy lease retries later. A push
 * superseded by a newer one is skipped: the newer task syncs the newer commit.
 */
export const syncCourseRepo = onTaskDispatched(
  {
    retryConfig: { maxAttempts: 5, minBackoffSeconds: 30, maxBackoffSeconds: 600 },
    rateLimits: { maxConcurrentDispatches: 1 },
    timeoutSeconds: 1800,
    memory: '1GiB',
    secrets: [GITHUB_TOKEN],
  },
  async (req) => {
    const parsed = syncTaskSchema.safeParse(req.data);
    if (!parsed.success) {
      logger.error('syncCourseRepo: a task without a valid commit; dropped', { data: req.data });
      return;
    }
    const task = parsed.data;
    const app = deps();
    if (await supersededPush(app.db, task)) {
      logger.info(`syncCourseRepo: ${task.commit} superseded by a newer push; skipped`);
      return;
    }
    const github = app.github;
    if (!github) {
      logger.error('syncCourseRepo: GITHUB_REPO is not set; nothing synced');
      return;
    }
    try {
      const { id, report } = await syncCourses(
        { db: app.db, storage: app.storage, now: app.now, render: renderMarkdownHtml },
        { source: 'github', commit: task.commit, load: gitHubLoader(github, task.commit) },
      );
      logger.info(`Course sync ${id} of ${task.commit}: ${report.status}, ${report.writes} writes`);
    } catch (err) {
      if (err instanceof CourseSyncBusy) throw new Error(`${err.message} (task retried)`);
      throw err;
    }
  },
);
