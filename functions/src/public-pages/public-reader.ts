import { FieldPath, type Firestore, type Query, type Timestamp } from 'firebase-admin/firestore';
import { readTiers } from '../app/tiers-config';
import { catalogCollection, catalogWheres } from '../shared/catalog';
import { docIdProblem } from '../shared/fields';
import { bodyHtmlState } from '../shared/body-html';
import { BODY, GATED, MATERIALS, type MaterialBody, type MaterialTeaser } from '../shared/materials';
import { publicTeaser, type PublicReader, type PublicTeaser } from '../shared/public-pages';
import { EVENTS, type EventTeaser } from '../shared/events';
import { CERTIFICATES, type Certificate } from '../shared/course-projects';
import { isCertificateId, publicCertificate } from '../shared/public-certificates';

import { isPublicEventStatus, publicEvent, PUBLIC_EVENT_STATUSES } from '../shared/public-events';
import {
  COURSE_COHORTS,
  COURSE_UNITS,
  COURSES,
  type CourseCohort,
  type CourseTeaser,
  type CourseUnit,
} from '../shared/courses';
import { COURSES_LIMIT, publicCohort, publicCourse } from '../shared/public-courses';
import { SHOWCASE, SHOWCASE_GATED, SHOWCASE_LINKS, type ShowcaseLinks, type ShowcaseProject } from '../shared/showcase';
import { publicShowcaseLinks, publicShowcaseProject } from '../shared/public-showcase';
import { POLLS, type PollDoc } from '../shared/polls';
import { isPublicPollStatus, POLLS_LIMIT, PUBLIC_POLL_STATUSES, publicPoll } from '../shared/public-polls';
import { pickRelated, RELATED_CANDIDATES, RELATED_TAGS } from '../shared/related';
import {
  ARCHIVE_SECTIONS,
  NEWSLETTER_ARCHIVE,
  publicIssue,
  type ArchivedIssue,
  type ArchivedSection,
} from '../shared/newsletter-archive';
import { PUBLIC_RANK } from '../shared/tiers';

const toPublic = (id: string, data: MaterialTeaser<Timestamp>): PublicTeaser =>
  publicTeaser(id, data, (t) => t.toMillis());

