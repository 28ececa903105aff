import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { CollectionReference } from 'firebase-admin/firestore';
import { beforeAll, describe, expect, it } from 'vitest';
import * as entryPoints from '../../functions/src/index';
import { SIGNING_KEY_FILE } from '../../functions/src/adapters/storage/twin/local-storage';
import type { CallableName } from '../../functions/src/shared/callables';
import { FUNCTIONS, adminSdk, callFunction, clearEmulators, type SignedIn } from '../support/emulators';
import { createMember } from '../support/factories';
import { zoomSignature } from '../../functions/src/domain/zoom-recording';
import { ZOOM_WEBHOOK_SECRET } from '../support/zoom';
import { postmarkDelivery, postmarkRecord } from '../support/postmark';
import { gitHubSignature } from '../../functions/src/adapters/github/webhook-signature';
import { GITHUB_WEBHOOK_SECRET, pushBody } from '../support/github';

// Every callable and HTTP function, fed hostile input by an admin (so permission checks cannot hide a
// missing validation) and by a visitor where visitors may call: each must answer invalid-argument (or
// not-found for ids that name nothing), never internal / 500, and leave Firestore and the media folder
// exactly as they were. The endpoints come from functions/src/index.ts, so a new one without rows fails.

const { db } = adminSdk();
const MEDIA_DIR = resolve('.data', 'storage'); // where the emulated functions keep media (functions/../.data)
const MB = 1024 * 1024;

let admin: SignedIn;
let member: SignedIn;

/** Objects `levels` deep. */
const nested = (levels: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
};

/** Values no id field may take: separators, dot names, reserved and prototype names, sizes, wrong types. */
const HOSTILE_IDS: [string, unknown][] = [
  ['a slash', 'a/b'],
  ['..', '..'],
  ['.', '.'],
  ['__proto__', '__proto__'],
  ['a reserved __x__', '__x__'],
  ['a control character', 'a\u0000b'],
  ['a 2 MB string', 'x'.repeat(2 * MB)],
  ['an empty string', ''],
  ['a number', 42],
  ['an array', ['a']],
  ['an object', { a: 1 }],
  ['null', null],
];

interface Row {
  what: string;
  data: unknown;
  /** The callable error status expected. */
  status: 'INVALID_ARGUMENT' | 'NOT_FOUND' | 'UNAUTHENTICATED' | 'FAILED_PRECONDITION';
  /** What the message must name (the field, or the reason). */
  says?: RegExp;
}

/** Rows every payload gets: not an object, unknown keys, too deep, too large, each field missing. */
function wholePayloadRows(base: Record<string, unknown>): Row[] {
  const first = Object.keys(base)[0] ?? 'deep';
  return [
    { what: 'null', data: null, status: 'INVALID_ARGUMENT', says: /object/ },
    { what: 'an array', data: [base], status: 'INVALID_ARGUMENT', says: /object/ },
    { what: 'a string', data: 'hello', status: 'INVALID_ARGUMENT', says: /object/ },
    { what: 'a number', data: 7, status: 'INVALID_ARGUMENT', says: /object/ },
    { what: 'an unknown key', data: { ...base, isAdmin: true }, status: 'INVALID_ARGUMENT', says: /isAdmin/ },
    { what: 'a prototype key', data: JSON.parse(`{"__proto__": {"admin": true}}`), status: 'INVALID_ARGUMENT' },
    { what: 'deep nesting', data: { ...base, [first]: nested(50) }, status: 'INVALID_ARGUMENT', says: /deep/ },
    { what: 'a 4 MB payload', data: { ...base, pad: 'x'.repeat(4 * MB) }, status: 'INVALID_ARGUMENT', says: /large/ },
    ...Object.keys(base).map((field): Row => ({
      what: `no ${field}`,
      data: Object.fromEntries(Object.entries(base).filter(([k]) => k !== field)),
      status: 'INVALID_ARGUMENT',
      says: new RegExp(field),
    })),
  ];
}

/** Rows putting each hostile id into `field` (a dotted path for nested fields). */
function idRows(base: Record<string, unknown>, field: string): Row[] {
  return HOSTILE_IDS.map(([what, value]) => ({
    what: `${field} = ${what}`,
    data: withField(base, field, value),
    status: 'INVALID_ARGUMENT',
    says: new RegExp(field.replace(/\./g, '\\.')),
  }));
}

/** A copy of `base` with the dotted `path` set to `value`. */
function withField(base: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head = '', ...rest] = path.split('.');
  if (rest.length === 0) return { ...base, [head]: value };
  const inner = base[head];
  if (Array.isArray(inner)) {
    const [index = '0', ...deeper] = rest;
    const copy = [...inner] as Record<string, unknown>[];
    copy[Number(index)] = withField(copy[Number(index)] ?? {}, deeper.join('.'), value);
    return { ...base, [head]: copy };
  }
  return { ...base, [head]: withField((inner ?? {}) as Record<string, unknown>, rest.join('.'), value) };
}

/** The rows of a payload that is one id naming nothing: hostile shapes and ids, then not-found. */
function oneIdRows(field: string, unknown: string): Row[] {
  const base = { [field]: unknown };
  return [
    ...wholePayloadRows(base),
    ...idRows(base, field),
    { what: `an unknown ${field}`, data: base, status: 'NOT_FOUND' },
  ];
}

const invalid = (what: string, data: unknown, says?: RegExp): Row => ({ what, data, status: 'INVALID_ARGUMENT', says });
const notFound = (what: string, data: unknown): Row => ({ what, data, status: 'NOT_FOUND' });

const issue = { subject: 'Hello', sections: [{ access: 'public', markdown: 'Hi' }], audience: 'everyone' };
/** An event as the editor sends it (its zone and wall times valid). */
const event = {
  title: 'Office hours',
  summary: 'Bring your questions along',
  description: 'Agenda',
  kind: 'link',
  status: 'draft',
  access: 'public',
  start: '2027-01-14T18:00',
  end: '2027-01-14T19:00',
  timeZone: 'Europe/Berlin',
  capacity: null,
  place: null,
  joinUrl: 'https://meet.example.com/x',
  details: '',
};
/** A poll as the editor sends it. */
const pollInput = {
  kind: 'topic',
  question: 'Which topic next?',
  description: '',
  access: 'main',
  options: [{ label: 'Streaming' }, { label: 'Testing' }],
  maxChoices: 1,
  allowProposals: true,
  resultsVisibility: 'live',
  closesAt: '2027-01-14T18:00:00Z',
};
const sections = (count: number, chars: number) =>
  Array.from({ length: count }, () => ({ access: 'public', markdown: 'x'.repeat(chars) }));

