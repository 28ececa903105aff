import { describe, expect, it } from 'vitest';
import { DEFAULT_TIERS } from '../../shared/defaults';
import { accessLevels } from '../../shared/tiers';
import { generateCourseRepo, repoFiles } from '../../testing/course-repo';
import { parseCourseRepo } from './parse-course-repo';

describe('a generated repository of the bench size', () => {
  it('parses 50 courses of 40 units with no problem, in well under a sync budget', () => {
    const files = repoFiles(generateCourseRepo());
    const started = performance.now();
    const result = parseCourseRepo(files, accessLevels(DEFAULT_TIERS));
    const ms = performance.now() - started;
    if (!result.ok) throw new Error(JSON.stringify(result.problems.slice(0, 5)));
    expect(result.courses).toHaveLength(50);
    expect(result.courses.flatMap((c) => c.modules.flatMap((m) => m.units))).toHaveLength(2_000);
    // Generous for a shared core: it takes about a second on the dev machine (2,250 YAML documents).
    expect(ms).toBeLessThan(10_000);
  });

  it('reports a problem in one file of 2,000 with its line, and only that', () => {
    const files = generateCourseRepo();
    files['course-37/03-module-3/07-unit-7.md'] = files['course-37/03-module-3/07-unit-7.md']!.replace(
      'available_after_days: 14',
      'available_after_days: soon',
    );
    const result = parseCourseRepo(repoFiles(files), accessLevels(DEFAULT_TIERS));
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          path: 'course-37/03-module-3/07-unit-7.md',
          line: 5,
          message: 'available_after_days: must be a number, not text "soon"',
        },
      ],
    });
  });
});
