import { describe, expect, it } from 'vitest';
import type { FormatProblem, RepoFile } from '../../shared/courses';
import { DEFAULT_TIERS } from '../../shared/defaults';
import { accessLevels } from '../../shared/tiers';
import { parseCourseRepo } from './parse-course-repo';
import { FORMAT_LIMITS } from './repo-files';

// A small valid repository; each row below breaks one thing and names the exact problems (file, line, message).
const BASE: Record<string, string | null> = {
  'c/course.yaml': `title: Course
summary: A course.
instructors:
  - name: Ada
access: premium
project:
  title: P
  description: Build it.
  reviews_required: 2
  points_per_review: 1
  pass_score: 2
  criteria:
    - id: works
      title: Works
      max_points: 3
cohorts:
  - id: spring
    title: Spring
    enrollment_opens: 2027-01-01T00:00:00Z
    enrollment_closes: 2027-02-01T00:00:00Z
    start: 2027-02-01T00:00:00Z
    end: 2027-04-01T00:00:00Z
    deadlines:
      hw: 2027-03-01T00:00:00Z
    sessions:
      - title: Kick-off
        start: 2027-02-01T18:00:00Z
        end: 2027-02-01T19:00:00Z
`,
  'c/cover.png': null,
  'c/01-basics/01-intro.md': `---
id: intro
title: Intro
video: youtube:aqz-KE-bpKQ
attachments:
  - title: Data
    file: data.csv
---
Body
`,
  'c/01-basics/data.csv': null,
  'c/01-basics/hw.homework.yaml': `id: hw
title: Homework
questions:
  - id: q1
    type: choice
    text: Pick
    options: [a, b]
    answer: 1
    points: 1
`,
};
const LEVELS = accessLevels(DEFAULT_TIERS);

type Change = Record<string, string | null | undefined | [string, string] | RepoFile>;

/** BASE with changes: text replaces a file, [from, to] edits one, undefined removes it, a RepoFile is as given. */
function repo(change: Change = {}): RepoFile[] {
  const files = new Map<string, RepoFile>();
  for (const [path, text] of Object.entries(BASE)) files.set(path, { path, text, size: text?.length ?? 10 });
  for (const [path, value] of Object.entries(change)) {
    if (value === undefined) files.delete(path);
    else if (Array.isArray(value)) {
      const before = files.get(path)!.text!;
      if (!before.includes(value[0])) throw new Error(`${path} has no ${value[0]}`);
      const text = before.replace(value[0], value[1]);
      files.set(path, { path, text, size: text.length });
    } else if (value !== null && typeof value === 'object') files.set(path, value);
    else files.set(path, { path, text: value, size: value?.length ?? 10 });
  }
  return [...files.values()];
}

const problemsOf = (files: RepoFile[]): FormatProblem[] => {
  const result = parseCourseRepo(files, LEVELS);
  return result.ok ? [] : result.problems;
};

const COURSE = 'c/course.yaml';
const UNIT = 'c/01-basics/01-intro.md';
const HW = 'c/01-basics/hw.homework.yaml';
const p = (path: string, line: number, message: string) => ({ path, line, message });

