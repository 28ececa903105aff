// The course catalog's and course page's view model: filters, sections, the next cohort and what a reader may
// do (join, sign up, upgrade, learn). Pure, so both sides of a server-rendered page agree and tests read it as a
// table. Times are milliseconds, as the page state carries them.
import { canAccess, tierNeeded, type AccessClaims } from '@shared/access';
import type { PublicCohort, PublicCourse } from '@shared/public-courses';
import { lowestTier, PUBLIC_RANK, type Tier, type TiersConfig } from '@shared/tiers';
import { formatUtcDay } from './format';

export const coursePath = (slug: string) => `/courses/${encodeURIComponent(slug)}`;
export const unitPath = (slug: string, unitId: string) =>
  `/courses/${encodeURIComponent(slug)}/units/${encodeURIComponent(unitId)}`;
export const homeworkPath = (slug: string, homeworkId: string) =>
  `/courses/${encodeURIComponent(slug)}/homework/${encodeURIComponent(homeworkId)}`;
/** A course's other pages: its leaderboard, and the member's project with their certificate. */
export const coursePagePath = (slug: string, page: 'leaderboard' | 'project') =>
  `/courses/${encodeURIComponent(slug)}/${page}`;

// ---- The catalog's filter: `?filter=course|mini|free|mine`; anything else is all.

export const COURSE_FILTERS = ['course', 'mini', 'free', 'mine'] as const;
export type CourseFilter = (typeof COURSE_FILTERS)[number] | '';
export const FILTER_LABELS: Record<CourseFilter, string> = {
  '': 'All',
  course: 'Courses',
  mini: 'Mini-courses',
  free: 'Free',
  mine: 'My plan',
};

export function filterFromQuery(query: Record<string, unknown>): CourseFilter {
  const value = query.filter;
  return (COURSE_FILTERS as readonly unknown[]).includes(value) ? (value as CourseFilter) : '';
}

/** Free: open to anyone with an account (public, or the lowest plan's rank): a lead magnet. */
export const isFreeCourse = (tiers: TiersConfig, course: { rank: number }) =>
  course.rank === PUBLIC_RANK || course.rank <= lowestTier(tiers).rank;

/**
 * The courses a filter keeps. "My plan" needs the reader's claims: while they are unknown (on the server, a
 * visitor, hydrating) it keeps everything, so the server's page and the first browser render are the same.
 */
export function filterCourses<C extends Pick<PublicCourse, 'kind' | 'rank'>>(
  courses: C[],
  filter: CourseFilter,
  tiers: TiersConfig,
  claims: AccessClaims | null,
): C[] {
  switch (filter) {
    case 'course':
    case 'mini':
      return courses.filter((c) => c.kind === filter);
    case 'free':
      return courses.filter((c) => isFreeCourse(tiers, c));
    case 'mine':
      return claims ? courses.filter((c) => canAccess(claims, c)) : courses;
    default:
      return courses;
  }
}

/** Courses first, then mini-courses in a section of their own, headed with the plan they need. */
export function catalogSections<C extends Pick<PublicCourse, 'kind' | 'access'>>(
  courses: C[],
  label: (access: string) => string,
): { id: 'course' | 'mini'; title: string; courses: C[] }[] {
  const full = courses.filter((c) => c.kind === 'course');
  const minis = courses.filter((c) => c.kind === 'mini');
  const levels = [...new Set(minis.map((c) => label(c.access)))];
  return [
    { id: 'course' as const, title: 'Courses', courses: full },
    { id: 'mini' as const, title: `Mini-courses${levels.length ? ` (${levels.join(', ')})` : ''}`, courses: minis },
  ].filter((s) => s.courses.length > 0);
}

// ---- Cohorts.

/** The cohort a visitor is told about: the first not ended yet, by start; null when none is coming. */
export function nextCohort<C extends Pick<PublicCohort, 'startAt' | 'endAt'>>(cohorts: C[], now: number): C | null {
  return [...cohorts].filter((c) => c.endAt > now).sort((a, b) => a.startAt - b.startAt)[0] ?? null;
}

/** Seats left in a limited cohort, 0 when full; null without a limit. */
export const seatsLeft = (c: Pick<PublicCohort, 'capacity' | 'enrolled'>): number | null =>
  c.capacity === null ? null : Math.max(0, c.capacity - c.enrolled);

export type EnrollmentWindow = 'upcoming' | 'open' | 'closed';
export function enrollmentWindow(c: Pick<PublicCohort, 'enrollmentOpensAt' | 'enrollmentClosesAt'>, now: number) {
  if (now < c.enrollmentOpensAt) return 'upcoming' as const;
  return now < c.enrollmentClosesAt ? ('open' as const) : ('closed' as const);
}

/** "Enrollment open until 11 Dec 2026", "Enrollment opens 1 Jan 2027", "Enrollment closed". */
export function enrollmentLabel(c: Pick<PublicCohort, 'enrollmentOpensAt' | 'enrollmentClosesAt'>, now: number) {
  const state = enrollmentWindow(c, now);
  if (state === 'upcoming') return `Enrollment opens ${formatUtcDay(c.enrollmentOpensAt)}`;
  if (state === 'open') return `Enrollment open until ${formatUtcDay(c.enrollmentClosesAt)}`;
  return 'Enrollment closed';
}

/** "3 seats left", "Full", '' without a limit. */
export function seatsLabel(c: Pick<PublicCohort, 'capacity' | 'enrolled'>): string {
  const left = seatsLeft(c);
  if (left === null) return '';
  if (left === 0) return 'Full';
  return `${left} ${left === 1 ? 'seat' : 'seats'} left`;
}

// ---- What the reader may do on a course page.

export type CourseAction =
  /** A visitor on a free course: create an account (free courses are lead magnets). */
  | { kind: 'sign-up' }
  /** A visitor on a paid course: checkout for the lowest plan that opens it (the pricing page, that plan chosen). */
  | { kind: 'join'; plan: Tier | undefined }
  /** A member below the course's rank. */
  | { kind: 'upgrade'; plan: Tier | undefined }
  /** A member with access (or an admin): learning starts here (enrollment belongs to `CourseActions`' slot). */
  | { kind: 'learn' };

export function courseAction({
  course,
  claims,
  isAdmin,
  tiers,
}: {
  course: { rank: number };
  claims: AccessClaims | null;
  isAdmin: boolean;
  tiers: TiersConfig;
}): CourseAction {
  const plan = tierNeeded(tiers, course);
  if (claims === null) return isFreeCourse(tiers, course) ? { kind: 'sign-up' } : { kind: 'join', plan };
  if (!isAdmin && !canAccess(claims, course)) return { kind: 'upgrade', plan };
  return { kind: 'learn' };
}
