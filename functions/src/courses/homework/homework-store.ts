// Homework submissions: submit (and edit until the deadline), score (at once when self-paced, else by the deadline
// job), admins' free-text scores, and the results a member may see. Each score and the member's course points are
// written in one transaction (`setEnrollmentPoints`), and a submission's score replaces its previous one in the
// points (points.homework += new - old), so re-running anything never counts twice.
import { logger } from 'firebase-functions';
import { Timestamp, type DocumentReference, type Firestore, type Transaction } from 'firebase-admin/firestore';
import { dateOf } from '../../app/firebase';
import { Refusal } from '../../domain/refusal';
import {
  awaitingReview,
  capFreePoints,
  deadlineFor,
  questionPoints,
  scoreHomework,
  scoringDue,
  submissionProblems,
  submissionsOpen,
} from '../../domain/course-scoring';
import { readerRank, type AccessClaims } from '../../shared/access';
import {
  COURSES,
  COURSE_COHORTS,
  COURSE_ENROLLMENTS,
  COURSE_HOMEWORK,
  COURSE_PRIVATE,
  HOMEWORK_KEY,
  type CourseCohort,
  type CourseEnrollment,
  type CourseHomework,
  type HomeworkKey,
} from '../../shared/courses';
import {
  HOMEWORK_SUBMISSIONS,
  type Answer,
  type HomeworkResults,
  type HomeworkScore,
  type HomeworkSubmission,
} from '../../shared/course-homework';
import { setEnrollmentPoints } from '../enrollment-points';
import { notifyMember, readNotifyTarget, type PersonalNews } from '../../notifications/notification-store';

export interface HomeworkDeps {
  db: Firestore;
  now: () => Date;
}

export function homeworkRefs(db: Firestore, courseId: string, homeworkId: string) {
  const course = db.collection(COURSES).doc(courseId);
  const homework = course.collection(COURSE_HOMEWORK).doc(homeworkId);
  return {
    course,
    homework,
    key: homework.collection(COURSE_PRIVATE).doc(HOMEWORK_KEY),
    submissions: homework.collection(HOMEWORK_SUBMISSIONS),
    submission: (uid: string) => homework.collection(HOMEWORK_SUBMISSIONS).doc(uid),
    enrollment: (uid: string) => course.collection(COURSE_ENROLLMENTS).doc(uid),
    cohort: (id: string) => course.collection(COURSE_COHORTS).doc(id),
  };
}
type Refs = ReturnType<typeof homeworkRefs>;

/** The cohort's deadlines as dates (null: no cohort, or it is gone). */
async function cohortOf(tx: Transaction, refs: Refs, cohortId: string | null) {
  if (!cohortId) return null;
  const snap = await tx.get(refs.cohort(cohortId));
  if (!snap.exists) return null;
  const data = snap.data() as CourseCohort<Timestamp>;
  return { deadlines: Object.fromEntries(Object.entries(data.deadlines ?? {}).map(([k, v]) => [k, dateOf(v)])) };
}

/** The homework as the member may act on it: published, their rank, enrolled. */
async function memberContext(tx: Transaction, refs: Refs, uid: string, claims: AccessClaims) {
  const [hwSnap, enrollmentSnap] = await tx.getAll(refs.homework, refs.enrollment(uid));
  const homework = hwSnap?.data() as CourseHomework | undefined;
  if (!homework || homework.status !== 'published') throw new Refusal('not-found', 'No such homework');
  if (readerRank(claims) < homework.rank) throw new Refusal('permission-denied', 'Your plan does not open this course');
  const enrollment = enrollmentSnap?.data() as CourseEnrollment | undefined;
  if (!enrollment) throw new Refusal('failed-precondition', 'Enroll in the course first');
  const deadline = deadlineFor(refs.homework.id, await cohortOf(tx, refs, enrollment.cohortId));
  return { homework, enrollment, enrollmentRef: refs.enrollment(uid), deadline };
}

/**
 * Moves the member's points by the difference between a submission's new score and its previous one, in the
 * caller's transaction (after its reads). A member no longer enrolled keeps the score without points.
 */
function movePoints(
  tx: Transaction,
  enrollment: { ref: DocumentReference; data: CourseEnrollment | undefined },
  previous: HomeworkScore | null,
  score: HomeworkScore,
  now: Date,
): void {
  if (!enrollment.data) {
    logger.warn('homework scored for a member without an enrollment', { path: enrollment.ref.path });
    return;
  }
  const { points } = enrollment.data;
  const homework = points.homework - questionPoints(previous) + questionPoints(score);
  const links = points.links - (previous?.links ?? 0) + score.links;
  const after = setEnrollmentPoints(tx, enrollment.ref, enrollment.data, 'homework', homework, now);
  setEnrollmentPoints(tx, enrollment.ref, { points: after }, 'links', links, now);
}

