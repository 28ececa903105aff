import { describe, expect, it } from 'vitest';
import { isSafeReturnPath, returnPath, safeReturnPath } from './return-path';

describe('isSafeReturnPath', () => {
  it.each([
    ['/', true],
    ['/materials/abc', true],
    ['/pricing?plan=main&interval=monthly&checkout=start', true],
    ['/courses/intro#unit-2', true],
    ['/materials/a%20b', true],
    ['', false],
    ['materials/abc', false],
    ['//evil.example', false],
    ['/\\evil.example', false],
    ['/foo//bar', false],
    ['https://evil.example/', false],
    ['javascript:alert(1)', false],
    ['/%2F%2Fevil.example', false],
    ['/%5cevil.example', false],
    ['/\t/evil.example', false],
    ['/a b', false],
    ['/a\nb', false],
    [`/${'a'.repeat(1000)}`, false],
    [42, false],
    [null, false],
    [['/a'], false],
  ])('%j → %s', (value, safe) => {
    expect(isSafeReturnPath(value)).toBe(safe);
  });

  it('falls back for an unsafe path', () => {
    expect(safeReturnPath('//evil.example', '/account')).toBe('/account');
    expect(safeReturnPath('/events/x', '/account')).toBe('/events/x');
  });

  it('the zod field names the problem', () => {
    const result = returnPath.safeParse('https://evil.example');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/path in the app/);
  });
});