/** The rows of each callable; typed by the callable map, so a callable without rows does not compile. */
const CALLABLE_ROWS: Record<CallableName, () => Row[]> = {
  grantComplimentary: () => {
    const base = { uid: member.uid, tier: 'basic' };
    return [
      ...wholePayloadRows(base),
      ...idRows(base, 'uid'),
      ...idRows(base, 'tier'),
      ...['constructor', 'toString', 'hasOwnProperty'].map((tier) =>
        invalid(`tier = ${tier}`, { ...base, tier }, /Unknown tier/),
      ),
      invalid('a 100 kB email', { email: `${'a'.repeat(100_000)}@example.com`, tier: 'basic' }, /email/),
      invalid('a note of 2 MB', { ...base, note: 'x'.repeat(2 * MB) }, /note/),
      notFound('an unknown uid', { uid: 'no-such-member', tier: 'basic' }),
      notFound('an unknown email', { email: 'nobody@example.com', tier: 'basic' }),
    ];
  },
  revokeComplimentary: () => oneIdRows('uid', 'no-such-member'),
  getMediaUrl: () => {
    const base = { materialId: 'no-such-material', path: 'media/materials/x/a.csv' };
    return [
      ...wholePayloadRows(base),
      ...idRows(base, 'materialId'),
      ...idRows(base, 'path'),
      ...['media/../../etc/passwd', 'media/.signing-key', '../x', 'media/a\\..\\b', 'other/a.csv'].map((path) =>
        invalid(`path = ${path}`, { ...base, path }, /path/),
      ),
      notFound('an unknown material', base),
    ];
  },
  createCheckoutSession: () => {
    const base = { tier: 'basic', interval: 'monthly' };
    return [
      ...wholePayloadRows(base),
      ...idRows(base, 'tier'),
      ...['constructor', 'toString', 'valueOf'].map((tier) =>
        invalid(`tier = ${tier}`, { ...base, tier }, /Unknown plan/),
      ),
      invalid('an unknown interval', { ...base, interval: 'hourly' }, /interval/),
      ...HOSTILE_PATHS.map(([what, returnTo]) => invalid(`returnTo = ${what}`, { ...base, returnTo }, /returnTo/)),
    ];
  },
  createPortalSession: () => wholePayloadRows({}),
  saveNewsletter: () => {
    const base = { newsletter: issue };
    return [
      ...wholePayloadRows(base),
      ...idRows(base, 'id'),
      ...idRows(base, 'newsletter.audience'),
      ...idRows(base, 'newsletter.sections.0.access'),
      ...idRows(base, 'newsletter.materialId').filter((row) => !/null/.test(row.what)),
      invalid('audience = constructor', withField(base, 'newsletter.audience', 'constructor'), /audience/),
      invalid('section access = toString', withField(base, 'newsletter.sections.0.access', 'toString'), /access/),
      invalid('a 2 MB section', withField(base, 'newsletter.sections', sections(1, 2 * MB)), /sections\.0\.markdown/),
      invalid('20 full sections (1 MB)', withField(base, 'newsletter.sections', sections(20, 50_000)), /sections/),
      invalid('21 sections', withField(base, 'newsletter.sections', sections(21, 10)), /sections/),
      invalid('a 2 MB subject', withField(base, 'newsletter.subject', 'x'.repeat(2 * MB)), /subject/),
      invalid('sections as an object', withField(base, 'newsletter.sections', { 0: issue.sections[0] }), /sections/),
      notFound('an unknown id', { ...base, id: 'no-such-issue' }),
    ];
  },
  sendNewsletter: () => {
    const base = { id: 'no-such-issue' };
    return [
      ...wholePayloadRows(base),
      ...idRows(base, 'id'),
      invalid('at not a time', { ...base, at: 'tomorrow' }, /at/),
      invalid('at a number', { ...base, at: 1 }, /at/),
      notFound('an unknown id', base),
    ];
  },
  sendNewsletterTest: () => oneIdRows('id', 'no-such-issue'),
  cancelNewsletter: () => oneIdRows('id', 'no-such-issue'),
  announce: () => [
    ...oneIdRows('materialId', 'no-such-material'),
    ...idRows({ eventId: 'no-such-event' }, 'eventId'),
    invalid('both materialId and eventId', { materialId: 'a', eventId: 'b' }, /materialId or eventId/),
    notFound('an unknown event', { eventId: 'no-such-event' }),
  ],
  getCalendarFeed: () => wholePayloadRows({}),
  rotateCalendarFeed: () => wholePayloadRows({}),
  retryAnnouncement: () => oneIdRows('id', 'material_no-such-material'),
  completeCommunitySeat: () => oneIdRows('uid', 'no-such-member'),
  resendVerification: () => wholePayloadRows({}),
  saveEvent: () => {
    const base = { event };
    const field = (
      path: string,
      value: unknown,
      says: RegExp,
      what = `${path} = ${JSON.stringify(value).slice(0, 40)}`,
    ) => invalid(what, withField(base, path, value), says);
    return [
      ...wholePayloadRows(base),
      ...idRows(base, 'id'),
      ...idRows(base, 'event.access'),
      ...['constructor', 'toString', '__proto__', 'gold'].map((access) =>
        field('event.access', access, /event\.access/),
      ),
      field('event.title', 'x'.repeat(2 * MB), /event\.title/, 'a 2 MB title'),
      field('event.description', 'x'.repeat(2 * MB), /event\.description/, 'a 2 MB description'),
      field('event.details', 'x'.repeat(20_000), /event\.details/, 'a 20 kB details'),
      field('event.kind', 'webinar', /event\.kind/),
      field('event.status', 'cancelled', /event\.status/),
      field('event.start', '2027-01-14 18:00', /event\.start/),
      field('event.start', '2027-13-45T18:00', /event\.start/),
      field('event.end', '2027-01-14T17:00', /event\.end/),
      field('event.timeZone', 'Mars/Olympus', /event\.timeZone/),
      field('event.timeZone', { zone: 'UTC' }, /event\.timeZone/),
      field('event.capacity', 0, /event\.capacity/),
      field('event.capacity', 1.5, /event\.capacity/),
      field('event.capacity', '10', /event\.capacity/),
      field('event.joinWindowMinutes', -5, /event\.joinWindowMinutes/),
      field('event.joinUrl', 'javascript:alert(1)', /event\.joinUrl/),
      field('event.joinUrl', 'http://meet.example.com', /event\.joinUrl/),
      field('event.joinUrl', `https://x.example.com/${'a'.repeat(3000)}`, /event\.joinUrl/, 'a 3000-character link'),
      field('event.place', 'x'.repeat(300), /event\.place/, 'a 300-character place'),
      field('event.extra', true, /extra/),
      invalid('repeat 1000 times', { ...base, repeat: { every: 'week', count: 1000 } }, /repeat\.count/),
      invalid('repeat every day', { ...base, repeat: { every: 'day', count: 2 } }, /repeat\.every/),
      invalid('a repeated update', { ...base, id: 'no-such-event', repeat: { every: 'week', count: 2 } }, /repeat/),
      notFound('an unknown id', { ...base, id: 'no-such-event' }),
    ];
  },
  duplicateEvent: () => oneIdRows('id', 'no-such-event'),
  cancelEvent: () => [
    ...oneIdRows('id', 'no-such-event'),
    invalid('notify as a string', { id: 'no-such-event', notify: 'yes' }, /notify/),
  ],
  registerForEvent: () => oneIdRows('id', 'no-such-event'),
  cancelRegistration: () => oneIdRows('id', 'no-such-event'),
  createZoomMeeting: () => oneIdRows('id', 'no-such-event'),
  // Recordings (saveChapters, draftChapters; retryIngest's rows come with the ingest worker).
  saveChapters: () => {
    const base = { materialId: 'no-such-recording', chapters: [{ at: 0, label: 'Intro' }] };
    const chapters = (value: unknown) => withField(base, 'chapters', value);
    return [
      ...wholePayloadRows(base),
      ...idRows(base, 'materialId'),
      invalid('101 chapters', chapters(Array.from({ length: 101 }, (_, i) => ({ at: i, label: 'c' }))), /chapters/),
      invalid('chapters as an object', chapters({ 0: { at: 0, label: 'a' } }), /chapters/),
      invalid('a fractional at', withField(base, 'chapters.0.at', 1.5), /chapters\.0\.at/),
      invalid('a negative at', withField(base, 'chapters.0.at', -1), /chapters\.0\.at/),
      invalid('at as a string', withField(base, 'chapters.0.at', '10'), /chapters\.0\.at/),
      invalid('an empty label', withField(base, 'chapters.0.label', '  '), /chapters\.0\.label/),
      invalid('a 2 MB label', withField(base, 'chapters.0.label', 'x'.repeat(2 * MB)), /chapters\.0\.label/),
      invalid('an unknown chapter key', withField(base, 'chapters.0.html', '<b>'), /html/),
      invalid(
        'chapters out of order',
        chapters([
          { at: 9, label: 'b' },
          { at: 3, label: 'a' },
        ]),
        /chapters\.1\.at/,
      ),
      notFound('an unknown recording', base),
    ];
  },
  draftChapters: () => oneIdRows('materialId', 'no-such-recording'),
  subscribeVisitor: () => {
    const base = { email: 'visitor@example.com' };
    return [
      ...wholePayloadRows(base),
      ...HOSTILE_IDS.map(([what, email]) => invalid(`email = ${what}`, { email }, /email/)),
      invalid('a 100 kB email', { email: `${'a'.repeat(100_000)}@example.com` }, /email/),
      invalid('a 255-character email', { email: `${'a'.repeat(64)}@${'b'.repeat(180)}.example.com` }, /email/),
      // The box on a free material's page: the id must name a published free-level material.
      ...idRows({ ...base, materialId: 'x' }, 'materialId'),
      invalid('materialId = a number', { ...base, materialId: 7 }, /materialId/),
      invalid('an unknown materialId', { ...base, materialId: 'no-such-material' }, /materialId/),
    ];
  },
  retryIngest: () => oneIdRows('id', 'no-such-job'),
  liftSuppression: () => [
    ...oneIdRows('id', 'b'.repeat(64)),
    invalid('id in upper case', { id: 'B'.repeat(64) }, /id/),
    invalid('id one digit short', { id: 'b'.repeat(63) }, /id/),
  ],
  // Never the admin's own address: that row would delete the account the suite runs as.
  deleteMyAccount: () => {
    const base = { email: 'someone-else@example.com' };
    return [
      ...wholePayloadRows(base),
      ...HOSTILE_IDS.map(([what, email]) => invalid(`email = ${what}`, { email }, /email/)),
      invalid('a 100 kB email', { email: `${'a'.repeat(100_000)}@example.com` }, /email/),
      invalid("an address that is not the account's", base, /email/),
      invalid('the address with a typo', { email: 'admin@demo.tes' }, /email/),
    ];
  },
  deleteMember: () => [
    ...oneIdRows('uid', 'no-such-member'),
    { what: 'the admin themself', data: { uid: admin.uid }, status: 'FAILED_PRECONDITION', says: /account page/ },
  ],
  // Course homework (per-question answer types are checked against a real homework in course-homework.test.ts).
  submitHomework: () => {
    const base = { courseId: 'no-such-course', homeworkId: 'hw', answers: { q1: 1 }, links: [] };
    return [
      ...wholePayloadRows(base),
      ...idRows(base, 'courseId'),
      ...idRows(base, 'homeworkId'),
      invalid('answers as a list', withField(base, 'answers', [1]), /answers/),
      invalid('an answer as an object', withField(base, 'answers.q1', { a: 1 }), /answers\.q1/),
      invalid('an answer as a boolean', withField(base, 'answers.q1', true), /answers\.q1/),
      invalid('an answer of 2 MB', withField(base, 'answers.q1', 'x'.repeat(2 * MB)), /answers\.q1/),
      invalid('an answer keyed by a path', withField(base, 'answers', { 'a/b': 1 }), /answers/),
      invalid(
        '201 answers',
        withField(base, 'answers', Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`q${i}`, 1]))),
        /answers/,
      ),
      invalid('links as a string', withField(base, 'links', 'https://a.io'), /links/),
      invalid('a link as a number', withField(base, 'links', [1]), /links\.0/),
      invalid('a link of 2 MB', withField(base, 'links', ['https://a.io/' + 'x'.repeat(2 * MB)]), /links\.0/),
      invalid(
        '21 links',
        withField(
          base,
          'links',
          Array.from({ length: 21 }, (_, i) => `https://a.io/${i}`),
        ),
        /links/,
      ),
      notFound('an unknown course', base),
    ];
  },
  scoreFreeText: () => {
    const base = {
      courseId: 'no-such-course',
      homeworkId: 'hw',
      uid: 'no-such-member',
      questionId: 'q',
      points: 1,
      feedback: '',
    };
    return [
      ...wholePayloadRows(base),
      ...idRows(base, 'courseId'),
      ...idRows(base, 'homeworkId'),
      ...idRows(base, 'uid'),
      ...idRows(base, 'questionId'),
      invalid('negative points', withField(base, 'points', -1), /points/),
      invalid('points as text', withField(base, 'points', '1'), /points/),
      invalid('infinite points', withField(base, 'points', 1e308 * 10), /points/),
      invalid('feedback of 2 MB', withField(base, 'feedback', 'x'.repeat(2 * MB)), /feedback/),
      notFound('an unknown submission', base),
    ];
  },
  getHomeworkResults: () => {
    const base = { courseId: 'no-such-course', homeworkId: 'hw' };
    return [
      ...wholePayloadRows(base),
      ...idRows(base, 'courseId'),
      ...idRows(base, 'homeworkId'),
      notFound('an unknown homework', base),
    ];
  },

  // Course projects, leaderboards, certificates: an admin enrolled nowhere, so valid shapes name nothing.
  submitProject: () => {
    const base = { courseId: 'no-such-course', repoUrl: 'https://github.com/ada/pipeline', commit: 'a'.repeat(40) };
    return [
      ...wholePayloadRows(base),
      ...idRows(base, 'courseId'),
      invalid('a short commit', { ...base, commit: 'abc123' }, /commit/),
      invalid('a commit with a non-hex letter', { ...base, commit: `${'a'.repeat(39)}g` }, /commit/),
      invalid('a branch name as commit', { ...base, commit: 'main' }, /commit/),
      invalid('commit as a number', { ...base, commit: 42 }, /commit/),
      invalid('an http URL', { ...base, repoUrl: 'http://github.com/ada/pipeline' }, /repoUrl/),
      invalid('a javascript: URL', { ...base, repoUrl: 'javascript:alert(1)' }, /repoUrl/),
      invalid('a URL with credentials', { ...base, repoUrl: 'https://x:y@github.com/ada/p' }, /repoUrl/),
      invalid('a host without a repository', { ...base, repoUrl: 'https://github.com/' }, /repoUrl/),
      invalid('a 2 MB URL', { ...base, repoUrl: `https://github.com/${big(2 * MB)}` }, /repoUrl/),
      invalid('not a URL', { ...base, repoUrl: 'pipeline' }, /repoUrl/),
      notFound('an unknown course', base),
    ];
  },
  submitReview: () => {
    const base = { courseId: 'no-such-course', authorUid: 'someone', scores: { works: 1 }, comment: 'Good' };
    return [
      ...wholePayloadRows(base),
      ...idRows(base, 'courseId'),
      ...idRows(base, 'authorUid'),
      invalid('a negative score', { ...base, scores: { works: -1 } }, /scores\.works/),
      invalid('a fractional score', { ...base, scores: { works: 1.5 } }, /scores\.works/),
      invalid('a score as a string', { ...base, scores: { works: '3' } }, /scores\.works/),
      invalid('scores as an array', { ...base, scores: [1] }, /scores/),
      invalid('a criterion id with a slash', { ...base, scores: { 'a/b': 1 } }, /scores/),
      invalid(
        '51 criteria',
        { ...base, scores: Object.fromEntries([...Array(51)].map((_, i) => [`c${i}`, 1])) },
        /scores/,
      ),
      invalid('a 2 MB comment', { ...base, comment: big(2 * MB) }, /comment/),
      notFound('an unknown course', base),
    ];
  },
  setLeaderboardProfile: () => {
    const base = { courseId: 'no-such-course', displayName: 'Ada L.', showOnLeaderboard: true };
    return [
      ...wholePayloadRows(base),
      ...idRows(base, 'courseId'),
      invalid('a one-letter name', { ...base, displayName: 'A' }, /displayName/),
      invalid('a 41-character name', { ...base, displayName: 'a'.repeat(41) }, /displayName/),
      invalid('markup in the name', { ...base, displayName: '<b>Ada</b>' }, /displayName/),
      invalid('a control character in the name', { ...base, displayName: 'Ada\u0000' }, /displayName/),
      invalid('showOnLeaderboard as a string', { ...base, showOnLeaderboard: 'yes' }, /showOnLeaderboard/),
      notFound('an unknown course', base),
    ];
  },
  claimCertificate: () => oneIdRows('courseId', 'no-such-course'),
  revokeCertificate: () => {
    const base = { id: 'A'.repeat(20), reason: 'Plagiarised project' };
    return [
      ...wholePayloadRows(base),
      ...HOSTILE_IDS.map(([what, id]) => invalid(`id = ${what}`, { ...base, id }, /id/)),
      invalid('a 19-character id', { ...base, id: 'A'.repeat(19) }, /id/),
      invalid('an id with a dash', { ...base, id: `${'A'.repeat(19)}-` }, /id/),
      invalid('an empty reason', { ...base, reason: '  ' }, /reason/),
      invalid('a 2 MB reason', { ...base, reason: big(2 * MB) }, /reason/),
      notFound('an unknown certificate', base),
    ];
  },

  // Courses: learning (enrollment, progress, unit files).
  enrollInCourse: () => {
    const base = { courseId: 'no-such-course', cohortId: null };
    return [
      ...wholePayloadRows(base),
      ...idRows(base, 'courseId'),
      // null is self-paced: every other hostile id is refused.
      ...idRows(base, 'cohortId').filter((row) => (row.data as { cohortId: unknown }).cohortId !== null),
      notFound('an unknown course', base),
      notFound('an unknown course with a cohort', { ...base, cohortId: 'spring' }),
    ];
  },
  markUnitDone: () => {
    const base = { courseId: 'no-such-course', unitId: 'no-such-unit', done: true };
    return [
      ...wholePayloadRows(base),
      ...idRows(base, 'courseId'),
      ...idRows(base, 'unitId'),
      invalid('done as a string', { ...base, done: 'yes' }, /done/),
      invalid('done as null', { ...base, done: null }, /done/),
      notFound('an unknown unit', base),
    ];
  },
  openUnit: () => {
    const base = { courseId: 'no-such-course', unitId: 'no-such-unit' };
    return [
      ...wholePayloadRows(base),
      ...idRows(base, 'courseId'),
      ...idRows(base, 'unitId'),
      notFound('an unknown unit', base),
    ];
  },
  getCourseMediaUrl: () => {
    const base = { courseId: 'no-such-course', unitId: 'no-such-unit', path: 'media/courses/x/a.zip' };
    return [
      ...wholePayloadRows(base),
      ...idRows(base, 'courseId'),
      ...idRows(base, 'unitId'),
      ...idRows(base, 'path'),
      ...['media/../../etc/passwd', 'media/.signing-key', '../x', 'other/a.zip'].map((path) =>
        invalid(`path ${path}`, { ...base, path }, /path/),
      ),
      notFound('an unknown unit', base),
    ];
  },

  submitShowcaseProject: () => {
    const base = {
      id: 'no-such-project',
      title: 'Pipeline doctor',
      summary: 'Finds the slow steps of a dbt project and says why.',
      repoUrl: 'https://github.com/ada/doctor',
      demoUrl: '',
      images: [],
      access: 'public',
    };
    return [
      ...wholePayloadRows(base),
      // null is a new submission, not a hostile id.
      ...idRows(base, 'id').filter((r) => r.what !== 'id = null'),
      ...idRows(base, 'access'),
      invalid('an http repository', { ...base, repoUrl: 'http://github.com/ada/doctor' }, /repoUrl/),
      invalid('a javascript: demo', { ...base, demoUrl: 'javascript:alert(1)' }, /demoUrl/),
      invalid('a data: image', { ...base, images: ['data:image/png;base64,AAAA'] }, /images/),
      invalid('five images', { ...base, images: Array(5).fill('https://i.example.com/a.png') }, /images/),
      invalid('a 2 MB summary', { ...base, summary: big(2 * MB) }, /summary/),
      invalid('a 2 MB image URL', { ...base, images: [`https://i.example.com/${big(2 * MB)}`] }, /images/),
      invalid('images as a string', { ...base, images: 'https://i.example.com/a.png' }, /images/),
      invalid('an access level that is no plan', { ...base, id: null, access: 'no-such-tier' }, /access/),
      notFound('an unknown submission', base),
    ];
  },
  withdrawShowcaseProject: () => oneIdRows('id', 'no-such-project'),
  moderateShowcaseProject: () => {
    const base = { id: 'no-such-project', decision: 'reject', reason: 'Not a data project' };
    return [
      ...wholePayloadRows(base),
      ...idRows(base, 'id'),
      invalid('an unknown decision', { ...base, decision: 'publish' }, /decision/),
      invalid('a rejection without a reason', { ...base, reason: '  ' }, /reason/),
      invalid('a 2 MB reason', { ...base, reason: big(2 * MB) }, /reason/),
      notFound('an unknown submission', base),
    ];
  },
  // Polls (savePoll, setPollStatus, castVote, proposeOption, moderateProposal, linkPollCourse).
  savePoll: () => {
    const base = { poll: pollInput };
    const field = (path: string, value: unknown, says: RegExp) =>
      invalid(`${path} = ${JSON.stringify(value).slice(0, 40)}`, withField(base, path, value), says);
    return [
      ...wholePayloadRows(base),
      ...idRows({ ...base, id: 'no-such-poll' }, 'id'),
      ...idRows(base, 'poll.access'),
      ...idRows(base, 'poll.options.0.id'),
      ...['constructor', 'toString', 'gold'].map((access) => field('poll.access', access, /poll\.access/)),
      field('poll.kind', 'survey', /poll\.kind/),
      field('poll.question', 'x'.repeat(2 * MB), /poll\.question/),
      field('poll.description', 'x'.repeat(5000), /poll\.description/),
      field('poll.options.0.label', 'x'.repeat(2 * MB), /poll\.options\.0\.label/),
      field(
        'poll.options',
        Array.from({ length: 51 }, (_, i) => ({ label: `Option ${i}` })),
        /poll\.options/,
      ),
      field('poll.options', { 0: { label: 'a' } }, /poll\.options/),
      field('poll.maxChoices', 0, /poll\.maxChoices/),
      field('poll.maxChoices', 11, /poll\.maxChoices/),
      field('poll.maxChoices', 1.5, /poll\.maxChoices/),
      field('poll.closesAt', 'next week', /poll\.closesAt/),
      field('poll.resultsVisibility', 'never', /poll\.resultsVisibility/),
      field('poll.allowProposals', 'yes', /poll\.allowProposals/),
      notFound('an unknown poll', { ...base, id: 'no-such-poll' }),
    ];
  },
  setPollStatus: () => [
    ...oneIdRows('id', 'no-such-poll').map((row) =>
      row.data && typeof row.data === 'object' && !Array.isArray(row.data) && 'id' in row.data
        ? { ...row, data: { ...row.data, status: 'open' } }
        : row,
    ),
    invalid('status archived', { id: 'no-such-poll', status: 'archived' }, /status/),
    invalid('no status', { id: 'no-such-poll' }, /status/),
  ],
  castVote: () => {
    const base = { pollId: 'no-such-poll', optionIds: ['o1'] };
    return [
      ...wholePayloadRows(base),
      ...idRows(base, 'pollId'),
      ...HOSTILE_IDS.map(([what, value]) =>
        invalid(`an option id that is ${what}`, { ...base, optionIds: [value] }, /optionIds\.0/),
      ),
      invalid('11 options', { ...base, optionIds: Array.from({ length: 11 }, (_, i) => `o${i}`) }, /optionIds/),
      invalid('optionIds as a string', { ...base, optionIds: 'o1' }, /optionIds/),
      notFound('an unknown poll', base),
    ];
  },
  proposeOption: () => {
    const base = { pollId: 'no-such-poll', label: 'Data contracts' };
    return [
      ...wholePayloadRows(base),
      ...idRows(base, 'pollId'),
      invalid('a one-letter label', { ...base, label: 'x' }, /label/),
      invalid('a 2 MB label', { ...base, label: 'x'.repeat(2 * MB) }, /label/),
      invalid('a label of spaces', { ...base, label: '     ' }, /label/),
      invalid('a numeric label', { ...base, label: 42 }, /label/),
      notFound('an unknown poll', base),
    ];
  },
  moderateProposal: () => {
    const base = { pollId: 'no-such-poll', proposalId: 'no-such-proposal', decision: 'approve' };
    return [
      ...wholePayloadRows(base),
      ...idRows(base, 'pollId'),
      ...idRows(base, 'proposalId'),
      invalid('decision maybe', { ...base, decision: 'maybe' }, /decision/),
      invalid('a 2 MB label', { ...base, label: 'x'.repeat(2 * MB) }, /label/),
      notFound('an unknown poll', base),
    ];
  },
  linkPollCourse: () => {
    const base = { pollId: 'no-such-poll', courseSlug: 'no-such-course' };
    return [
      ...wholePayloadRows(base),
      ...idRows(base, 'pollId'),
      ...idRows(base, 'courseSlug').filter((row) => (row.data as { courseSlug: unknown }).courseSlug !== null),
      notFound('an unknown poll', base),
    ];
  },
  // Admin overview
  refreshOverview: () => wholePayloadRows({}),
  // Accounts: every row is refused before anything is counted or mailed
  requestPasswordReset: () => accountMailRows(),
  sendSignInLink: () => accountMailRows(),
  requestEmailChange: () => {
    const base = { newEmail: 'new-address@example.com' };
    return [
      ...wholePayloadRows(base),
      ...HOSTILE_IDS.map(([what, newEmail]) => invalid(`newEmail = ${what}`, { newEmail }, /newEmail/)),
      invalid('a 100 kB email', { newEmail: `${'a'.repeat(100_000)}@example.com` }, /newEmail/),
    ];
  },
};

