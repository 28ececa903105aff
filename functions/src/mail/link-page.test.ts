import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LINK_PAGE_STYLESHEET, linkPageHtml } from './link-page';

describe('linkPageHtml', () => {
  const html = linkPageHtml({
    title: 'A <b> title',
    blocks: ['<h1>Hi</h1>'],
    footer: ['<a href="/account">Account</a>'],
  });

  it('carries no inline style, which the CSP (style-src self) would block, and links the static stylesheet', () => {
    expect(html).not.toMatch(/\sstyle=|<style/i);
    expect(html).toContain(`<link rel="stylesheet" href="${LINK_PAGE_STYLESHEET}">`);
    expect(existsSync(join(__dirname, '../../../web/public', LINK_PAGE_STYLESHEET))).toBe(true);
  });

  it('escapes the title and keeps the blocks and footer', () => {
    expect(html).toContain('<title>A &lt;b&gt; title</title>');
    expect(html).toContain('<h1>Hi</h1>');
    expect(html).toContain('<a href="/account">Account</a>');
  });
});
