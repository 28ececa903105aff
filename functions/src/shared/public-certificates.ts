// A certificate as its public page (`/certificates/{id}`) shows it: only these fields, times in milliseconds.
// No zod here: this module reaches the web's public bundle.
import type { Certificate } from './course-projects';

export interface PublicCertificate {
  id: string;
  name: string;
  courseTitle: string;
  courseSlug: string;
  cohortId: string | null;
  issuedAt: number;
  points: number;
  revoked: boolean;
  revokedAt: number | null;
  revokeReason: string | null;
}

/** Firestore's auto ids: 20 letters and digits, random. */
export const CERTIFICATE_ID = /^[A-Za-z0-9]{20}$/;
export const isCertificateId = (id: string): boolean => CERTIFICATE_ID.test(id);

/** Only the public fields of a stored certificate (a copy), times converted by `time`. */
export function publicCertificate<In>(
  id: string,
  data: Certificate<In>,
  time: (value: In) => number,
): PublicCertificate {
  return {
    id,
    name: data.name,
    courseTitle: data.courseTitle,
    courseSlug: data.courseSlug,
    cohortId: data.cohortId,
    issuedAt: time(data.issuedAt),
    points: data.points,
    revoked: data.revokedAt !== null,
    revokedAt: data.revokedAt === null ? null : time(data.revokedAt),
    revokeReason: data.revokeReason,
  };
}
