import type { Timestamp } from 'firebase-admin/firestore';
import { onRequest } from 'firebase-functions/v2/https';
import { callable } from '../../app/callable';
import { deps } from '../../app/deps';
import { httpHandler } from '../../app/http';
import {
  CERTIFICATE_ID,
  CERTIFICATES,
  certificatePdfSchema,
  courseIdSchema,
  revokeCertificateSchema,
  setLeaderboardProfileSchema,
  submitProjectSchema,
  submitReviewSchema,
  type Certificate,
} from '../../shared/course-projects';
import { certificatePdf as renderCertificatePdf } from './certificate-pdf';
import * as certificates from './certificate-store';
import { dateOf } from '../../app/firebase';
import * as leaderboards from './leaderboard-store';
import * as projects from './project-store';

export const submitProject = callable(
  'submitProject',
  { schema: submitProjectSchema, caller: 'member' },
  async ({ courseId, ...submission }, { caller }) =>
    projects.submitProject(deps(), courseId, caller.uid, caller.token, submission),
);

export const submitReview = callable(
  'submitReview',
  { schema: submitReviewSchema, caller: 'member' },
  async ({ courseId, ...review }, { caller }) =>
    projects.submitReview(deps(), courseId, caller.uid, caller.token, review),
);

export const setLeaderboardProfile = callable(
  'setLeaderboardProfile',
  { schema: setLeaderboardProfileSchema, caller: 'member' },
  async ({ courseId, ...profile }, { caller }) => {
    await leaderboards.setLeaderboardProfile(deps(), courseId, caller.uid, profile);
    return { courseId };
  },
);

export const claimCertificate = callable(
  'claimCertificate',
  { schema: courseIdSchema, caller: 'member' },
  async ({ courseId }, { caller }) => certificates.claimCertificate(deps(), courseId, caller.uid, caller.token),
);

export const revokeCertificate = callable(
  'revokeCertificate',
  { schema: revokeCertificateSchema, caller: 'admin' },
  async ({ id, reason }) => {
    await certificates.revokeCertificate(deps(), id, reason);
    return { id };
  },
);

/** The id from `?id=` or the rewritten path `/certificates/{id}.pdf`; null when neither names one. */
export function pdfIdOf(input: { id?: string; path: string }): string | null {
  if (input.id) return input.id;
  const match = /^\/(?:certificates\/)?([^/]+)\.pdf$/.exec(input.path);
  return match && CERTIFICATE_ID.test(match[1]!) ? match[1]! : null;
}

/**
 * `/certificates/{id}.pdf` (Hosting rewrite) or `?id=`: the certificate's PDF, streamed. 404 for an unknown id,
 * 410 for a revoked certificate (its page says why; no PDF of it circulates any more).
 */
export const certificatePdf = onRequest(
  httpHandler(
    'certificatePdf',
    {
      methods: ['GET'],
      maxBodyBytes: 0,
      schema: certificatePdfSchema,
      params: (req) => ({ ...req.query, path: req.path }),
    },
    async (input, _req, res) => {
      const id = pdfIdOf(input);
      if (!id) {
        res.status(404).json({ error: 'No such certificate' });
        return;
      }
      const app = deps();
      const cert = (await app.db.collection(CERTIFICATES).doc(id).get()).data() as Certificate<Timestamp> | undefined;
      if (!cert) {
        res.status(404).json({ error: 'No such certificate' });
        return;
      }
      if (cert.revokedAt) {
        res.status(410).set('Cache-Control', 'no-store').json({ error: 'This certificate was revoked' });
        return;
      }
      res.status(200).set({
        'Content-Type': 'application/pdf',
        'Content-Disposition': `inline; filename="certificate-${id}.pdf"`,
        'Cache-Control': 'public, max-age=60, s-maxage=300',
      });
      const pageUrl = `${app.settings.appUrl}/certificates/${id}`;
      renderCertificatePdf({ ...cert, issuedAt: dateOf(cert.issuedAt), revokedAt: null }, pageUrl).pipe(res);
    },
  ),
);
