import { describe, expect, it } from 'vitest';
import { calendarFeedToken, calendarFeedTokenSigned, readCalendarFeedToken } from './calendar-feed';

const SECRETS = '2:new-secret,1:old-secret';

describe('calendar feed tokens', () => {
  it('round-trips uid and version and verifies its signature', () => {
    const token = calendarFeedToken('uid-1', 3, SECRETS);
    expect(token).toMatch(/^[A-Za-z0-9_.-]+$/);
    const parts = readCalendarFeedToken(token);
    expect(parts).toMatchObject({ uid: 'uid-1', version: 3 });
    expect(calendarFeedTokenSigned(parts!, SECRETS)).toBe(true);
  });

  it('refuses another version, another uid or another secret', () => {
    const parts = readCalendarFeedToken(calendarFeedToken('uid-1', 3, SECRETS))!;
    expect(calendarFeedTokenSigned({ ...parts, version: 4 }, SECRETS)).toBe(false);
    expect(calendarFeedTokenSigned({ ...parts, uid: 'uid-2' }, SECRETS)).toBe(false);
    expect(calendarFeedTokenSigned(parts, '3:other')).toBe(false);
  });

  it('keeps tokens signed with an older key valid while that key is listed', () => {
    const old = readCalendarFeedToken(calendarFeedToken('uid-1', 0, '1:old-secret'))!;
    expect(calendarFeedTokenSigned(old, SECRETS)).toBe(true);
    expect(calendarFeedTokenSigned(old, '2:new-secret')).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['no version', 'dWlk.v1.' + 'a'.repeat(43)],
    ['a negative version', 'dWlk.-1.v1.' + 'a'.repeat(43)],
    ['a short signature', 'dWlk.1.v1.abc'],
    ['a slash', 'dW/k.1.v1.' + 'a'.repeat(43)],
    ['a non-canonical uid', 'dWl.1.v1.' + 'a'.repeat(43)],
    ['a huge token', 'a'.repeat(5000)],
  ])('reads nothing from %s', (_what, token) => {
    expect(readCalendarFeedToken(token)).toBeNull();
  });
});
