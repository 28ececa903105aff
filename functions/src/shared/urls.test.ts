import { describe, expect, it } from 'vitest';
import { httpsUrl } from './urls';

describe('httpsUrl', () => {
  it('keeps absolute https URLs, trimmed and normalised', () => {
    expect(httpsUrl(' https://t.me/commons_demo ')).toBe('https://t.me/commons_demo');
    expect(httpsUrl('HTTPS://Join.Slack.com/t/x')).toBe('https://join.slack.com/t/x');
  });

  it.each([
    'http://t.me/commons_demo',
    'javascript:alert(1)',
    '/pricing',
    '//t.me/x',
    'https://',
    'https://exa mple.com',
    '',
  ])('refuses %j', (value) => expect(httpsUrl(value)).toBeNull());
});