/** Paths `next` or `returnTo` must never take: another site, a scheme, sizes and types. */
const HOSTILE_PATHS: [string, unknown][] = [
  ['another host', '//evil.example/x'],
  ['a backslash host', '/\\evil.example'],
  ['an encoded host', '/%2F%2Fevil.example'],
  ['a URL', 'https://evil.example/'],
  ['a javascript: URL', 'javascript:alert(1)'],
  ['a relative path', 'materials/x'],
  ['a tab in //', '/\t/evil.example'],
  ['a 2 MB path', `/${'x'.repeat(2 * MB)}`],
  ['a number', 42],
  ['null', null],
];

/** The public account mails: an address (and an optional `next`). */
function accountMailRows(): Row[] {
  const base = { email: 'someone@example.com' };
  return [
    ...wholePayloadRows(base),
    ...HOSTILE_IDS.map(([what, email]) => invalid(`email = ${what}`, { email }, /email/)),
    invalid('a 100 kB email', { email: `${'a'.repeat(100_000)}@example.com` }, /email/),
    ...HOSTILE_PATHS.map(([what, next]) => invalid(`next = ${what}`, { ...base, next }, /next/)),
  ];
}

/** Callables a visitor may call: their rows run signed out too. */
const VISITOR_CALLABLES: CallableName[] = [
  'getMediaUrl',
  'subscribeVisitor',
  'getCourseMediaUrl',
  'requestPasswordReset',
  'sendSignInLink',
];