/** Published teasers through the Admin SDK, reduced to their public fields. */
export function publicReader(db: Firestore): PublicReader {
  return {
    async catalog(filters, limit) {
      let query: Query = db.collection(catalogCollection(filters));
      for (const [field, op, value] of catalogWheres(filters)) query = query.where(field, op, value);
      const snap = await query
        .orderBy('publishedAt', 'desc')
        .orderBy(FieldPath.documentId(), 'desc')
        .limit(limit)
        .get();
      return snap.docs.map((d) => toPublic(d.id, d.data() as MaterialTeaser<Timestamp>));
    },
    async material(id) {
      // Not a document id (`..`, `__proto__`, a slash, too long): no such material, and nothing is looked up.
      if (docIdProblem(id)) return null;
      const snap = await db.collection(MATERIALS).doc(id).get();
      const data = snap.data() as MaterialTeaser<Timestamp> | undefined;
      return data?.status === 'published' ? toPublic(snap.id, data) : null;
    },
    async publicBody(id) {
      if (docIdProblem(id)) return null;
      const teaser = (await db.collection(MATERIALS).doc(id).get()).data() as MaterialTeaser<Timestamp> | undefined;
      // Decided on the teaser first: the gated document of anything but a public material is never fetched.
      if (teaser?.status !== 'published' || teaser.rank !== 0) return null;
      const body = (await db.doc(`${MATERIALS}/${id}/${GATED}/${BODY}`).get()).data() as MaterialBody | undefined;
      if (body?.status !== 'published' || body.rank !== 0) return null;
      const { html, fresh } = bodyHtmlState(body);
      // HTML not rendered from the current markdown yet: the browser reads the body and follows the render.
      return fresh ? { html, files: body.files } : null;
    },
    tiers: () => readTiers(db),
    async previewUnit(courseId, unitId) {
      if (docIdProblem(courseId) || docIdProblem(unitId)) return null;
      const course = (await db.collection(COURSES).doc(courseId).get()).data() as CourseTeaser | undefined;
      if (course?.status !== 'published') return null;
      // Decided on the syllabus first: a unit the teaser does not list as a preview is never fetched.
      const listed = course.syllabus.flatMap((m) => m.units).find((u) => u.id === unitId);
      if (!listed?.preview) return null;
      const unit = (await db.doc(`${COURSES}/${courseId}/${COURSE_UNITS}/${unitId}`).get()).data() as
        CourseUnit | undefined;
      if (unit?.status !== 'published' || unit.access !== 'public' || unit.rank !== 0) return null;
      return {
        courseId,
        unitId,
        course: { title: course.title, access: course.access, rank: course.rank, syllabus: course.syllabus },
        title: unit.title,
        html: unit.html,
        video: unit.video,
        attachments: unit.attachments,
      };
    },
    async events({ when, access }, now, limit) {
      const upcoming = when === 'upcoming';
      // Ongoing events count as upcoming (they have not ended); the order is by end, then id, as the web pages it.
      let query: Query = db
        .collection(EVENTS)
        .where('status', 'in', [...PUBLIC_EVENT_STATUSES])
        .where('endAt', upcoming ? '>' : '<=', new Date(now));
      if (access) query = query.where('access', '==', access);
      const dir = upcoming ? 'asc' : 'desc';
      const snap = await query.orderBy('endAt', dir).orderBy(FieldPath.documentId(), dir).limit(limit).get();
      return snap.docs.map((d) => publicEvent(d.id, d.data() as EventTeaser<Timestamp>, (t) => t.toMillis()));
    },
    async event(id) {
      if (docIdProblem(id)) return null;
      const snap = await db.collection(EVENTS).doc(id).get();
      const data = snap.data() as EventTeaser<Timestamp> | undefined;
      return data && isPublicEventStatus(data.status)
        ? publicEvent(snap.id, data, (t) => t.toMillis(), { description: true })
        : null;
    },
    async courses({ kind }) {
      let query: Query = db.collection(COURSES).where('status', '==', 'published');
      if (kind) query = query.where('kind', '==', kind);
      // Sorted here, not by an index: a catalog holds tens of courses, read whole.
      const snap = await query.limit(COURSES_LIMIT).get();
      return snap.docs
        .map((d) => publicCourse(d.id, d.data() as CourseTeaser<Timestamp>, (t) => t.toMillis()))
        .sort((a, b) => a.title.localeCompare(b.title, 'en') || a.id.localeCompare(b.id));
    },
    async course(slug) {
      if (docIdProblem(slug)) return null;
      const ref = db.collection(COURSES).doc(slug);
      const data = (await ref.get()).data() as CourseTeaser<Timestamp> | undefined;
      // Decided on the teaser first: an archived course's cohorts are not even read.
      if (data?.status !== 'published') return null;
      const cohorts = await ref.collection(COURSE_COHORTS).where('status', '==', 'published').get();
      return {
        course: publicCourse(slug, data, (t) => t.toMillis()),
        cohorts: cohorts.docs
          .map((d) => publicCohort(d.id, d.data() as CourseCohort<Timestamp>, (t) => t.toMillis()))
          .sort((a, b) => a.startAt - b.startAt),
      };
    },
    // Find things (issue 15).
    async related(material) {
      const tags = material.tags.slice(0, RELATED_TAGS);
      if (tags.length === 0) return [];
      const snap = await db
        .collection(MATERIALS)
        .where('status', '==', 'published')
        .where('tags', 'array-contains-any', tags)
        .orderBy('publishedAt', 'desc')
        .limit(RELATED_CANDIDATES)
        .get();
      return pickRelated(
        material,
        snap.docs.map((d) => toPublic(d.id, d.data() as MaterialTeaser<Timestamp>)),
      );
    },
    async newsletters(limit) {
      const snap = await db.collection(NEWSLETTER_ARCHIVE).orderBy('sentAt', 'desc').limit(limit).get();
      return snap.docs.map((d) => publicIssue(d.id, d.data() as ArchivedIssue<Timestamp>, (t) => t.toMillis()));
    },
    async newsletter(id) {
      if (docIdProblem(id)) return null;
      const ref = db.collection(NEWSLETTER_ARCHIVE).doc(id);
      const data = (await ref.get()).data() as ArchivedIssue<Timestamp> | undefined;
      if (!data) return null;
      const issue = publicIssue(id, data, (t) => t.toMillis());
      // Decided on the teaser first: only the sections anyone may read are fetched.
      const open = issue.sections.filter((s) => s.rank === PUBLIC_RANK);
      const sections = open.length
        ? await db.getAll(...open.map((s) => ref.collection(ARCHIVE_SECTIONS).doc(s.id)))
        : [];
      const html: Record<string, string> = {};
      for (const snap of sections) {
        const section = snap.data() as ArchivedSection | undefined;
        if (section?.rank === PUBLIC_RANK) html[snap.id] = section.html;
      }
      return { issue, html };
    },
    async certificate(id) {
      if (!isCertificateId(id)) return null;
      const data = (await db.collection(CERTIFICATES).doc(id).get()).data() as Certificate<Timestamp> | undefined;
      return data ? publicCertificate(id, data, (t) => t.toMillis()) : null;
    },
    async showcase(limit) {
      const snap = await db
        .collection(SHOWCASE)
        .where('status', '==', 'approved')
        .orderBy('approvedAt', 'desc')
        .orderBy(FieldPath.documentId(), 'desc')
        .limit(limit)
        .get();
      return snap.docs.map((d) =>
        publicShowcaseProject(d.id, d.data() as ShowcaseProject<Timestamp>, (t) => t.toMillis()),
      );
    },
    async showcaseProject(id) {
      if (docIdProblem(id)) return null;
      const ref = db.collection(SHOWCASE).doc(id);
      const data = (await ref.get()).data() as ShowcaseProject<Timestamp> | undefined;
      if (data?.status !== 'approved') return null;
      // Decided on the teaser first: the links of a gated project are never fetched.
      const links =
        data.rank === 0
          ? ((await ref.collection(SHOWCASE_GATED).doc(SHOWCASE_LINKS).get()).data() as ShowcaseLinks | undefined)
          : undefined;
      return {
        project: publicShowcaseProject(id, data, (t) => t.toMillis()),
        links: links?.status === 'approved' && links.rank === 0 ? publicShowcaseLinks(links) : null,
      };
    },
    async polls() {
      const snap = await db
        .collection(POLLS)
        .where('status', 'in', [...PUBLIC_POLL_STATUSES])
        .orderBy('closesAt', 'desc')
        .limit(POLLS_LIMIT)
        .get();
      return snap.docs.map((d) => publicPoll(d.id, d.data() as PollDoc<Timestamp>, (t) => t.toMillis()));
    },
    async poll(id) {
      if (docIdProblem(id)) return null;
      const snap = await db.collection(POLLS).doc(id).get();
      const data = snap.data() as PollDoc<Timestamp> | undefined;
      return data && isPublicPollStatus(data.status) ? publicPoll(id, data, (t) => t.toMillis()) : null;
    },
  };
}
