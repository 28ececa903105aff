import { describe, expect, it } from 'vitest';
import { appHost, feedRequest } from './calendar-feed';

describe('feedRequest', () => {
  it.each([
    ['/ics/public.ics', { kind: 'public' }],
    ['/ics/event/ev1.ics', { kind: 'event', id: 'ev1' }],
    ['/ics/event/a%20b.ics', { kind: 'event', id: 'a b' }],
    ['/ics/member/dWlk.0.v1.abc.ics', { kind: 'member', token: 'dWlk.0.v1.abc' }],
  ])('reads %s', (path, expected) => {
    expect(feedRequest(path)).toEqual(expected);
  });

  it.each([
    '/ics/',
    '/ics/public.ics/x',
    '/ics/event/.ics',
    '/ics/event/__proto__.ics',
    '/ics/event/..%2Fx.ics',
    '/ics/event/%E0%A4%A.ics',
    '/ics/event/a%00b.ics',
    '/ics/event/a/b.ics',
    '/ics/member/a%2Fb.ics',
    '/ics/member/.ics',
    '/other',
  ])('names no file for %s', (path) => {
    expect(feedRequest(path)).toBeNull();
  });
});

describe('appHost', () => {
  it('is the host of the app URL, port included', () => {
    expect(appHost('https://commons.example')).toBe('commons.example');
    expect(appHost('http://127.0.0.1:5173')).toBe('127.0.0.1:5173');
    expect(appHost('')).toBe('commons.invalid');
  });
});
