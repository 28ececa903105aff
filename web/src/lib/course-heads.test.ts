import { describe, expect, it } from 'vitest';
import { DEFAULT_TIERS } from '@shared/defaults';
import { publicCohort, publicCourse } from '@shared/public-courses';
import { makeCourseDocs, makeCourseSpec } from '../../../functions/src/testing/course-factories';
import { courseHead, coursesHead, coverUrl } from './course-heads';

const ORIGIN = 'https://commons.example';
const page = (spec = makeCourseSpec(), rank = 40) => {
  const docs = makeCourseDocs(spec, rank);
  const ms = (d: Date) => d.getTime();
  return {
    course: publicCourse(spec.slug, docs.teaser, ms),
    cohorts: Object.entries(docs.cohorts).map(([id, c]) => publicCohort(id, c, ms)),
  };
};

describe('courseHead', () => {
  it('declares a Course with the provider, a CourseInstance per cohort and the lowest plan as its offer', () => {
    const { course, cohorts } = page();
    const head = courseHead(ORIGIN, course, cohorts, DEFAULT_TIERS);
    const premium = DEFAULT_TIERS.tiers.premium!.prices!.monthly!;
    expect(head).toMatchObject({
      title: 'Data engineering',
      description: 'Pipelines from the first cron job to a tested warehouse.',
      path: '/courses/data-engineering',
    });
    expect(head.jsonLd).toMatchObject({
      '@type': 'Course',
      name: 'Data engineering',
      url: `${ORIGIN}/courses/data-engineering`,
      provider: { '@type': 'Organization', name: 'Commons' },
      isAccessibleForFree: false,
      offers: { '@type': 'Offer', price: premium.amount / 100, url: `${ORIGIN}/pricing?plan=premium` },
      hasCourseInstance: [
        {
          '@type': 'CourseInstance',
          name: 'Spring 2027',
          courseMode: 'online',
          startDate: new Date(cohorts[0]!.startAt).toISOString(),
          endDate: new Date(cohorts[0]!.endAt).toISOString(),
          instructor: [{ '@type': 'Person', name: 'Ada Lovelace' }],
          remainingAttendeeCapacity: 50,
          offers: { availability: 'https://schema.org/InStock', price: premium.amount / 100 },
        },
      ],
    });
    // Titles only: a syllabus section never carries a unit's body.
    expect(JSON.stringify(head.jsonLd)).not.toContain('GATED-UNIT-BODY');
  });

  it('offers a free course at 0, and a course without cohorts as one self-paced instance', () => {
    const { course } = page(makeCourseSpec({ slug: 'intro', access: 'free', cohorts: [] }), 10);
    const ld = courseHead(ORIGIN, course, [], DEFAULT_TIERS).jsonLd!;
    expect(ld).toMatchObject({ isAccessibleForFree: true, offers: { price: 0 } });
    expect(ld.hasCourseInstance).toEqual([
      expect.objectContaining({ '@type': 'CourseInstance', courseMode: 'online', name: 'Self-paced' }),
    ]);
  });

  it('marks a full cohort sold out and uses the cover as the preview image', () => {
    const { course, cohorts } = page(makeCourseSpec({ cover: 'https://img.example/c.png' }));
    const full = cohorts.map((c) => ({ ...c, enrolled: c.capacity! }));
    const head = courseHead(ORIGIN, course, full, DEFAULT_TIERS);
    expect(head.image).toBe('https://img.example/c.png');
    expect((head.jsonLd!.hasCourseInstance as { offers: { availability: string } }[])[0]!.offers.availability).toBe(
      'https://schema.org/SoldOut',
    );
  });
});

it('coverUrl: an https URL as is, a media path on this site', () => {
  expect(coverUrl('https://img.example/c.png')).toBe('https://img.example/c.png');
  expect(coverUrl('media/courses/x.png')).toBe('/media/courses/x.png');
  expect(coverUrl(null)).toBeNull();
});

it('coursesHead lists the courses in order', () => {
  const head = coursesHead(ORIGIN, [
    { id: 'a', title: 'A' },
    { id: 'b', title: 'B' },
  ]);
  expect(head.jsonLd).toMatchObject({
    '@type': 'ItemList',
    itemListElement: [
      { position: 1, url: `${ORIGIN}/courses/a`, name: 'A' },
      { position: 2, url: `${ORIGIN}/courses/b`, name: 'B' },
    ],
  });
});