interface HttpRow {
  what: string;
  path: string;
  init?: RequestInit;
  status: number;
  says?: RegExp;
}

const form = (body: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body,
});
const big = (bytes: number) => 'x'.repeat(bytes);
const SIG = '?expires=9999999999&sig=00';

/** A Zoom delivery signed with the demo secret (or stale by `ageSeconds`). */
function zoomDelivery(body: string, ageSeconds = 0): RequestInit {
  const timestamp = String(Math.floor(Date.now() / 1000) - ageSeconds);
  return {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-zm-request-timestamp': timestamp,
      'x-zm-signature': zoomSignature(ZOOM_WEBHOOK_SECRET, timestamp, body),
    },
    body,
  };
}
const recordingOf = (object: unknown) => JSON.stringify({ event: 'recording.completed', payload: { object } });
const ZOOM_FILE = { id: 'f1', file_type: 'MP4', file_size: 10, download_url: 'https://zoom.us/rec/download/f1' };
const HEX = 'a'.repeat(64);

/** A GitHub delivery signed with the demo secret (`event` push unless said otherwise). */
function githubDelivery(body: string, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'push',
      'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      'x-hub-signature-256': gitHubSignature(GITHUB_WEBHOOK_SECRET, body),
      ...headers,
    },
    body,
  };
}
const push = (over: Parameters<typeof pushBody>[0] = {}) => JSON.stringify(pushBody(over));

