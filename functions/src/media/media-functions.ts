import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { onRequest } from 'firebase-functions/v2/https';
import { logger } from 'firebase-functions/v2';
import { z } from 'zod';
import { callable } from '../app/callable';
import { deps } from '../app/deps';
import { httpHandler } from '../app/http';
import { localMediaStorage } from '../adapters/storage';
import { MAX_URL_SECONDS } from '../adapters/storage/media-storage';
import { Refusal } from '../domain/refusal';
import { fileName, mediaPath } from '../shared/fields';
import { mediaUrlRequestSchema } from '../shared/media-schema';
import { courseMediaUrlSchema } from '../shared/course-learning';
import { byteRange } from './byte-range';
import { countMaterialDownload } from '../overview/material-downloads';
import { decideCourseMediaAccess, decideMediaAccess, type MediaDecision } from './media-access';

/** A short-lived URL to a file the decision allowed (downloaded under its name unless it plays inline). */
async function signedUrl(path: string, decision: MediaDecision): Promise<{ url: string; expiresAt: string }> {
  if (!decision.ok) throw new Refusal(decision.code, decision.message);
  const app = deps();
  const expiresAt = new Date(app.now().getTime() + MAX_URL_SECONDS * 1000);
  const url = await app.storage.signedReadUrl(path, {
    expiresAt,
    downloadName: decision.inline ? undefined : decision.name,
  });
  return { url, expiresAt: expiresAt.toISOString() };
}

/** A short-lived URL to a material's file, after the same access check as its body. */
export const getMediaUrl = callable(
  'getMediaUrl',
  { schema: mediaUrlRequestSchema, caller: 'anyone' },
  async (input, { caller }) => {
    const app = deps();
    const answer = await signedUrl(input.path, await decideMediaAccess(app.db, caller?.token ?? null, input));
    // The overview's "top materials": granted URLs of members and visitors (never an admin's own).
    if (caller?.token.admin !== true) await countMaterialDownload(app.db, input.materialId, app.now());
    return answer;
  },
);

/** A short-lived URL to a course unit's file video or attachment, after the same checks as reading the unit. */
export const getCourseMediaUrl = callable(
  'getCourseMediaUrl',
  { schema: courseMediaUrlSchema, caller: 'anyone' },
  async (input, { caller }) => {
    const app = deps();
    const claims = caller?.token ?? null;
    return signedUrl(input.path, await decideCourseMediaAccess(app.db, claims, caller?.uid ?? null, input, app.now()));
  },
);

/** A path segment of the URL, decoded; a broken %-escape is an issue, not a crash. */
const encodedPath = z.string().transform((raw, ctx) => {
  try {
    return decodeURIComponent(raw.replace(/^\/+/, ''));
  } catch {
    ctx.addIssue({ code: 'custom', message: 'is not a valid URL path' });
    return z.NEVER;
  }
});

/** A twin URL: the file's path, and what `signedReadUrl` put in the query. */
const servedParams = z
  .object({
    path: encodedPath.pipe(mediaPath),
    expires: z.string().max(20),
    sig: z.string().max(128),
    name: z.string().max(200).optional(),
  })
  .strict();

/** Serves the local twin's signed URLs. In production media come from GCS and this answers 404. */
export const media = onRequest(
  httpHandler(
    'media',
    { methods: ['GET'], maxBodyBytes: 0, schema: servedParams, params: (req) => ({ ...req.query, path: req.path }) },
    async ({ path, ...query }, req, res) => {
      if (process.env.MEDIA_STORAGE !== 'local') {
        res.status(404).send('Not found');
        return;
      }
      const storage = localMediaStorage();
      const verdict = storage.verify(path, query, new Date());
      if (verdict !== 'ok' || !(await storage.exists(path))) {
        res
          .status(verdict === 'expired' ? 410 : 403)
          .send(verdict === 'expired' ? 'This link has expired' : 'Invalid link');
        return;
      }
      const name = query.name?.replace(/"/g, '') ?? '';
      res.setHeader('Content-Type', 'application/octet-stream');
      if (name) res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
      // Byte ranges, as GCS serves them: a video player seeks (a recording's chapters, `?t=`).
      res.setHeader('Accept-Ranges', 'bytes');
      const size = (await storage.describe(path))?.size ?? 0;
      const range = byteRange(req.get('range'), size);
      if (range === 'unsatisfiable') {
        res.status(416).setHeader('Content-Range', `bytes */${size}`).end();
        return;
      }
      if (range) {
        res.status(206);
        res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
      }
      res.setHeader('Content-Length', String(range ? range.end - range.start + 1 : size));
      await pipeline(storage.createReadStream(path, range ?? undefined), res);
    },
  ),
);

const MAX_UPLOAD_BYTES = 30 * 1024 * 1024;

/**
 * The uploaded file's name, refused when it is not one (`..`, separators, hidden, control characters),
 * then reduced to safe characters for the storage path ("my notes.pdf" becomes "my-notes.pdf").
 */
const uploadParams = z.object({ name: fileName.transform((name) => name.replace(/[^A-Za-z0-9._-]+/g, '-')) }).strict();

/** Admin upload of a material's file (a POST of the raw bytes with the admin's ID token). */
export const uploadMedia = onRequest(
  { cors: true },
  httpHandler(
    'uploadMedia',
    { methods: ['POST'], maxBodyBytes: MAX_UPLOAD_BYTES, schema: uploadParams },
    async ({ name }, req, res) => {
      const token = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
      const decoded = token
        ? await deps()
            .auth.verifyIdToken(token)
            .catch((err: unknown) => {
              logger.warn('uploadMedia: ID token refused', err);
              return null;
            })
        : null;
      if (!decoded?.admin) {
        res.status(403).json({ error: 'Only admins can upload files' });
        return;
      }
      const body = req.rawBody;
      if (!body?.length) {
        res.status(400).json({ error: 'Send the file bytes as the body' });
        return;
      }
      const contentType = req.get('content-type') ?? 'application/octet-stream';
      const path = `media/materials/${randomUUID()}/${name}`;
      await pipeline(Readable.from([body]), deps().storage.createWriteStream(path, { contentType }));
      logger.info('media uploaded', { path, size: body.length, by: decoded.uid });
      res.json({ path, size: body.length, contentType, name });
    },
  ),
);
