// The heads of the course catalog and course pages, apart from public-heads.ts (as the events' are) so the
// materials catalog's first route does not carry the courses' view model.
import type { PublicCohort, PublicCourse } from '@shared/public-courses';
import { SITE_NAME } from '@shared/public-pages';
import { tierNeeded } from '@shared/access';
import type { TiersConfig } from '@shared/tiers';
import { coursePath, isFreeCourse, seatsLeft } from './courses';
import { priceAmount } from './format';
import { DEFAULT_CARD_IMAGE, type PageHead } from './page-head';

const SCHEMA = 'https://schema.org/';

/** A cover shown as the link preview: an absolute URL, or a media path served by `/media/**`. */
export const coverUrl = (cover: string | null): string | null =>
  cover === null ? null : /^https:\/\//.test(cover) ? cover : `/${cover.replace(/^\/+/, '')}`;

/**
 * A `Course`: the community as provider, instructors, what taking it costs (free, or the lowest plan that opens
 * it, monthly, as events say it) and a `CourseInstance` per cohort (online, dates, seats), or one self-paced
 * instance when it has no cohort.
 */
export function courseHead(
  origin: string,
  course: PublicCourse,
  cohorts: PublicCohort[],
  tiers: TiersConfig,
): PageHead {
  const url = `${origin}${coursePath(course.id)}`;
  const free = isFreeCourse(tiers, course);
  const plan = tierNeeded(tiers, course);
  const price = plan?.prices?.monthly;
  const offer = free
    ? { '@type': 'Offer', category: 'Free', price: 0, priceCurrency: price?.currency.toUpperCase() ?? 'EUR', url }
    : price && plan
      ? {
          '@type': 'Offer',
          category: 'Subscription',
          name: `${plan.name} membership (monthly)`,
          price: priceAmount(price),
          priceCurrency: price.currency.toUpperCase(),
          url: `${origin}/pricing?plan=${encodeURIComponent(plan.id)}`,
        }
      : null;
  const instructor = course.instructors.map((i) => ({
    '@type': 'Person',
    name: i.name,
    ...(i.url ? { url: i.url } : {}),
  }));
  const instances = cohorts.length
    ? cohorts.map((c) => {
        const left = seatsLeft(c);
        return {
          '@type': 'CourseInstance',
          name: c.title,
          courseMode: 'online',
          startDate: new Date(c.startAt).toISOString(),
          endDate: new Date(c.endAt).toISOString(),
          location: { '@type': 'VirtualLocation', url },
          instructor,
          ...(left !== null ? { maximumAttendeeCapacity: c.capacity, remainingAttendeeCapacity: left } : {}),
          ...(offer
            ? {
                offers: {
                  ...offer,
                  availability: `${SCHEMA}${left === 0 ? 'SoldOut' : 'InStock'}`,
                  validFrom: new Date(c.enrollmentOpensAt).toISOString(),
                  validThrough: new Date(c.enrollmentClosesAt).toISOString(),
                },
              }
            : {}),
        };
      })
    : [{ '@type': 'CourseInstance', name: 'Self-paced', courseMode: 'online', instructor }];
  const image = coverUrl(course.cover);
  return {
    title: course.title,
    description: course.summary,
    path: coursePath(course.id),
    ...(image ? { image } : {}),
    jsonLd: {
      '@type': 'Course',
      name: course.title,
      description: course.summary,
      url,
      image: new URL(image ?? DEFAULT_CARD_IMAGE, `${origin}/`).href,
      provider: { '@type': 'Organization', name: SITE_NAME, sameAs: `${origin}/` },
      isAccessibleForFree: free,
      ...(offer ? { offers: { ...offer, availability: `${SCHEMA}InStock` } } : {}),
      syllabusSections: course.syllabus.map((m) => ({
        '@type': 'Syllabus',
        name: m.title,
        description: m.units.map((u) => u.title).join(' · '),
      })),
      hasCourseInstance: instances,
    },
  };
}

/** The course catalog: an `ItemList` of the courses on the page, in order. */
export function coursesHead(origin: string, courses: { id: string; title: string }[]): PageHead {
  return {
    title: 'Courses',
    description: `Courses and mini-courses of ${SITE_NAME}: syllabus, instructors, cohorts and the plan each needs.`,
    path: '/courses',
    jsonLd: {
      '@type': 'ItemList',
      name: `${SITE_NAME} courses`,
      itemListElement: courses.map((c, i) => ({
        '@type': 'ListItem',
        position: i + 1,
        url: `${origin}${coursePath(c.id)}`,
        name: c.title,
      })),
    },
  };
}
