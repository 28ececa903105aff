// Course repositories as the format parser reads them (`RepoFile[]`), for tests and the bench: `repoFiles` turns a
// `{path: text}` map into files, `generateCourseRepo` writes a large valid repository (the bench's 50 courses of
// 40 units) in the format the README documents, deterministic for a given size.
import type { RepoFile } from '../shared/courses';

/** `{path: text}` as repository files; null is an asset of `assetSize` bytes. */
export function repoFiles(files: Record<string, string | null>, assetSize = 1_000): RepoFile[] {
  return Object.entries(files).map(([path, text]) => ({
    path,
    text,
    size: text === null ? assetSize : Buffer.byteLength(text),
  }));
}

export interface GeneratedRepoSize {
  courses: number;
  modulesPerCourse: number;
  unitsPerModule: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A valid repository of `courses` premium courses, each with one cohort and a homework per module. */
export function generateCourseRepo(
  size: GeneratedRepoSize = { courses: 50, modulesPerCourse: 4, unitsPerModule: 10 },
): Record<string, string | null> {
  const files: Record<string, string | null> = {};
  for (let c = 1; c <= size.courses; c++) {
    const slug = `course-${pad(c)}`;
    const deadlines = Array.from(
      { length: size.modulesPerCourse },
      (_, m) => `      hw-${m + 1}: 2027-0${1 + (m % 9)}-20T18:00:00Z`,
    ).join('\n');
    files[`${slug}/course.yaml`] = `title: Generated course ${c}
summary: A generated course for benchmarks and tests.
instructors:
  - name: Ada Lovelace
access: premium
cohorts:
  - id: spring
    title: Spring
    enrollment_opens: 2026-10-01T00:00:00Z
    enrollment_closes: 2027-01-01T00:00:00Z
    start: 2027-01-01T00:00:00Z
    end: 2027-12-31T00:00:00Z
    deadlines:
${deadlines}
`;
    for (let m = 1; m <= size.modulesPerCourse; m++) {
      const dir = `${slug}/${pad(m)}-module-${m}`;
      for (let u = 1; u <= size.unitsPerModule; u++) {
        files[`${dir}/${pad(u)}-unit-${u}.md`] = `---
id: m${m}-u${u}
title: Unit ${u} of module ${m}
video: youtube:aqz-KE-bpKQ
available_after_days: ${m * 7 - 7}
---

# Unit ${u}

Some **markdown** for unit ${u} of module ${m} in course ${c}: a paragraph, a list and code.

- one
- two

\`\`\`sql
select ${u} as unit;
\`\`\`
`;
      }
      files[`${dir}/module-${m}.homework.yaml`] = `id: hw-${m}
title: Homework ${m}
questions:
  - id: q1
    type: choice
    text: Pick the first
    options: [first, second]
    answer: 0
    points: 1
  - id: q2
    type: number
    text: Half of three?
    answer: 1.5
    tolerance: 0.01
    points: 2
learning_in_public:
  points_per_link: 1
  max_links: 2
`;
    }
  }
  return files;
}
