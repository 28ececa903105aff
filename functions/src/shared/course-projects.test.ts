import { describe, expect, it } from 'vitest';
import { displayName, repoUrlProblem, submitProjectSchema } from './course-projects';

describe('repoUrlProblem', () => {
  it.each([
    ['https://github.com/ada/pipeline', null],
    ['https://gitlab.com/group/sub/project', null],
    ['https://bitbucket.org/ada/etl', null],
    ['https://git.example.org/ada/warehouse.git', null],
    ['http://github.com/ada/pipeline', 'must start with https://'],
    ['git@github.com:ada/pipeline.git', 'must be a URL'],
    ['https://github.com/ada', 'must name a repository (https://host/owner/name)'],
    ['https://x:y@github.com/ada/p', 'must not hold credentials'],
    ['https://github.com/ada/p?tab=1', 'must not have a query or fragment'],
    ['javascript:alert(1)', 'must start with https://'],
  ])('%s → %s', (url, problem) => {
    expect(repoUrlProblem(url)).toBe(problem);
  });
});

describe('submitProjectSchema', () => {
  const base = { courseId: 'c', repoUrl: 'https://github.com/a/b', commit: 'A'.repeat(40) };
  it('keeps the commit in lower case', () => {
    expect(submitProjectSchema.parse(base).commit).toBe('a'.repeat(40));
  });
  it.each(['abc', 'g'.repeat(40), 'a'.repeat(41), 'main'])('refuses commit %s', (commit) => {
    const res = submitProjectSchema.safeParse({ ...base, commit });
    expect(res.success).toBe(false);
    expect(res.error?.issues[0]?.path).toEqual(['commit']);
  });
});

describe('displayName', () => {
  it.each([
    ['Ada L.', true],
    ["O'Brien-Smith", true],
    ['Мария', true],
    ['A', false],
    ['<b>x</b>', false],
    [' leading', true], // trimmed first
    ['a'.repeat(41), false],
    ['Ada\u0000', false],
  ])('%s → %s', (name, ok) => {
    expect(displayName.safeParse(name).success).toBe(ok);
  });
});
