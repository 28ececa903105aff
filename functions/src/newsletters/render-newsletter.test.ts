import { describe, expect, it } from 'vitest';
import { DEFAULT_TIERS } from '../shared/defaults';
import { personalize, renderNewsletter, UNSUBSCRIBE_PLACEHOLDER } from './render-newsletter';
import { isMailTemplate, renderTemplate } from '../mail/mail-templates';

const issue = {
  subject: 'Joins & <friends>',
  preview: 'Three joins',
  sections: [
    { access: 'public', markdown: 'Intro [link](javascript:alert(1)) <img src=x onerror=alert(1)>' },
    { access: 'premium', markdown: 'Secret premium paragraph' },
  ],
};
const links = { appUrl: 'https://app.test', preferencesUrl: 'https://app.test/account', material: null };

describe('renderNewsletter', () => {
  it('gives a basic reader the upgrade prompt and never the premium text, in HTML or text', () => {
    const r = renderNewsletter(issue, 20, DEFAULT_TIERS, links);
    expect(r.html + r.text).not.toContain('Secret premium paragraph');
    expect(r.html).toContain('href="https://app.test/pricing?plan=premium"');
    expect(r.text).toContain('This part is for Premium members.');
    expect(r.text).toContain('Upgrade to Premium to read it: https://app.test/pricing?plan=premium');
  });

  it('makes the text part from the rendered HTML: no markdown syntax, no tags, the postal address', () => {
    const markdown =
      '## This week\n\nA tutorial on **window functions**, with [examples](https://example.com).\n\n- one\n- two';
    const r = renderNewsletter(
      { ...issue, subject: 'Joins', sections: [{ access: 'public', markdown }] },
      10,
      DEFAULT_TIERS,
      {
        ...links,
        postalAddress: 'Commons e.V., Musterstraße 1, 10115 Berlin',
      },
    );
    expect(r.text).toContain('A tutorial on window functions, with examples [https://example.com].');
    expect(r.text).toContain('This week');
    expect(r.text).not.toMatch(/\*\*|##|\]\(|<\/?[a-z][^>]*>/i);
    expect(r.text).toContain('Commons e.V., Musterstraße 1, 10115 Berlin');
    expect(r.html).toContain('Commons e.V., Musterstraße 1, 10115 Berlin');
  });

  it('gives a premium reader every section and no prompt', () => {
    const r = renderNewsletter(issue, 40, DEFAULT_TIERS, links);
    expect(r.html).toContain('Secret premium paragraph');
    expect(r.html).not.toContain('Upgrade to');
  });

  it('escapes the subject and sanitizes the markdown', () => {
    const { html } = renderNewsletter(issue, 40, DEFAULT_TIERS, links);
    expect(html).toContain('Joins &amp; &lt;friends&gt;');
    // Typed HTML stays text and the javascript: link is not a link: both inert.
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<img|href="javascript:/i);
  });

  it('puts each recipient’s unsubscribe link in the body and the one-click headers', () => {
    const url = 'https://fn.test/unsubscribe?u=a&t=b';
    const copy = personalize(renderNewsletter(issue, 10, DEFAULT_TIERS, links), url);
    expect(copy.html).toContain('href="https://fn.test/unsubscribe?u=a&amp;t=b"');
    expect(copy.text).toContain(`Unsubscribe: ${url}`);
    expect(copy.html + copy.text).not.toContain(UNSUBSCRIBE_PLACEHOLDER);
    expect(copy.headers).toEqual({
      'List-Unsubscribe': `<${url}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });
});

describe('renderTemplate', () => {
  it('renders a template with escaped data', () => {
    const r = renderTemplate('welcome', { tier: 'main', tierName: '<Main>' }, 'https://app.test');
    expect(r.subject).toBe('Welcome to <Main>');
    expect(r.html).toContain('Welcome to &lt;Main&gt;');
    expect(r.text).toContain('Open the catalog: https://app.test/');
  });

  it('puts the postal address in the footer of both parts, and a text part without tags', () => {
    const r = renderTemplate('welcome', { tier: 'main', tierName: 'Main' }, 'https://app.test', 'Commons, 1 Road <x>');
    expect(r.html).toContain('Commons, 1 Road &lt;x&gt;');
    expect(r.text).toContain('Commons, 1 Road <x>');
    expect(r.text.replace('<x>', '')).not.toMatch(/<\/?[a-z][^>]*>/i);
  });

  it('knows its templates by name; outbox documents with another name are refused', () => {
    expect(isMailTemplate('community-invite')).toBe(true);
    expect(isMailTemplate('nope')).toBe(false);
    expect(isMailTemplate('toString')).toBe(false);
  });

  const invite = (slackInviteUrl: string, telegramInviteUrl: string) =>
    renderTemplate('community-invite', { slackInviteUrl, telegramInviteUrl }, 'https://app.test');

  it('checks the data each template needs at compile time', () => {
    // @ts-expect-error welcome needs the plan, not a confirmation link
    renderTemplate('welcome', { confirmUrl: 'https://x.test' }, 'https://app.test');
    // @ts-expect-error an unknown template does not compile
    expect(() => renderTemplate('nope', {}, 'https://app.test')).toThrow();
    expect(invite('', 'https://t.me/x').text).toContain('https://t.me/x');
    expect(invite('', 'https://t.me/x').text).toContain(
      'See the community links in your account: https://app.test/account',
    );
  });

  it('puts only https invite links into the community invite (the web check, httpsUrl)', () => {
    const good = invite(' https://join.slack.com/t/x ', 'https://t.me/x');
    expect(good.text).toContain('Join us on Slack: https://join.slack.com/t/x');
    expect(good.html).toContain('href="https://join.slack.com/t/x"');
    const bad = invite('javascript:alert(1)', 'http://t.me/x');
    expect(bad.html).not.toContain('javascript:');
    expect(bad.text).not.toContain('t.me');
    expect(bad.html).toContain('href="https://app.test/account"');
  });

  it('puts the Auth action link of verify-email behind its button, attribute-escaped', () => {
    const link = 'https://auth.test/__/auth/action?mode=verifyEmail&oobCode=abc"x';
    const r = renderTemplate('verify-email', { verifyUrl: link }, 'https://app.test');
    expect(r.subject).toBe('Verify your email address');
    expect(r.text).toContain(`Verify my email: ${link}`);
    expect(r.html).toContain('mode=verifyEmail&amp;oobCode=abc&quot;x');
    expect(r.html).not.toContain('abc"x');
  });
});
