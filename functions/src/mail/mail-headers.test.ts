import { describe, expect, it } from 'vitest';
import { feedbackId, listId, newsletterHeaders, senderDomain, transactionalHeaders } from './mail-headers';

const FROM = 'Commons <hello@commons.example>';

describe('senderDomain', () => {
  it.each([
    [FROM, 'commons.example'],
    ['hello@News.Example.org', 'news.example.org'],
    ['"Commons, the community" <a@b.example>', 'b.example'],
    ['no address', 'localhost.localdomain'],
    ['x <a@evil.example>\r\nBcc: y>', 'localhost.localdomain'],
  ])('%s -> %s', (from, domain) => {
    expect(senderDomain(from)).toBe(domain);
  });
});

describe('List-Id and Feedback-ID', () => {
  it('name the list after the sender and its domain', () => {
    expect(listId(FROM)).toBe('Commons newsletter <newsletter.commons.example>');
    expect(listId('hello@commons.example')).toBe('Commons newsletter <newsletter.commons.example>');
  });

  it('give the campaign, the kind and the sender, each without a colon', () => {
    expect(feedbackId('issue42', 'newsletter', FROM)).toBe('issue42:newsletter:commons.example');
    expect(feedbackId('a:b c', 'transactional', FROM)).toBe('a-b-c:transactional:commons.example');
    expect(newsletterHeaders('issue42', FROM)).toEqual({
      'List-Id': 'Commons newsletter <newsletter.commons.example>',
      'Feedback-ID': 'issue42:newsletter:commons.example',
    });
    expect(transactionalHeaders('verify-email', FROM)).toEqual({
      'Feedback-ID': 'verify-email:transactional:commons.example',
    });
  });

  it('never carry a line break', () => {
    const from = 'Evil\r\nBcc: x <a@b.example>';
    expect(Object.values(newsletterHeaders('x\r\ny', from)).join('')).not.toMatch(/[\r\n]/);
  });
});