/** The fields a score sets on its submission. */
const scored = (key: HomeworkKey, answers: Record<string, Answer>, score: HomeworkScore, now: Date) => ({
  status: 'scored' as const,
  score,
  needsReview: awaitingReview(key, answers, score).length > 0,
  scoredAt: now,
  updatedAt: now,
});

/** Homework news for the member (notifications): the id names the homework and what happened to it. */
const homeworkNews = (refs: Refs, uid: string, what: string, title: string, body: string): PersonalNews => ({
  id: `homework_${refs.course.id}_${refs.homework.id}_${what}`.slice(0, 200),
  kind: 'homework',
  title,
  body,
  url: `/courses/${refs.course.id}/homework/${refs.homework.id}`,
});

const keyOf = async (tx: Transaction, refs: Refs): Promise<HomeworkKey> => {
  const snap = await tx.get(refs.key);
  if (!snap.exists) throw new Error(`no key for ${refs.homework.path}`);
  return snap.data() as HomeworkKey;
};

export interface SubmitInput {
  courseId: string;
  homeworkId: string;
  answers: Record<string, Answer>;
  links: string[];
}

/**
 * Saves the member's answers: open before the cohort's deadline (overwriting the last save), or, self-paced,
 * scored at once and then final (a second submission would let a member probe the key).
 */
export async function submitHomework(
  deps: HomeworkDeps,
  uid: string,
  claims: AccessClaims,
  input: SubmitInput,
): Promise<{ status: HomeworkSubmission['status']; deadline: string | null; score: HomeworkScore | null }> {
  const refs = homeworkRefs(deps.db, input.courseId, input.homeworkId);
  return deps.db.runTransaction(async (tx) => {
    const now = deps.now();
    const ctx = await memberContext(tx, refs, uid, claims);
    const problems = submissionProblems(ctx.homework.questions, ctx.homework.links, input.answers, input.links);
    if (problems.length) throw new Refusal('invalid-argument', problems.join('; '));
    const existingSnap = await tx.get(refs.submission(uid));
    const existing = existingSnap.data() as HomeworkSubmission<Timestamp> | undefined;
    if (!submissionsOpen(ctx.deadline, now, existing?.status === 'scored')) {
      throw new Refusal(
        'failed-precondition',
        existing?.status === 'scored'
          ? 'This homework is already scored'
          : 'The deadline has passed: submissions are closed',
      );
    }
    const key = ctx.deadline ? null : await keyOf(tx, refs);
    const submission: HomeworkSubmission<Date | Timestamp | null> = {
      uid,
      cohortId: ctx.enrollment.cohortId,
      answers: input.answers,
      links: input.links,
      submittedAt: existing?.submittedAt ?? now,
      updatedAt: now,
      status: 'submitted',
      score: null,
      feedback: {},
      needsReview: false,
      scoredAt: null,
    };
    if (!key) {
      tx.set(refs.submission(uid), submission);
      return { status: 'submitted', deadline: ctx.deadline?.toISOString() ?? null, score: null };
    }
    const score = scoreHomework(key, input.answers, input.links, ctx.homework.links);
    tx.set(refs.submission(uid), { ...submission, ...scored(key, input.answers, score, now) });
    movePoints(tx, { ref: ctx.enrollmentRef, data: ctx.enrollment }, null, score, now);
    return { status: 'scored', deadline: null, score };
  });
}

/**
 * Scores one submission with the key, once: a scored submission is left alone (the job re-runs safely). True
 * when it scored.
 */
export async function scoreSubmission(deps: HomeworkDeps, refs: Refs, uid: string): Promise<boolean> {
  return deps.db.runTransaction(async (tx) => {
    const now = deps.now();
    const [subSnap, hwSnap, keySnap, enrollmentSnap] = await tx.getAll(
      refs.submission(uid),
      refs.homework,
      refs.key,
      refs.enrollment(uid),
    );
    const submission = subSnap?.data() as HomeworkSubmission | undefined;
    if (!submission || submission.status === 'scored') return false;
    // Thrown, not skipped: the job would page over the same unscored submission forever.
    if (!keySnap?.exists) throw new Error(`no key for ${refs.homework.path}`);
    const key = keySnap.data() as HomeworkKey;
    const links = (hwSnap?.data() as CourseHomework | undefined)?.links ?? null;
    const score = scoreHomework(key, submission.answers, submission.links, links);
    const title = (hwSnap?.data() as CourseHomework | undefined)?.title ?? 'Your homework';
    const news = homeworkNews(
      refs,
      uid,
      `scored_${score.total}`,
      `${title}: scored`,
      `You scored ${score.total} points.`,
    );
    const target = await readNotifyTarget(deps.db, tx, uid, news);
    tx.update(subSnap!.ref, scored(key, submission.answers, score, now));
    const enrollment = enrollmentSnap?.data() as CourseEnrollment | undefined;
    movePoints(tx, { ref: refs.enrollment(uid), data: enrollment }, null, score, now);
    notifyMember(deps.db, tx, target, news);
    return true;
  });
}