/** The rows of each HTTP function (paths relative to FUNCTIONS). */
const HTTP_ROWS: Record<string, () => HttpRow[]> = {
  // Public pages: a hostile path or query is a page that does not exist (404) or a catalog that ignores it.
  ssr: () => [
    { what: 'a POST', path: '/ssr/', init: { method: 'POST', body: 'x' }, status: 405 },
    { what: 'a climbing material id', path: '/ssr/materials/..%2F..%2Fetc%2Fpasswd', status: 404 },
    { what: 'material id __proto__', path: '/ssr/materials/__proto__', status: 404 },
    { what: 'a control character in the id', path: '/ssr/materials/a%00b', status: 404 },
    { what: 'a 3000-character id', path: `/ssr/materials/${big(3000)}`, status: 404 },
    { what: 'an 8 kB search', path: `/ssr/?q=${big(8000)}`, status: 200 },
    { what: 'filters as objects', path: '/ssr/?kind[x]=1&access[__proto__]=1&tag=a&tag=b', status: 200 },
    { what: 'an unknown page', path: '/ssr/no/such/page', status: 404 },
    // Find things (issue 15): the search page and the newsletter archive.
    { what: 'an 8 kB site search', path: `/ssr/search?q=${big(8000)}`, status: 200 },
    { what: 'a site search as an object and a list', path: '/ssr/search?q[__proto__]=1&q=a&q=b', status: 200 },
    { what: 'a climbing issue id', path: '/ssr/newsletters/..%2F..%2Fetc%2Fpasswd', status: 404 },
    { what: 'issue id __proto__', path: '/ssr/newsletters/__proto__', status: 404 },
    { what: 'a 3000-character issue id', path: `/ssr/newsletters/${big(3000)}`, status: 404 },
  ],
  // Calendar files: a path that names no file, an id or token that is not ours, is 404; never a 500.
  certificatePdf: () => [
    { what: 'a POST', path: `/certificatePdf?id=${'A'.repeat(20)}`, init: { method: 'POST', body: 'x' }, status: 405 },
    { what: 'an unknown key', path: `/certificatePdf?id=${'A'.repeat(20)}&x=1`, status: 400, says: /x/ },
    { what: 'a short id', path: '/certificatePdf?id=abc', status: 400, says: /id/ },
    { what: 'id = __proto__', path: '/certificatePdf?id=__proto__', status: 400, says: /id/ },
    { what: 'id twice', path: `/certificatePdf?id=${'A'.repeat(20)}&id=${'B'.repeat(20)}`, status: 400, says: /id/ },
    { what: 'a 3000-character path', path: `/certificatePdf/${big(3000)}.pdf`, status: 400, says: /path/ },
    { what: 'a climbing path', path: '/certificatePdf/..%2F..%2Fetc%2Fpasswd.pdf', status: 404 },
    { what: 'no id at all', path: '/certificatePdf', status: 404 },
    { what: 'an unknown certificate', path: `/certificatePdf?id=${'A'.repeat(20)}`, status: 404 },
    { what: 'an unknown certificate by path', path: `/certificatePdf/certificates/${'A'.repeat(20)}.pdf`, status: 404 },
  ],
  calendarFeed: () => [
    { what: 'a POST', path: '/calendarFeed/ics/public.ics', init: { method: 'POST', body: 'x' }, status: 405 },
    { what: 'a query', path: '/calendarFeed/ics/public.ics?x=1', status: 400, says: /x/ },
    { what: 'a 3000-character path', path: `/calendarFeed/ics/event/${big(3000)}.ics`, status: 400, says: /path/ },
    { what: 'a climbing event id', path: '/calendarFeed/ics/event/..%2F..%2Fetc%2Fpasswd.ics', status: 404 },
    { what: 'event id __proto__', path: '/calendarFeed/ics/event/__proto__.ics', status: 404 },
    { what: 'a reserved event id', path: '/calendarFeed/ics/event/__x__.ics', status: 404 },
    { what: 'a control character in the id', path: '/calendarFeed/ics/event/a%00b.ics', status: 404 },
    { what: 'an unknown event', path: '/calendarFeed/ics/event/no-such-event.ics', status: 404 },
    { what: 'a garbage token', path: '/calendarFeed/ics/member/garbage.ics', status: 404 },
    { what: 'a token with a slash', path: '/calendarFeed/ics/member/a%2Fb.ics', status: 404 },
    {
      what: 'a forged token',
      path: `/calendarFeed/ics/member/${Buffer.from('no-such-member').toString('base64url')}.0.v1.${'A'.repeat(43)}.ics`,
      status: 404,
    },
    { what: 'an unknown file', path: '/calendarFeed/ics/everything.ics', status: 404 },
    { what: 'the folder', path: '/calendarFeed/ics/', status: 404 },
  ],
  stripeWebhook: () => [
    { what: 'a GET', path: '/stripeWebhook', status: 405 },
    { what: 'a query', path: '/stripeWebhook?x=1', init: { method: 'POST', body: '{}' }, status: 400, says: /x/ },
    { what: 'a 2 MB body', path: '/stripeWebhook', init: { method: 'POST', body: big(2 * MB) }, status: 413 },
    { what: 'no signature', path: '/stripeWebhook', init: { method: 'POST', body: '{"id":"evt_1"}' }, status: 400 },
    {
      what: 'deep JSON without a signature',
      path: '/stripeWebhook',
      init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(nested(500)) },
      status: 400,
    },
  ],
  zoomWebhook: () => [
    { what: 'a GET', path: '/zoomWebhook', status: 405 },
    { what: 'a query', path: '/zoomWebhook?x=1', init: zoomDelivery('{}'), status: 400, says: /x/ },
    { what: 'a 2 MB body', path: '/zoomWebhook', init: { method: 'POST', body: big(2 * MB) }, status: 413 },
    { what: 'no signature', path: '/zoomWebhook', init: { method: 'POST', body: '{"event":"x"}' }, status: 401 },
    { what: 'a stale signature', path: '/zoomWebhook', init: zoomDelivery('{"event":"x"}', 600), status: 401 },
    {
      what: 'deep JSON without a signature',
      path: '/zoomWebhook',
      init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(nested(500)) },
      status: 401,
    },
    { what: 'signed, not JSON', path: '/zoomWebhook', init: zoomDelivery('{"event"'), status: 400 },
    { what: 'signed deep JSON', path: '/zoomWebhook', init: zoomDelivery(JSON.stringify(nested(500))), status: 400 },
    {
      what: 'signed, event a number',
      path: '/zoomWebhook',
      init: zoomDelivery('{"event":1}'),
      status: 400,
      says: /event/,
    },
    {
      what: 'a file id with a slash',
      path: '/zoomWebhook',
      init: zoomDelivery(recordingOf({ uuid: 'u', id: 1, recording_files: [{ ...ZOOM_FILE, id: '../x' }] })),
      status: 400,
      says: /id/,
    },
    {
      what: 'a file URL that is not http',
      path: '/zoomWebhook',
      init: zoomDelivery(
        recordingOf({ uuid: 'u', id: 1, recording_files: [{ ...ZOOM_FILE, download_url: 'file:///x' }] }),
      ),
      status: 400,
      says: /download_url/,
    },
    {
      what: 'a meeting id __proto__',
      path: '/zoomWebhook',
      init: zoomDelivery(recordingOf({ uuid: 'u', id: '__proto__', recording_files: [ZOOM_FILE] })),
      status: 400,
      says: /id/,
    },
    {
      what: '10 000 files',
      path: '/zoomWebhook',
      init: zoomDelivery(recordingOf({ uuid: 'u', id: 1, recording_files: Array(10_000).fill(ZOOM_FILE) })),
      status: 413,
    },
    {
      what: 'an unknown meeting',
      path: '/zoomWebhook',
      init: zoomDelivery(recordingOf({ uuid: 'u', id: 1, recording_files: [ZOOM_FILE] })),
      status: 200,
    },
  ],
  // The course repository's push webhook: the signature first (401), then the payload; nothing here is a push
  // of the configured branch, so nothing is recorded or queued.
  githubWebhook: () => [
    { what: 'a GET', path: '/githubWebhook', status: 405 },
    { what: 'a query', path: '/githubWebhook?x=1', init: githubDelivery(push()), status: 400, says: /x/ },
    { what: 'an 11 MB body', path: '/githubWebhook', init: { method: 'POST', body: big(11 * MB) }, status: 413 },
    {
      what: 'no signature',
      path: '/githubWebhook',
      init: githubDelivery(push(), { 'x-hub-signature-256': '' }),
      status: 401,
    },
    {
      what: 'a signature with another secret',
      path: '/githubWebhook',
      init: githubDelivery(push(), { 'x-hub-signature-256': gitHubSignature('guess', push()) }),
      status: 401,
    },
    {
      what: 'a sha1 signature only',
      path: '/githubWebhook',
      init: githubDelivery(push(), { 'x-hub-signature-256': '', 'x-hub-signature': `sha1=${'0'.repeat(40)}` }),
      status: 401,
    },
    {
      what: 'deep JSON without a signature',
      path: '/githubWebhook',
      init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(nested(500)) },
      status: 401,
    },
    {
      what: 'no delivery id',
      path: '/githubWebhook',
      init: githubDelivery(push(), { 'x-github-delivery': '' }),
      status: 400,
    },
    {
      what: 'a delivery id with a slash',
      path: '/githubWebhook',
      init: githubDelivery(push(), { 'x-github-delivery': '../x' }),
      status: 400,
    },
    { what: 'signed, not JSON', path: '/githubWebhook', init: githubDelivery('{"ref"'), status: 400 },
    {
      what: 'signed deep JSON',
      path: '/githubWebhook',
      init: githubDelivery(JSON.stringify(nested(500))),
      status: 400,
    },
    {
      what: 'after not a sha',
      path: '/githubWebhook',
      init: githubDelivery(push({ after: '../x' })),
      status: 400,
      says: /after/,
    },
    {
      what: 'a ping',
      path: '/githubWebhook',
      init: githubDelivery('{"zen":"x"}', { 'x-github-event': 'ping' }),
      status: 200,
    },
    {
      what: 'an issues event',
      path: '/githubWebhook',
      init: githubDelivery('{}', { 'x-github-event': 'issues' }),
      status: 202,
    },
    {
      what: 'another branch',
      path: '/githubWebhook',
      init: githubDelivery(push({ ref: 'refs/heads/draft' })),
      status: 202,
    },
    { what: 'a tag', path: '/githubWebhook', init: githubDelivery(push({ ref: 'refs/tags/main' })), status: 202 },
    {
      what: 'another repository',
      path: '/githubWebhook',
      init: githubDelivery(push({ repo: 'evil/courses' })),
      status: 202,
    },
    { what: 'a deleted branch', path: '/githubWebhook', init: githubDelivery(push({ deleted: true })), status: 202 },
  ],
  // Postmark's bounce webhook: basic auth first (401), then the body (400), before anything is written.
  postmarkWebhook: () => {
    const record = postmarkRecord('HardBounce', 'gone@bounce.test');
    const authed = (body: unknown) => postmarkDelivery(body);
    const row = (what: string, body: unknown, says?: RegExp): HttpRow => ({
      what,
      path: '/postmarkWebhook',
      init: authed(body),
      status: 400,
      says,
    });
    return [
      { what: 'a GET', path: '/postmarkWebhook', status: 405 },
      { what: 'a query', path: '/postmarkWebhook?x=1', init: authed(record), status: 400, says: /x/ },
      { what: 'a 2 MB body', path: '/postmarkWebhook', init: { method: 'POST', body: big(2 * MB) }, status: 413 },
      { what: 'no auth', path: '/postmarkWebhook', init: postmarkDelivery(record, null), status: 401 },
      { what: 'a wrong password', path: '/postmarkWebhook', init: postmarkDelivery(record, 'postmark:x'), status: 401 },
      { what: 'an empty password', path: '/postmarkWebhook', init: postmarkDelivery(record, 'postmark:'), status: 401 },
      {
        what: 'a bearer token',
        path: '/postmarkWebhook',
        init: { ...authed(record), headers: { 'content-type': 'application/json', authorization: 'Bearer x' } },
        status: 401,
      },
      {
        what: 'deep JSON without auth',
        path: '/postmarkWebhook',
        init: postmarkDelivery(JSON.stringify(nested(500)), null),
        status: 401,
      },
      row('not JSON', '{"RecordType"'),
      row('deep JSON', JSON.stringify(nested(500))),
      row('an array of records', [record]),
      row('RecordType Open', { ...record, RecordType: 'Open' }, /RecordType/),
      row('ID as a string', { ...record, ID: '42' }, /ID/),
      row('ID beyond 2^53', `${JSON.stringify(record).slice(0, -1)},"ID":90071992547409930}`, /ID/),
      row('a negative ID', { ...record, ID: -1 }, /ID/),
      row('Type with a slash', { ...record, Type: 'Hard/Bounce' }, /Type/),
      row('Email not an address', { ...record, Email: 'nobody' }, /Email/),
      row('a 100 kB Email', { ...record, Email: `${'a'.repeat(100_000)}@x.test` }, /Email/),
      row('BouncedAt not a time', { ...record, BouncedAt: 'yesterday' }, /BouncedAt/),
      row('a body of only __proto__', JSON.parse('{"__proto__": "x"}') as unknown, /RecordType/),
      row('Metadata with __proto__', { ...record, Metadata: JSON.parse('{"__proto__": "x"}') as unknown }, /Metadata/),
      row(
        '11 metadata fields',
        { ...record, Metadata: Object.fromEntries([...Array(11)].map((_, i) => [`k${i}`, 'v'])) },
        /Metadata/,
      ),
      row('a 200 kB Content', { ...record, Content: 'x'.repeat(200_001) }, /Content/),
    ];
  },
  unsubscribe: () => [
    { what: 'no parameters', path: '/unsubscribe', status: 400, says: /u/ },
    { what: 'u with a slash', path: '/unsubscribe?u=a%2Fb&t=x', status: 400, says: /u:/ },
    { what: 'u = __proto__', path: '/unsubscribe?u=__proto__&t=x', status: 400, says: /u:/ },
    { what: 'u = ..', path: '/unsubscribe?u=..&t=x', status: 400, says: /u:/ },
    { what: 'u twice', path: '/unsubscribe?u=a&u=b&t=x', status: 400, says: /u:/ },
    { what: 'u as an object', path: '/unsubscribe?u[a]=1&t=x', status: 400, says: /u:/ },
    { what: 'a long u', path: `/unsubscribe?u=${big(3000)}&t=x`, status: 400, says: /u:/ },
    { what: 'an unknown key', path: '/unsubscribe?u=a&t=x&admin=1', status: 400, says: /admin/ },
    { what: 'a PUT', path: '/unsubscribe?u=a&t=x', init: { method: 'PUT' }, status: 405 },
    { what: 'u in the form', path: '/unsubscribe', init: form('u=..&t=x'), status: 400, says: /u:/ },
    { what: 'a 2 MB form', path: '/unsubscribe?u=a&t=x', init: form(`from=${big(2 * MB)}`), status: 413 },
    {
      what: 'an odd form field',
      path: '/unsubscribe?u=a&t=x',
      init: form('from=elsewhere'),
      status: 400,
      says: /from/,
    },
  ],
  confirmSubscription: () => [
    { what: 'no parameters', path: '/confirmSubscription', status: 400, says: /s:/ },
    { what: 's not a signup id', path: '/confirmSubscription?s=..&t=x', status: 400, says: /s:/ },
    { what: 's with a slash', path: `/confirmSubscription?s=${HEX.slice(1)}%2F&t=x`, status: 400, says: /s:/ },
    { what: 't twice', path: `/confirmSubscription?s=${HEX}&t=a&t=b`, status: 400, says: /t:/ },
    { what: 'an unknown key', path: `/confirmSubscription?s=${HEX}&t=x&uid=1`, status: 400, says: /uid/ },
    { what: 'a DELETE', path: `/confirmSubscription?s=${HEX}&t=x`, init: { method: 'DELETE' }, status: 405 },
    { what: 'a 2 MB form', path: `/confirmSubscription?s=${HEX}&t=x`, init: form(`x=${big(2 * MB)}`), status: 413 },
    // Well-formed but unknown: the friendly "not valid" page, as before, and nothing created.
    { what: 'an unknown signup', path: `/confirmSubscription?s=${HEX}&t=x`, init: { method: 'POST' }, status: 303 },
  ],
  media: () => [
    { what: 'a climbing path', path: `/media/media%2F..%2F..%2Fetc%2Fpasswd${SIG}`, status: 400, says: /path/ },
    { what: 'the signing key', path: `/media/.signing-key${SIG}`, status: 400, says: /path/ },
    { what: 'a hidden file', path: `/media/media/.signing-key${SIG}`, status: 400, says: /path/ },
    // The emulator's router refuses this one itself (400) before our handler; ours names the path.
    { what: 'a broken escape', path: `/media/media/%E0%A4%A${SIG}`, status: 400 },
    { what: 'outside media/', path: `/media/other/a.csv${SIG}`, status: 400, says: /path/ },
    { what: 'no signature', path: '/media/media/a.csv', status: 400, says: /expires|sig/ },
    { what: 'expires twice', path: '/media/media/a.csv?expires=1&expires=2&sig=0', status: 400, says: /expires/ },
    { what: 'an unknown key', path: `/media/media/a.csv${SIG}&x=1`, status: 400, says: /x/ },
    { what: 'a POST', path: `/media/media/a.csv${SIG}`, init: { method: 'POST', body: 'x' }, status: 405 },
    { what: 'a forged signature', path: `/media/media/a.csv${SIG}`, status: 403 },
  ],
  // Admin CSV exports: the query first (400), then who asks (401 without a valid token, 403 for a member).
  exportCsv: () => {
    const as = (token: string): RequestInit => ({ headers: { authorization: `Bearer ${token}` } });
    const row = (what: string, query: string, says: RegExp): HttpRow => ({
      what,
      path: `/exportCsv?${query}`,
      init: as(admin.idToken),
      status: 400,
      says,
    });
    return [
      row('no kind', '', /kind/),
      row('an unknown kind', 'kind=secrets', /kind/),
      row('kind __proto__', 'kind=__proto__', /kind/),
      row('kind twice', 'kind=members&kind=events', /kind/),
      row('kind as an object', 'kind[x]=members', /kind/),
      row('an unknown key', 'kind=members&limit=5', /limit/),
      row('a 3000-character kind', `kind=${big(3000)}`, /kind/),
      { what: 'a POST', path: '/exportCsv?kind=members', init: { method: 'POST', body: 'x' }, status: 405 },
      { what: 'a visitor', path: '/exportCsv?kind=members', status: 401 },
      { what: 'a garbage token', path: '/exportCsv?kind=members', init: as('garbage'), status: 401 },
      { what: 'a member', path: '/exportCsv?kind=members', init: as(member.idToken), status: 403 },
      { what: 'the admin (reads only)', path: '/exportCsv?kind=members', init: as(admin.idToken), status: 200 },
    ];
  },
  uploadMedia: () => {
    const upload = (body: BodyInit = 'a,b\n'): RequestInit => ({
      method: 'POST',
      headers: { authorization: `Bearer ${admin.idToken}`, 'content-type': 'text/csv' },
      body,
    });
    const named = (what: string, query: string): HttpRow => ({
      what,
      path: `/uploadMedia?${query}`,
      init: upload(),
      status: 400,
      says: /name/,
    });
    return [
      named('name = ..', 'name=..'),
      named('name = .', 'name=.'),
      named('a slash', 'name=a%2Fb.csv'),
      named('a backslash', 'name=a%5Cb.csv'),
      named('a control character', 'name=a%00b.csv'),
      named('a leading dot', 'name=.hidden'),
      named('a 300-character name', `name=${big(300)}`),
      named('no name', ''),
      named('name twice', 'name=a.csv&name=b.csv'),
      named('name as an object', 'name[x]=a.csv'),
      { what: 'an unknown key', path: '/uploadMedia?name=a.csv&path=x', init: upload(), status: 400, says: /path/ },
      { what: 'a GET', path: '/uploadMedia?name=a.csv', status: 405 },
      {
        what: 'a 31 MB body',
        path: '/uploadMedia?name=a.csv',
        init: upload(new Blob([new Uint8Array(31 * MB)])),
        status: 413,
      },
      {
        what: 'a visitor with a bad name',
        path: '/uploadMedia?name=..',
        init: { method: 'POST', body: 'x' },
        status: 400,
      },
    ];
  },
};

