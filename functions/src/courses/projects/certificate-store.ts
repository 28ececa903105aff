// Certificates of completion: claimed by the member once earned (one per member, course and cohort), public by
// their random id, revocable by admins (the page then says so and the PDF is gone).
import type { DocumentSnapshot, Timestamp } from 'firebase-admin/firestore';
import { certificateRefusal } from '../../domain/course-certificate';
import { Refusal } from '../../domain/refusal';
import type { AccessClaims } from '../../shared/access';
import {
  CERTIFICATES,
  certificateOwnerId,
  type Certificate,
  type CertificateOwner,
  type CourseProject,
} from '../../shared/course-projects';
import { MEMBERS, type MemberDoc } from '../../shared/members';
import { courseRefs, memberCourse, memberEnrollment, type CourseDeps } from '../course-refs';

/**
 * The member's certificate for the course and their cohort: issued the first time (total ≥ passPoints and, when
 * the course has a project, the project passed), the same id every time after, even when revoked.
 */
export async function claimCertificate(
  deps: CourseDeps,
  courseId: string,
  uid: string,
  claims: AccessClaims,
): Promise<{ id: string; issued: boolean }> {
  const { db } = deps;
  const refs = courseRefs(db, courseId);
  return db.runTransaction(async (tx) => {
    const teaser = await memberCourse(tx, db, courseId, claims);
    const enrollment = await memberEnrollment(tx, db, courseId, uid);
    const ownerRef = refs.owners.doc(certificateOwnerId(enrollment.cohortId, uid));
    const [owner, projectSnap, memberSnap] = (await tx.getAll(
      ownerRef,
      refs.project(uid),
      db.collection(MEMBERS).doc(uid),
    )) as [DocumentSnapshot, DocumentSnapshot, DocumentSnapshot];
    if (owner.exists) return { id: (owner.data() as CertificateOwner).certificateId, issued: false };
    const project = projectSnap.data() as CourseProject | undefined;
    const refusal = certificateRefusal({
      total: enrollment.points.total,
      passPoints: teaser.passPoints,
      hasProject: teaser.project !== null,
      projectPassed: project?.outcome ? project.outcome.passed : null,
    });
    if (refusal) throw new Refusal('failed-precondition', refusal);
    const memberName = (memberSnap.data() as MemberDoc | undefined)?.name?.trim();
    const now = deps.now();
    // Firestore's auto id: 20 random letters and digits, so a certificate cannot be found by guessing.
    const certRef = db.collection(CERTIFICATES).doc();
    const certificate: Certificate<Date> = {
      name: memberName || enrollment.displayName,
      courseTitle: teaser.title,
      courseSlug: courseId,
      cohortId: enrollment.cohortId,
      issuedAt: now,
      points: enrollment.points.total,
      revokedAt: null,
      revokeReason: null,
    };
    tx.create(certRef, certificate);
    tx.create(ownerRef, { uid, certificateId: certRef.id, issuedAt: now } satisfies CertificateOwner<Date>);
    return { id: certRef.id, issued: true };
  });
}

/** Revokes a certificate (again: the reason is updated, the first revocation time kept). */
export async function revokeCertificate(deps: CourseDeps, id: string, reason: string): Promise<void> {
  const { db } = deps;
  const ref = db.collection(CERTIFICATES).doc(id);
  await db.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    const cert = snap.data() as Certificate<Timestamp> | undefined;
    if (!cert) throw new Refusal('not-found', 'No such certificate');
    tx.update(ref, { revokedAt: cert.revokedAt ?? deps.now(), revokeReason: reason });
  });
}
