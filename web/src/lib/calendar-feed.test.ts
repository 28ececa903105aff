import { describe, expect, it } from 'vitest';
import { googleSubscribeUrl, webcalUrl } from './calendar-feed';

describe('calendar feed links', () => {
  const feed = 'https://commons.example/ics/member/dWlk.1.v1.abc.ics';

  it('turns the feed into a webcal:// subscription', () => {
    expect(webcalUrl(feed)).toBe('webcal://commons.example/ics/member/dWlk.1.v1.abc.ics');
    expect(webcalUrl('http://127.0.0.1:4173/ics/member/x.ics')).toBe('webcal://127.0.0.1:4173/ics/member/x.ics');
  });

  it('builds Google Calendar’s subscribe link with the webcal URL as cid', () => {
    const url = new URL(googleSubscribeUrl(feed));
    expect(url.origin + url.pathname).toBe('https://calendar.google.com/calendar/r');
    expect(url.searchParams.get('cid')).toBe('webcal://commons.example/ics/member/dWlk.1.v1.abc.ics');
  });
});