export interface FreeTextInput {
  courseId: string;
  homeworkId: string;
  uid: string;
  questionId: string;
  points: number;
  feedback: string;
}

/** An admin scores (or re-scores) a free-text answer of a scored submission; the total and points follow. */
export async function scoreFreeText(deps: HomeworkDeps, input: FreeTextInput): Promise<HomeworkScore> {
  const refs = homeworkRefs(deps.db, input.courseId, input.homeworkId);
  return deps.db.runTransaction(async (tx) => {
    const now = deps.now();
    const [subSnap, keySnap, enrollmentSnap] = await tx.getAll(
      refs.submission(input.uid),
      refs.key,
      refs.enrollment(input.uid),
    );
    const submission = subSnap?.data() as HomeworkSubmission | undefined;
    if (!submission || !keySnap?.exists) throw new Refusal('not-found', 'No such submission');
    const key = keySnap.data() as HomeworkKey;
    const question = Object.hasOwn(key.answers, input.questionId) ? key.answers[input.questionId] : undefined;
    if (!question || question.type !== 'free') {
      throw new Refusal('invalid-argument', 'questionId: Not a free-text question of this homework');
    }
    if (input.points > question.points) {
      throw new Refusal('invalid-argument', `points: At most ${question.points} for this question`);
    }
    if (submission.status !== 'scored' || !submission.score) {
      throw new Refusal('failed-precondition', 'Free text is scored after the deadline, once the submission is scored');
    }
    const previous = submission.score;
    // The closed questions and links keep what they scored; only this answer's points change.
    const byQuestion = { ...previous.byQuestion, [input.questionId]: capFreePoints(input.points, question.points) };
    const total = Object.values(byQuestion).reduce<number>((sum, p) => sum + (p ?? 0), 0) + previous.links;
    const score: HomeworkScore = { byQuestion, links: previous.links, total };
    const feedback = { ...submission.feedback, [input.questionId]: input.feedback };
    // One notification per review of this answer and score (a second review with another score is news again).
    const news = homeworkNews(
      refs,
      input.uid,
      `reviewed_${input.questionId}_${input.points}`,
      'Your answer was reviewed',
      `A free-text answer got ${input.points} points; your total is ${total}.`,
    );
    const target = await readNotifyTarget(deps.db, tx, input.uid, news);
    notifyMember(deps.db, tx, target, news);
    tx.update(subSnap!.ref, { ...scored(key, submission.answers, score, now), feedback });
    const enrollment = enrollmentSnap?.data() as CourseEnrollment | undefined;
    movePoints(tx, { ref: refs.enrollment(input.uid), data: enrollment }, previous, score, now);
    return score;
  });
}

/**
 * The correct answers with the member's own score, once results are open: after the cohort's deadline, or
 * (self-paced) once their submission is scored. A callable rather than a results document: a self-paced member's
 * results open with their own submission, which a document shared by all self-paced members could not express
 * without handing the key to those who have not submitted yet.
 */
export async function homeworkResults(
  deps: HomeworkDeps,
  uid: string,
  claims: AccessClaims,
  courseId: string,
  homeworkId: string,
): Promise<HomeworkResults> {
  const refs = homeworkRefs(deps.db, courseId, homeworkId);
  return deps.db.runTransaction(
    async (tx) => {
      const now = deps.now();
      const ctx = await memberContext(tx, refs, uid, claims);
      const [subSnap, keySnap] = await tx.getAll(refs.submission(uid), refs.key);
      const submission = subSnap?.data() as HomeworkSubmission<Timestamp> | undefined;
      const open = ctx.deadline ? scoringDue(ctx.deadline, now) : submission?.status === 'scored';
      if (!open) {
        throw new Refusal(
          'failed-precondition',
          ctx.deadline ? 'Results open at the deadline' : 'Results open once you have submitted',
        );
      }
      const key = keySnap?.data() as HomeworkKey | undefined;
      return {
        openedAt: (ctx.deadline ?? dateOf(submission!.scoredAt)).toISOString(),
        questions: ctx.homework.questions.map((q) => {
          const k = key?.answers[q.id];
          return { id: q.id, type: q.type, points: q.points, answer: k?.answer ?? null, tolerance: k?.tolerance ?? 0 };
        }),
        submission: submission
          ? {
              answers: submission.answers,
              links: submission.links,
              score: submission.score,
              feedback: submission.feedback,
            }
          : null,
      };
    },
    { readOnly: true },
  );
}