describe('parseCourseRepo', () => {
  it('accepts the base repository', () => {
    const result = parseCourseRepo(repo(), LEVELS);
    expect(result).toMatchObject({ ok: true, courses: [{ slug: 'c', modules: [{ id: 'basics', title: 'Basics' }] }] });
  });

  const rows: { name: string; change: Change; problems: ReturnType<typeof p>[] }[] = [
    // YAML itself
    {
      name: 'YAML syntax error with its line',
      change: { [HW]: ['title: Homework', 'title: Homework: again'] },
      problems: [p(HW, 2, 'YAML syntax: Nested mappings are not allowed in compact mappings')],
    },
    {
      name: 'duplicate YAML key',
      change: { [COURSE]: ['access: premium', 'access: premium\ntitle: Again'] },
      problems: [p(COURSE, 6, 'YAML syntax: Map keys must be unique')],
    },
    {
      name: 'syntax error in front matter, counted from the file top',
      change: { [UNIT]: ['title: Intro', 'title: Intro: again'] },
      problems: [p(UNIT, 3, 'YAML syntax: Nested mappings are not allowed in compact mappings')],
    },
    {
      name: 'front matter missing',
      change: { [UNIT]: '# Intro\n\nNo front matter.\n' },
      problems: [p(UNIT, 1, 'front matter missing')],
    },
    {
      name: 'front matter not closed',
      change: { [UNIT]: '---\nid: intro\ntitle: Intro\n# Body\n' },
      problems: [p(UNIT, 1, 'front matter not closed')],
    },
    {
      name: 'a file that is not a mapping',
      change: { [HW]: '- just\n- a list\n' },
      problems: [p(HW, 1, 'must be a mapping of keys, not a list')],
    },
    // required fields, types, unknown keys
    {
      name: 'required field missing (at the mapping that lacks it)',
      change: { [UNIT]: ['title: Intro\n', ''] },
      problems: [p(UNIT, 2, '`title` is required')],
    },
    {
      name: 'required front matter id missing',
      change: { [UNIT]: ['id: intro\n', ''] },
      problems: [p(UNIT, 2, '`id` is required')],
    },
    {
      name: 'wrong type',
      change: { [HW]: ['points: 1', 'points: many'] },
      problems: [p(HW, 9, 'questions[0].points: must be a number, not text "many"')],
    },
    {
      name: 'number where a whole number is needed',
      change: { [COURSE]: ['max_points: 3', 'max_points: 2.5'] },
      problems: [p(COURSE, 15, 'project.criteria[0].max_points: must be a whole number')],
    },
    {
      name: 'unknown key with a suggestion',
      change: { [UNIT]: ['title: Intro', 'title: Intro\npreveiw: true'] },
      problems: [p(UNIT, 4, 'unknown key `preveiw` (did you mean `preview`?)')],
    },
    {
      name: 'unknown key in a cohort, without a near match',
      change: { [COURSE]: ['    title: Spring', '    title: Spring\n    zoom_link: x'] },
      problems: [p(COURSE, 19, 'cohorts[0]: unknown key `zoom_link`')],
    },
    {
      name: 'empty text',
      change: { [COURSE]: ['summary: A course.', 'summary: ""'] },
      problems: [p(COURSE, 2, 'summary: must not be empty')],
    },
    {
      name: 'negative drip',
      change: { [UNIT]: ['title: Intro', 'title: Intro\navailable_after_days: -1'] },
      problems: [p(UNIT, 4, 'available_after_days: must be at least 0')],
    },
    // ids
    {
      name: 'id pattern',
      change: { [UNIT]: ['id: intro', 'id: Intro_1'] },
      problems: [p(UNIT, 2, 'id: must be lowercase letters, digits and single dashes')],
    },
    {
      name: 'duplicate unit id across modules',
      change: { 'c/02-more/01-again.md': '---\ntitle: Again\nid: intro\n---\n' },
      problems: [p('c/02-more/01-again.md', 3, 'id: unit id `intro` is also used by c/01-basics/01-intro.md:2')],
    },
    {
      name: 'duplicate homework id',
      change: { 'c/02-more/more.homework.yaml': BASE[HW]! },
      problems: [
        p('c/02-more/more.homework.yaml', 1, 'id: homework id `hw` is also used by c/01-basics/hw.homework.yaml:1'),
      ],
    },
    {
      name: 'homework id `project` is reserved',
      change: { [HW]: ['id: hw', 'id: project'], [COURSE]: ['      hw: 2027', '      project: 2027'] },
      problems: [p(HW, 1, 'id: `project` is reserved')],
    },
    {
      name: 'duplicate question id',
      change: { [HW]: BASE[HW] + '  - id: q1\n    type: integer\n    text: Count\n    answer: 3\n    points: 1\n' },
      problems: [p(HW, 10, 'questions[1].id: question id `q1` is also used by line 4')],
    },
    {
      name: 'duplicate module id',
      change: { 'c/02-more/module.yaml': 'id: basics\n', 'c/02-more/01-x.md': '---\nid: x\ntitle: X\n---\n' },
      problems: [p('c/02-more/module.yaml', 1, 'module id `basics` is also used by c/01-basics/')],
    },
    {
      name: 'module id from a folder name that is no id',
      change: { 'c/02-More_Stuff/01-x.md': '---\nid: x\ntitle: X\n---\n' },
      problems: [p('c/02-More_Stuff/', 0, 'the module id is the folder name after its number, `More_Stuff`')],
    },
    {
      name: 'duplicate cohort id',
      change: {
        [COURSE]:
          BASE[COURSE]! +
          '  - id: spring\n    title: Again\n    enrollment_opens: 2027-01-01T00:00:00Z\n    enrollment_closes: 2027-02-01T00:00:00Z\n    start: 2027-02-01T00:00:00Z\n    end: 2027-04-01T00:00:00Z\n',
      },
      problems: [p(COURSE, 29, 'cohorts[1].id: cohort id `spring` is used twice')],
    },
    {
      name: 'duplicate criterion id',
      change: {
        [COURSE]: [
          '      max_points: 3\n',
          '      max_points: 3\n    - id: works\n      title: Again\n      max_points: 1\n',
        ],
      },
      problems: [p(COURSE, 16, 'project.criteria[1].id: `works` is used twice')],
    },
    {
      name: 'course folder name is the slug and must be an id',
      change: Object.fromEntries(
        Object.keys(BASE).flatMap((path) => [
          [path, undefined],
          [path.replace(/^c\//, 'My Course/'), BASE[path]],
        ]),
      ),
      problems: [p('My Course/course.yaml', 0, "the folder name `My Course` is the course's slug")],
    },
    {
      name: 'a slug key that disagrees with the folder',
      change: { [COURSE]: ['title: Course', 'slug: other\ntitle: Course'] },
      problems: [p(COURSE, 1, 'slug: the slug is the folder name `c`')],
    },
    // access, kind, points
    {
      name: 'access that is no plan',
      change: { [COURSE]: ['access: premium', 'access: gold'] },
      problems: [
        p(COURSE, 5, 'access: `gold` is no plan here; use one of `public`, `free`, `basic`, `main`, `premium`'),
      ],
    },
    {
      name: 'kind',
      change: { [COURSE]: ['access: premium', 'access: premium\nkind: workshop'] },
      problems: [p(COURSE, 6, 'kind: must be one of `course`, `mini`, not text "workshop"')],
    },
    {
      name: 'pass_points above what the course can give',
      change: { [COURSE]: ['access: premium', 'access: premium\npass_points: 99'] },
      problems: [p(COURSE, 6, 'pass_points: 99 is more than the 6 points')],
    },
    {
      name: 'project pass_score above the criteria',
      change: { [COURSE]: ['pass_score: 2', 'pass_score: 4'] },
      problems: [p(COURSE, 11, 'project.pass_score: 4 is more than the 3 points the criteria can give')],
    },
    // dates
    {
      name: 'a date that is not an ISO instant',
      change: { [COURSE]: ['start: 2027-02-01T00:00:00Z', 'start: next monday'] },
      problems: [p(COURSE, 21, 'cohorts[0].start: must be a date and time with a zone')],
    },
    {
      name: 'a date without a zone',
      change: { [COURSE]: ['end: 2027-04-01T00:00:00Z', 'end: 2027-04-01T00:00'] },
      problems: [p(COURSE, 22, 'cohorts[0].end: must be a date and time with a zone')],
    },
    {
      name: 'an impossible day',
      change: { [COURSE]: ['end: 2027-04-01T00:00:00Z', 'end: 2027-02-30T00:00:00Z'] },
      problems: [p(COURSE, 22, 'cohorts[0].end: must be a date and time with a zone')],
    },
    {
      name: 'end before start',
      change: { [COURSE]: ['end: 2027-04-01T00:00:00Z', 'end: 2027-01-15T00:00:00Z'] },
      problems: [
        p(COURSE, 20, 'cohorts[0].enrollment_closes: must be on or before end'),
        p(COURSE, 22, 'cohorts[0].end: must be after start'),
        p(COURSE, 27, 'cohorts[0].sessions.0.start: must be before the cohort ends'),
      ],
    },
    {
      name: 'enrollment closing before it opens',
      change: { [COURSE]: ['enrollment_closes: 2027-02-01T00:00:00Z', 'enrollment_closes: 2026-12-01T00:00:00Z'] },
      problems: [p(COURSE, 20, 'cohorts[0].enrollment_closes: must be after enrollment_opens')],
    },
    {
      name: 'enrollment opening after the start',
      change: { [COURSE]: ['enrollment_opens: 2027-01-01T00:00:00Z', 'enrollment_opens: 2027-02-01T00:00:01Z'] },
      problems: [
        p(COURSE, 19, 'cohorts[0].enrollment_opens: must be on or before start'),
        p(COURSE, 20, 'cohorts[0].enrollment_closes: must be after enrollment_opens'),
      ],
    },
    {
      name: 'a session ending before it starts',
      change: { [COURSE]: ['end: 2027-02-01T19:00:00Z', 'end: 2027-02-01T17:00:00Z'] },
      problems: [p(COURSE, 28, 'cohorts[0].sessions.0.end: must be after the session starts')],
    },
    {
      name: 'a deadline naming unknown homework',
      change: { [COURSE]: ['      hw: 2027', '      hw2: 2027'] },
      problems: [
        p(COURSE, 24, 'cohorts[0].deadlines.hw2: no homework has the id `hw2`; this course has `hw`, `project`'),
      ],
    },
    {
      name: 'a project deadline without a project',
      change: {
        [COURSE]: BASE[COURSE]!.replace(/^project:\n(  .*\n)+/m, '').replace('      hw: 2027', '      project: 2027'),
      },
      problems: [p(COURSE, 14, 'cohorts[0].deadlines.project: the course has no project')],
    },
    {
      name: 'a deadline before the cohort starts',
      change: { [COURSE]: ['      hw: 2027-03-01T00:00:00Z', '      hw: 2027-01-15T00:00:00Z'] },
      problems: [p(COURSE, 24, 'cohorts[0].deadlines.hw: must be after the cohort starts')],
    },
    // questions
    {
      name: 'choice answer out of range',
      change: { [HW]: ['answer: 1', 'answer: 2'] },
      problems: [
        p(HW, 8, 'questions[0].answer: must be the index of the correct option, 0 to 1 (the first option is 0)'),
      ],
    },
    {
      name: 'choice with one option',
      change: { [HW]: ['options: [a, b]', 'options: [a]'] },
      problems: [p(HW, 7, 'questions[0].options: a choice question needs at least 2 options')],
    },
    {
      name: 'checkboxes with a repeated index',
      change: {
        [HW]: [
          'type: choice\n    text: Pick\n    options: [a, b]\n    answer: 1',
          'type: checkboxes\n    text: Pick\n    options: [a, b]\n    answer: [1, 1]',
        ],
      },
      problems: [p(HW, 8, "questions[0].answer: must be a list of the correct options' indexes, each once, 0 to 1")],
    },
    {
      name: 'number with a negative tolerance',
      change: {
        [HW]: [
          'type: choice\n    text: Pick\n    options: [a, b]\n',
          'type: number\n    text: Pick\n    tolerance: -1\n',
        ],
      },
      problems: [p(HW, 7, 'questions[0].tolerance: must be 0 or more')],
    },
    {
      name: 'integer answer that is not whole',
      change: {
        [HW]: [
          'type: choice\n    text: Pick\n    options: [a, b]\n    answer: 1',
          'type: integer\n    text: Pick\n    answer: 1.5',
        ],
      },
      problems: [p(HW, 7, 'questions[0].answer: must be a whole number')],
    },
    {
      name: 'free text with an answer',
      change: { [HW]: ['type: choice\n    text: Pick\n    options: [a, b]\n', 'type: free\n    text: Pick\n'] },
      problems: [p(HW, 7, 'questions[0].answer: free text is scored by an admin: remove the answer')],
    },
    {
      name: 'exact answer that is not text',
      change: { [HW]: ['type: choice\n    text: Pick\n    options: [a, b]\n', 'type: exact\n    text: Pick\n'] },
      problems: [p(HW, 7, 'questions[0].answer: must be text (quote numbers: "42")')],
    },
    {
      name: 'options on a question type without options',
      change: {
        [HW]: [
          'type: choice\n    text: Pick\n    options: [a, b]\n    answer: 1',
          'type: contains\n    text: Pick\n    options: [a, b]\n    answer: b',
        ],
      },
      problems: [p(HW, 7, 'questions[0].options: only choice and checkboxes questions have options')],
    },
    {
      name: 'tolerance on a question that is no number',
      change: { [HW]: ['    answer: 1\n', '    answer: 1\n    tolerance: 0.5\n'] },
      problems: [p(HW, 9, 'questions[0].tolerance: only number questions have a tolerance')],
    },
    {
      name: 'answer missing',
      change: { [HW]: ['    answer: 1\n', ''] },
      problems: [p(HW, 4, 'questions[0].answer: `answer` is required')],
    },
    {
      name: 'points that are not positive',
      change: { [HW]: ['points: 1', 'points: 0'] },
      problems: [p(HW, 9, 'questions[0].points: must be greater than 0')],
    },
    {
      name: 'an unknown question type',
      change: { [HW]: ['type: choice', 'type: essay'] },
      problems: [
        p(
          HW,
          5,
          'questions[0].type: must be one of `choice`, `checkboxes`, `number`, `integer`, `exact`, `contains`, `free`',
        ),
      ],
    },
    {
      name: 'homework with neither questions nor links',
      change: { [HW]: 'id: hw\ntitle: Homework\n' },
      problems: [p(HW, 1, 'homework needs questions, a learning_in_public section, or both')],
    },
    // referenced files and paths
    {
      name: 'attachment missing from the repository',
      change: { 'c/01-basics/data.csv': undefined },
      problems: [p(UNIT, 7, 'attachments[0].file: the file c/01-basics/data.csv is not in the repository')],
    },
    {
      name: 'video file missing',
      change: { [UNIT]: ['video: youtube:aqz-KE-bpKQ', 'video: media/intro.mp4'] },
      problems: [p(UNIT, 4, 'video: the file c/01-basics/media/intro.mp4 is not in the repository')],
    },
    {
      name: 'cover missing',
      change: { [COURSE]: ['access: premium', 'access: premium\ncover: covers/course.png'] },
      problems: [p(COURSE, 6, 'cover: the file c/covers/course.png is not in the repository')],
    },
    {
      name: 'cover that is no image',
      change: { [COURSE]: ['access: premium', 'access: premium\ncover: cover.svg'] },
      problems: [p(COURSE, 6, 'cover: must be a .png, .jpg, .webp, .gif or .avif image')],
    },
    {
      name: 'path traversal in an attachment',
      change: { [UNIT]: ['file: data.csv', 'file: ../../secrets.csv'] },
      problems: [p(UNIT, 7, 'attachments[0].file: `../../secrets.csv` leaves its folder (`..`)')],
    },
    {
      name: 'an absolute path',
      change: { [UNIT]: ['file: data.csv', 'file: /etc/passwd'] },
      problems: [p(UNIT, 7, 'attachments[0].file: `/etc/passwd` is an absolute path')],
    },
    {
      name: 'a URL where a file is expected',
      change: { [UNIT]: ['file: data.csv', 'file: https://example.com/data.csv'] },
      problems: [p(UNIT, 7, 'attachments[0].file: `https://example.com/data.csv` must be a file in the repository')],
    },
    {
      name: 'a video link from no supported provider',
      change: { [UNIT]: ['video: youtube:aqz-KE-bpKQ', 'video: https://example.com/v.mp4'] },
      problems: [p(UNIT, 4, 'video: `https://example.com/v.mp4` is not a YouTube, Vimeo or Loom video link')],
    },
    {
      name: 'a malformed provider id',
      change: { [UNIT]: ['video: youtube:aqz-KE-bpKQ', 'video: youtube:short'] },
      problems: [p(UNIT, 4, 'video: `short` is not a youtube video id')],
    },
    {
      name: 'a javascript: video',
      change: { [UNIT]: ['video: youtube:aqz-KE-bpKQ', 'video: "javascript:alert(1)"'] },
      problems: [p(UNIT, 4, 'video: `javascript:alert(1)`: a video is youtube:, vimeo:, loom:')],
    },
    {
      name: 'a listed file whose path climbs out',
      change: { 'c/../../etc/passwd.md': 'x' },
      problems: [p('c/../../etc/passwd.md', 0, 'the path holds an empty, `.` or `..` segment')],
    },
    // sizes
    {
      name: 'a markdown file over the size cap',
      change: { [UNIT]: { path: UNIT, text: BASE[UNIT]!, size: FORMAT_LIMITS.maxTextBytes + 1 } },
      problems: [p(UNIT, 0, `is ${FORMAT_LIMITS.maxTextBytes + 1} bytes; a text file may have at most`)],
    },
    {
      name: 'an asset over the size cap',
      change: {
        'c/01-basics/data.csv': { path: 'c/01-basics/data.csv', text: null, size: FORMAT_LIMITS.maxAssetBytes + 1 },
      },
      problems: [p('c/01-basics/data.csv', 0, 'bytes; a file may have at most')],
    },
    {
      name: 'a text file that could not be read',
      change: { [HW]: { path: HW, text: null, size: 10 } },
      problems: [p(HW, 0, 'could not be read as UTF-8 text')],
    },
    {
      name: 'too many files',
      change: Object.fromEntries(
        Array.from({ length: FORMAT_LIMITS.maxFiles }, (_, i) => [`c/01-basics/assets/${i}.bin`, null]),
      ),
      problems: [
        p('.', 0, `the repository has ${FORMAT_LIMITS.maxFiles + 5} files; at most ${FORMAT_LIMITS.maxFiles}`),
      ],
    },
    // layout
    {
      name: 'a top-level folder without course.yaml',
      change: { 'notes/todo.md': 'x' },
      problems: [p('notes/', 0, 'every top-level folder is a course and needs a course.yaml')],
    },
    {
      name: 'course.yml instead of course.yaml',
      change: { [COURSE]: undefined, 'c/course.yml': BASE[COURSE]! },
      problems: [p('c/course.yml', 0, 'name it course.yaml')],
    },
    {
      name: 'a unit without a number',
      change: { 'c/01-basics/outro.md': '---\nid: outro\ntitle: Outro\n---\n' },
      problems: [p('c/01-basics/outro.md', 0, "a unit's file name starts with its number, like 01-outro.md")],
    },
    {
      name: 'two units with the same number',
      change: { 'c/01-basics/01-outro.md': '---\nid: outro\ntitle: Outro\n---\n' },
      problems: [p('c/01-basics/01-outro.md', 0, 'shares the number 1 with 01-intro.md')],
    },
    {
      name: 'a module folder without a number',
      change: { 'c/extras/01-x.md': '---\nid: x\ntitle: X\n---\n' },
      problems: [p('c/extras/', 0, "a module folder's name starts with its number, like 01-extras")],
    },
    {
      name: 'homework outside a module',
      change: { 'c/extra.homework.yaml': BASE[HW]! },
      problems: [p('c/extra.homework.yaml', 0, 'homework belongs in a module folder')],
    },
    {
      name: 'a misnamed homework file',
      change: { 'c/01-basics/quiz.yaml': BASE[HW]! },
      problems: [p('c/01-basics/quiz.yaml', 0, 'unknown YAML file: homework files end in .homework.yaml')],
    },
    {
      name: 'a unit nested below its module',
      change: { 'c/01-basics/more/01-x.md': '---\nid: x\ntitle: X\n---\n' },
      problems: [p('c/01-basics/more/01-x.md', 0, 'units and homework live directly in their module folder')],
    },
  ];

  it.each(rows)('$name', ({ change, problems }) => {
    expect(problemsOf(repo(change))).toEqual(
      problems.map((x) => ({ path: x.path, line: x.line, message: expect.stringContaining(x.message) })),
    );
  });
});