/** Every document in Firestore, by path (recursively, subcollections included). */
async function firestoreState(): Promise<Record<string, unknown>> {
  const state: Record<string, unknown> = {};
  const walk = async (collections: CollectionReference[]): Promise<void> => {
    for (const collection of collections) {
      for (const ref of await collection.listDocuments()) {
        const snap = await ref.get();
        if (snap.exists) state[ref.path] = snap.data();
        await walk(await ref.listCollections());
      }
    }
  };
  await walk(await db.listCollections());
  return JSON.parse(JSON.stringify(state)) as Record<string, unknown>;
}

/** Every file under the functions' media folder. */
function mediaFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      // The twin's own signing key appears on its first signed URL: state of the twin, not a media file.
      else if (full !== join(MEDIA_DIR, SIGNING_KEY_FILE)) files.push(relative(MEDIA_DIR, full));
    }
  };
  try {
    walk(MEDIA_DIR);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return files.sort();
}

/** Which exports of index.ts are callables and which are HTTP functions. */
function endpointsOf(kind: 'callableTrigger' | 'httpsTrigger'): string[] {
  return Object.entries(entryPoints)
    .filter(([, fn]) => kind in ((fn as { __endpoint?: object }).__endpoint ?? {}))
    .map(([name]) => name)
    .sort();
}

