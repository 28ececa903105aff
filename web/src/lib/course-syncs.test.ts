import { describe, expect, it } from 'vitest';
import { courseSyncRow, problemText } from './course-syncs';

describe('courseSyncRow', () => {
  it('shows a failed report with each problem as file:line', () => {
    const row = courseSyncRow('s1', {
      source: 'github',
      commit: 'abcdef0123456789abcdef0123456789abcdef01',
      status: 'failed',
      added: [],
      changed: [],
      archived: [],
      errors: [
        { path: 'data-eng/01-basics/01-welcome.md', line: 3, message: 'id is missing' },
        { path: 'data-eng/course.yaml', line: 0, message: 'unreadable' },
        { path: '', line: 0, message: 'GitHub 401' },
      ],
      writes: 0,
    });
    expect(row).toMatchObject({ status: 'failed', commit: 'abcdef012345', writes: 0 });
    expect(row.errors).toEqual([
      'data-eng/01-basics/01-welcome.md:3: id is missing',
      'data-eng/course.yaml: unreadable',
      '(sync): GitHub 401',
    ]);
  });

  it('reads an unexpected document without throwing', () => {
    expect(courseSyncRow('x', { status: 'weird', added: 'no', errors: [null] })).toMatchObject({
      status: 'unknown',
      source: 'unknown',
      added: [],
      errors: ['(sync): '],
      startedAt: null,
    });
    expect(problemText(undefined)).toBe('(sync): ');
  });
});
