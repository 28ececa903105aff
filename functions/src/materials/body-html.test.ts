import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { markdownHash } from '../shared/body-html';
import { isSafeUrl } from '../shared/markdown';
import { bodyHtmlUpdate } from './body-html';

// Pages show the HTML that functions stored (v-html), so the XSS corpus goes through that server path:
// the trigger's `bodyHtmlUpdate`, i.e. the shared sanitizer over jsdom.
function renderMarkdown(markdown: string): string {
  const update = bodyHtmlUpdate({ markdown });
  if (!update) throw new Error('a body without HTML must be rendered');
  return update.html;
}

/** Classic XSS payloads: as markdown, as raw HTML inside markdown, and mutation (mXSS) tricks. */
const CORPUS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<IMG SRC=x OnErRoR=alert(1)>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<body onload=alert(1)>',
  '<div onmouseover="alert(1)">hover</div>',
  '<details open ontoggle=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '[x](javascript:alert(1))',
  '[x](JAVASCRIPT:alert(1))',
  '[x](jav&#x09;ascript:alert(1))',
  '[x](jav&#x0A;ascript:alert(1))',
  '[x](  javascript:alert(1))',
  '[x](<javascript:alert(1)>)',
  '[x](javascript&colon;alert(1))',
  '[x](&#x6A;avascript:alert(1))',
  '[x](vbscript:msgbox(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](javascript:alert(document.cookie) "title")',
  '[x]: javascript:alert(1)\n\n[link][x]',
  '![x](javascript:alert(1))',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '<javascript:alert(1)>',
  'javascript:alert(1)',
  '<iframe src="https://evil.example"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="https://evil.example"><input name=a><button formaction=javascript:alert(1)>go</button></form>',
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<style>body{background:red}</style>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<svg><style><img src=x onerror=alert(1)></style></svg>',
  '<base href="javascript:alert(1)//">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '```\n<script>alert(1)</script>\n```',
  '`<img src=x onerror=alert(1)>`',
  '> <img src=x onerror=alert(1)>\n\n- <a href=javascript:alert(1)>x</a>',
  '<pre tabindex=0 autofocus onfocus=alert(1)>x</pre>\n\n```\n<pre onfocus=alert(1)>\n```',
];

function parse(html: string): Element[] {
  const doc = new JSDOM(`<!doctype html><body>${html}</body>`).window.document;
  return [...doc.body.querySelectorAll('*')];
}

const FORBIDDEN_TAGS = [
  'SCRIPT',
  'IFRAME',
  'FRAME',
  'OBJECT',
  'EMBED',
  'FORM',
  'INPUT',
  'BUTTON',
  'STYLE',
  'SVG',
  'MATH',
  'BASE',
  'META',
  'LINK',
];

describe('stored body HTML sanitizes the XSS corpus', () => {
  it('has a corpus of at least 20 payloads', () => expect(CORPUS.length).toBeGreaterThanOrEqual(20));

  it.each(CORPUS.map((p) => [p]))('%s', (payload) => {
    const html = renderMarkdown(payload);
    expect(html.toLowerCase()).not.toContain('<script');
    for (const el of parse(html)) {
      expect(FORBIDDEN_TAGS).not.toContain(el.tagName.toUpperCase());
      for (const attr of el.getAttributeNames()) {
        expect(attr).not.toMatch(/^on/i);
        expect(attr).not.toBe('style');
        const value = el.getAttribute(attr) ?? '';
        expect(value.replace(/\s/g, '').toLowerCase()).not.toMatch(/(java|vb)script:|data:/);
        if (attr === 'href' || attr === 'src') expect(isSafeUrl(value)).toBe(true);
      }
    }
  });
});

describe('isSafeUrl', () => {
  it.each([
    'https://a.example/x',
    'http://a.example',
    'mailto:a@b.example',
    '/materials/x',
    './img.png',
    '../x',
    'img.png',
    '#top',
    '?q=1',
    '//cdn.example/x.png',
  ])('allows %s', (url) => expect(isSafeUrl(url)).toBe(true));
  it.each([
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:x',
    'data:text/html,x',
    'vbscript:x',
    'tel:123',
    'file:///etc/passwd',
    '\u0001javascript:x',
  ])('refuses %j', (url) => expect(isSafeUrl(url)).toBe(false));
});

describe('stored body HTML renders ordinary markdown', () => {
  const html = renderMarkdown(
    [
      '## Title',
      '',
      'Some **bold** and _italic_ text with `code`.',
      '',
      '- one',
      '- two',
      '',
      '1. first',
      '',
      '```sql',
      'SELECT 1 < 2;',
      '```',
      '',
      '[docs](https://duckdb.org/docs/) and [home](/pricing) and [mail](mailto:team@example.com)',
      '',
      '![chart](https://example.com/c.png)',
      '',
      '| a | b |',
      '| - | - |',
      '| 1 | 2 |',
      '',
      'See https://example.org too.',
    ].join('\n'),
  );
  const els = parse(html);
  const links = els.filter((e) => e.tagName === 'A');

  it('keeps structure', () => {
    expect(els.map((e) => e.tagName)).toEqual(
      expect.arrayContaining(['H2', 'STRONG', 'EM', 'CODE', 'UL', 'OL', 'LI', 'PRE', 'A', 'IMG', 'TABLE', 'TD']),
    );
    expect(els.find((e) => e.tagName === 'PRE')?.textContent).toContain('SELECT 1 < 2;');
    // A long line scrolls: the block takes the keyboard focus, and only code blocks do.
    expect(els.find((e) => e.tagName === 'PRE')?.getAttribute('tabindex')).toBe('0');
    expect(els.filter((e) => e.hasAttribute('tabindex')).map((e) => e.tagName)).toEqual(['PRE']);
    expect(els.find((e) => e.tagName === 'IMG')?.getAttribute('src')).toBe('https://example.com/c.png');
  });

  it('opens external links safely and leaves internal ones alone', () => {
    const external = links.find((a) => a.getAttribute('href') === 'https://duckdb.org/docs/');
    expect(external?.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(external?.getAttribute('target')).toBe('_blank');
    const internal = links.find((a) => a.getAttribute('href') === '/pricing');
    expect(internal?.hasAttribute('target')).toBe(false);
    expect(links.some((a) => a.getAttribute('href') === 'mailto:team@example.com')).toBe(true);
  });

  it('linkifies bare URLs', () => {
    expect(links.some((a) => a.getAttribute('href') === 'https://example.org')).toBe(true);
  });

  it('shows raw HTML as text instead of rendering it', () => {
    const out = renderMarkdown('<b>hi</b>');
    expect(out).toContain('&lt;b&gt;hi&lt;/b&gt;');
    expect(parse(out).some((e) => e.tagName === 'B')).toBe(false);
  });
});

describe('bodyHtmlUpdate', () => {
  const markdown = '## Joins\n\nKeyed state.';

  it('renders a body that has no HTML yet, fingerprinting its markdown', () => {
    const update = bodyHtmlUpdate({ markdown });
    expect(update?.html).toContain('<h2>Joins</h2>');
    expect(update?.htmlOf).toBe(markdownHash(markdown));
  });

  it('leaves HTML rendered from the current markdown alone (the trigger is idempotent)', () => {
    expect(bodyHtmlUpdate({ markdown, html: '<p>kept</p>', htmlOf: markdownHash(markdown) })).toBeNull();
  });

  it('renders again when the markdown changed since', () => {
    const update = bodyHtmlUpdate({ markdown, html: '<p>old</p>', htmlOf: markdownHash('old') });
    expect(update?.html).toContain('Keyed state.');
  });
});