beforeAll(async () => {
  await clearEmulators();
  admin = await createMember('admin@demo.test', { admin: true });
  member = await createMember('member@example.com');
});

describe('every entry point has rows', () => {
  it('every callable of index.ts', () => {
    expect(endpointsOf('callableTrigger')).toEqual(Object.keys(CALLABLE_ROWS).sort());
  });

  it('every HTTP function of index.ts', () => {
    expect(endpointsOf('httpsTrigger')).toEqual(Object.keys(HTTP_ROWS).sort());
  });
});

describe.each(Object.keys(CALLABLE_ROWS) as CallableName[])('callable %s', (name) => {
  it('refuses hostile input by field, never internal, and changes nothing', async () => {
    const before = await firestoreState();
    const files = mediaFiles();
    const visitor = VISITOR_CALLABLES.includes(name);
    const failures: string[] = [];
    for (const row of CALLABLE_ROWS[name]()) {
      const callers = visitor
        ? [['admin', admin.idToken] as const, ['visitor', undefined] as const]
        : [['admin', admin.idToken] as const];
      for (const [who, token] of callers) {
        const res = await callFunction(name, row.data, token);
        const status = res.error?.status ?? `answered ${res.status}`;
        const message = res.error?.message ?? '';
        if (status !== row.status || (row.says && !row.says.test(message))) {
          failures.push(`${who}, ${row.what}: ${status} "${message.slice(0, 200)}"`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await firestoreState()).toEqual(before);
    expect(mediaFiles()).toEqual(files);
  });
});

describe.each(Object.keys(HTTP_ROWS))('HTTP function %s', (name) => {
  it('refuses hostile requests with 4xx naming the field, never 500, and changes nothing', async () => {
    const before = await firestoreState();
    const files = mediaFiles();
    const failures: string[] = [];
    for (const row of HTTP_ROWS[name]!()) {
      const res = await fetch(`${FUNCTIONS}${row.path}`, { redirect: 'manual', ...row.init });
      const text = await res.text();
      if (res.status !== row.status || (row.says && !row.says.test(text))) {
        failures.push(`${row.what}: ${res.status} ${text.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await firestoreState()).toEqual(before);
    expect(mediaFiles()).toEqual(files);
  });
});

describe('uploadMedia after hostile names', () => {
  it('still stores a file with a plain name (a name never turned a folder into a file)', async () => {
    const res = await fetch(`${FUNCTIONS}/uploadMedia?name=${encodeURIComponent('my notes.csv')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.idToken}`, 'content-type': 'text/csv' },
      body: 'a,b\n',
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { path: string }).path).toMatch(/^media\/materials\/[0-9a-f-]+\/my-notes\.csv$/);
  });
});
